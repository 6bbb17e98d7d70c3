package io.clientele.campaign.material;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Placeholders other features add to materials at start-up, so that campaigns need not know them: each a name and
 * its value for a customer as an SQL expression over {@code c} (the customer row), written in code and never taken
 * from input, like a segment field's column. The preview, the senders and the letters select every added value with
 * their customers, in the same query; a blank value shows the placeholder's fallback, as the standard ones do.
 */
@Component
public class MergeFieldRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private record Field(String name, String sql) {}

    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** Adds the placeholder {@code {{name}}}, whose value for a customer is {@code sql} over {@code c}. */
    public synchronized void add(String name, String sql) {
        if (!NAME.matcher(name).matches() || MergeTemplate.NAMES.contains(name) || fields.containsKey(name)) {
            throw new IllegalStateException("placeholder '" + name + "' cannot be added");
        }
        fields.put(name, new Field(name, sql));
        MergeTemplate.allow(name);
    }

    /** The standard placeholders, then the added ones, in the order the pages list them. */
    public List<String> names() {
        List<String> names = new ArrayList<>(MergeTemplate.NAMES);
        names.addAll(fields.keySet());
        return names;
    }

    /**
     * {@code , (<sql>) as merge_0, … }: the added values as columns of a query over {@code c}, ending in a space so
     * that the query's next word can follow.
     */
    public String selectList() {
        StringBuilder select = new StringBuilder();
        int i = 0;
        for (Field field : fields.values()) {
            select.append(", (").append(field.sql()).append(") as merge_").append(i++);
        }
        return select.append(' ').toString();
    }

    /** Puts the row's added values (of {@link #selectList}) that are not blank into {@code values}. */
    public void read(ResultSet row, Map<String, String> values) throws SQLException {
        int i = 0;
        for (Field field : fields.values()) {
            String value = row.getString("merge_" + i++);
            if (value != null && !value.isBlank()) values.put(field.name(), value);
        }
    }
}
