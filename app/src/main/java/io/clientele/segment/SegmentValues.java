package io.clientele.segment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The value pickers of the builder: what a picker field's values may be, searched by what was typed (contained in
 * the code or the name, case-insensitive), at most {@link #LIMIT}.
 */
@Service
public class SegmentValues {
    public static final int LIMIT = 20;

    /** Each picker's SQL: a value and a label; {@code :q} is a LIKE pattern, {@code :limit} the count. */
    private final Map<String, String> pickers = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
            "products",
            "select sku as value, sku || ' · ' || name as label from product"
                    + " where lower(sku) like :q or lower(name) like :q order by sku limit :limit",
            "brands",
            "select brand as value, brand as label from product where lower(brand) like :q"
                    + " group by brand order by brand limit :limit",
            "categories",
            "select category as value, category as label from product where lower(category) like :q"
                    + " group by category order by category limit :limit",
            "stores",
            "select code as value, code || ' · ' || name as label from store"
                    + " where lower(code) like :q or lower(name) like :q or lower(city) like :q order by code limit :limit",
            "regions",
            "select code as value, code || ' · ' || name as label from region"
                    + " where lower(code) like :q or lower(name) like :q order by code limit :limit",
            // the most common first: at millions of customers this reads the column; a city list table would not
            "cities",
            "select city as value, city as label from customer where city is not null and lower(city) like :q"
                    + " group by city order by count(*) desc, city limit :limit",
            "occupations",
            "select occupation as value, occupation as label from customer"
                    + " where occupation is not null and lower(occupation) like :q"
                    + " group by occupation order by count(*) desc, occupation limit :limit",
            "owners",
            "select owner_username as value, owner_username as label from customer"
                    + " where owner_username is not null and lower(owner_username) like :q"
                    + " group by owner_username order by count(*) desc, owner_username limit :limit",
            "tags",
            "select tag as value, tag as label from customer_tag where lower(tag) like :q"
                    + " group by tag order by count(*) desc, tag limit :limit"));

    private final JdbcClient jdbc;

    SegmentValues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A value and how the picker shows it ({@code TV-0001 · 55" OLED}). */
    public record Choice(String value, String label) {}

    public boolean isPicker(String picker) {
        return pickers.containsKey(picker);
    }

    /**
     * Another feature's picker (the campaign feature's list of campaigns): {@code sql} answers {@code value} and
     * {@code label} for {@code :q}, a lower-case LIKE pattern, at most {@code :limit}.
     */
    public void add(String picker, String sql) {
        if (pickers.putIfAbsent(picker, sql) != null) {
            throw new IllegalStateException("a picker '" + picker + "' is already registered");
        }
    }

    public List<Choice> search(String picker, String query) {
        String sql = pickers.get(picker);
        if (sql == null) {
            throw new IllegalArgumentException(
                    "picker: one of " + pickers.keySet().stream().sorted().toList() + ", not '"
                            + (picker.length() > 40 ? picker.substring(0, 40) : picker) + "'");
        }
        String text = query.strip().toLowerCase(Locale.ROOT);
        if (text.length() > 100) {
            text = text.substring(0, 100);
        }
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(sql)
                .param("q", pattern)
                .param("limit", LIMIT)
                .query((rs, row) -> new Choice(rs.getString("value"), rs.getString("label")))
                .list();
    }
}
