package io.clientele.customer;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.nullableInstant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.DataSubject;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads customers: the searchable, sortable, paged list, one profile, the counts of the dashboard, and where a
 * merged customer's identifiers lead now.
 */
@Service
public class Customers {
    private static final TypeReference<Map<String, Object>> ATTRIBUTES = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final DataScopes scopes;

    Customers(JdbcClient jdbc, JsonMapper json, DataScopes scopes) {
        this.jdbc = jdbc;
        this.json = json;
        this.scopes = scopes;
    }

    /** A page of customers whose name, email, phone, card or external id contains {@code query}. */
    public PageResult<CustomerSummary> search(
            @Nullable String query, CustomerSort sort, boolean descending, int page, int size) {
        int pageSize = PageResult.clampSize(size);
        int pageNumber = Math.max(0, page);
        String pattern = query == null || query.isBlank()
                ? null
                : "%" + escapeLike(query.strip().toLowerCase()) + "%";
        DataScope scope = scopes.current();
        String where = "where c.erased_at is null and " + scope.customerPredicate("c")
                + (pattern == null ? " " : " and c.search_text like :pattern ");
        var count = jdbc.sql("select count(*) from customer c " + where).params(scope.parameters());
        var rows = jdbc.sql("""
                select c.id, c.external_id, c.card_number, c.first_name, c.last_name, c.email, c.phone, c.city,
                       c.last_purchase_at, c.created_at
                from customer c %s
                order by %s
                limit :limit offset :offset""".formatted(where, sort.orderBy(descending))).params(scope.parameters());
        if (pattern != null) {
            count = count.param("pattern", pattern);
            rows = rows.param("pattern", pattern);
        }
        long total = count.query(Long.class).single();
        List<CustomerSummary> items = rows.param("limit", pageSize)
                .param("offset", (long) pageNumber * pageSize)
                .query(Customers::summary)
                .list();
        return new PageResult<>(items, pageNumber, pageSize, total);
    }

    /**
     * The customer's profile, empty when there is none or when they are outside the current person's data scope (a
     * page and the API then answer 404, as for a customer that does not exist: the scope does not reveal who exists).
     */
    public Optional<CustomerProfile> profile(long id) {
        if (!inScope(id)) {
            return Optional.empty();
        }
        List<CustomerProfile.Consent> consents = jdbc.sql("""
                        select channel, granted, source, recorded_at from customer_consent
                        where customer_id = :id order by channel""")
                .param("id", id)
                .query((rs, n) -> new CustomerProfile.Consent(
                        ConsentChannel.valueOf(rs.getString("channel")),
                        rs.getBoolean("granted"),
                        rs.getString("source"),
                        instant(rs, "recorded_at")))
                .list();
        List<String> tags = jdbc.sql("select tag from customer_tag where customer_id = :id order by tag")
                .param("id", id)
                .query(String.class)
                .list();
        return jdbc.sql("""
                        select c.*, r.code as region_code, r.name as region_name, s.code as store_code,
                               s.name as store_name, c.custom_attributes::text as attributes_json
                        from customer c
                        left join region r on r.id = c.region_id
                        left join store s on s.id = c.home_store_id
                        where c.id = :id and c.erased_at is null""")
                .param("id", id)
                .query((rs, n) -> new CustomerProfile(
                        rs.getLong("id"),
                        rs.getString("external_id"),
                        rs.getString("card_number"),
                        rs.getString("first_name"),
                        rs.getString("last_name"),
                        rs.getString("gender"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getString("email"),
                        rs.getString("phone"),
                        rs.getString("address_line"),
                        rs.getString("postal_code"),
                        rs.getString("city"),
                        rs.getString("region_code"),
                        rs.getString("region_name"),
                        rs.getString("income_band"),
                        rs.getString("occupation"),
                        rs.getString("education"),
                        rs.getString("store_code"),
                        rs.getString("store_name"),
                        rs.getString("owner_username"),
                        rs.getString("source"),
                        CustomAttributes.canonical(json.readValue(rs.getString("attributes_json"), ATTRIBUTES)),
                        tags,
                        consents,
                        nullableInstant(rs, "first_purchase_at"),
                        nullableInstant(rs, "last_purchase_at"),
                        instant(rs, "created_at"),
                        instant(rs, "updated_at")))
                .optional();
    }

    /** Who an export or erasure of this customer is about; empty for an unknown or erased customer. */
    public Optional<DataSubject> subject(long id) {
        return jdbc.sql("""
                        select id, external_id, card_number, email_key, phone_key from customer
                        where id = :id and erased_at is null""")
                .param("id", id)
                .query((rs, n) -> new DataSubject(
                        rs.getLong("id"),
                        rs.getString("external_id"),
                        rs.getString("card_number"),
                        rs.getString("email_key"),
                        rs.getString("phone_key")))
                .optional();
    }

    /** The profile, or a 404 that says where a merged customer went. */
    CustomerProfile require(long id) {
        return profile(id).orElseThrow(() -> notFound(id));
    }

    NotFoundException notFound(long id) {
        return new NotFoundException(survivorOf(id)
                .map(survivor -> "Customer " + id + " was merged into customer " + survivor)
                .orElse("No customer " + id));
    }

    /** The customer a deleted customer was merged into (following later merges of the survivor). */
    /** Whether the current person may see and change the customer (true for one that does not exist). */
    public boolean inScope(long id) {
        DataScope scope = scopes.current();
        return scope.unrestricted()
                || jdbc.sql("select not exists (select 1 from customer c where c.id = :id and not "
                                + scope.customerPredicate("c") + ")")
                        .param("id", id)
                        .params(scope.parameters())
                        .query(Boolean.class)
                        .single();
    }

    /** A 404 for a customer outside the current person's data scope, worded as for one that does not exist. */
    public void requireInScope(long id) {
        if (!inScope(id)) {
            throw new NotFoundException("No customer " + id);
        }
    }

    public Optional<Long> survivorOf(long mergedId) {
        return jdbc.sql("select survivor_id from customer_merge where merged_id = :id")
                .param("id", mergedId)
                .query(Long.class)
                .optional();
    }

    /** The customer with this customer number, or the one it was merged into: how imports find their customer. */
    public Optional<Long> idOfExternalId(String externalId) {
        return resolve("external_id", "merged_external_id", externalId);
    }

    /** The customer with this membership card, or the one whose card it became by a merge. */
    public Optional<Long> idOfCardNumber(String cardNumber) {
        return resolve("card_number", "merged_card_number", cardNumber);
    }

    /**
     * The customer to match a contact to, as duplicate detection keys them: by email (case and blanks ignored), else
     * by phone (its digits, at least six); the lowest id when several share the key.
     */
    public Optional<Long> idOfContact(@Nullable String email, @Nullable String phone) {
        return jdbc.sql("""
                        select id from (
                            select id, 0 as rank from customer
                            where email_key = nullif(lower(btrim(cast(:email as text))), '')
                            union all
                            select id, 1 from customer
                            where phone_key = nullif(regexp_replace(coalesce(cast(:phone as text), ''), '\\D', '', 'g'), '')
                        ) x order by rank, id limit 1""")
                .param("email", email)
                .param("phone", phone)
                .query(Long.class)
                .optional();
    }

    private Optional<Long> resolve(String column, String mergedColumn, String value) {
        // column names are constants of this class, never input
        return jdbc.sql("""
                        select id from (
                            select id, 0 as rank from customer where %s = :value
                            union all
                            select survivor_id, 1 from customer_merge where %s = :value
                        ) x order by rank limit 1""".formatted(column, mergedColumn))
                .param("value", value)
                .query(Long.class)
                .optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from customer").query(Long.class).single();
    }

    /** Customers, prospects included, created in {@code [from, to)}. */
    public long countCreated(Instant from, Instant to) {
        return jdbc.sql("select count(*) from customer where created_at >= :from and created_at < :to")
                .param("from", timestamptz(from))
                .param("to", timestamptz(to))
                .query(Long.class)
                .single();
    }

    static String displayName(@Nullable String firstName, @Nullable String lastName, @Nullable String externalId) {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
        if (!name.isEmpty()) {
            return name;
        }
        return externalId == null ? "(no name)" : externalId;
    }

    private static CustomerSummary summary(ResultSet rs, int row) throws SQLException {
        return new CustomerSummary(
                rs.getLong("id"),
                rs.getString("external_id"),
                rs.getString("card_number"),
                displayName(rs.getString("first_name"), rs.getString("last_name"), rs.getString("external_id")),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("city"),
                nullableInstant(rs, "last_purchase_at"),
                instant(rs, "created_at"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
