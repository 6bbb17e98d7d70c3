package io.clientele.customer;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.nullableInstant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds customers who may be the same person: the same email (trimmed, any case), the same phone (its digits, at
 * least 6) or the same name and birth date (any case, accents ignored). The keys are generated columns of
 * {@code customer}. A value shared by more than {@value #MAX_GROUP} customers (a shop's own address, 000000) is a
 * placeholder, not a person, and suggests nothing; pairs a reviewer marked as different people are left out.
 */
@Service
public class Duplicates {
    static final int MAX_GROUP = 10;

    public enum MatchKey {
        EMAIL,
        PHONE,
        NAME_BIRTH_DATE
    }

    /** One customer of a pair, with how many rows of each merge participant (receipts, timeline, ...) it has. */
    public record Side(
            long id,
            @Nullable String externalId,
            @Nullable String cardNumber,
            String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable LocalDate birthDate,
            @Nullable String city,
            Instant createdAt,
            @Nullable Instant lastPurchaseAt,
            Map<String, Integer> related) {
        public boolean hasRelated() {
            return related.values().stream().anyMatch(count -> count > 0);
        }
    }

    /** Two customers and the keys they share; {@code first} has the lower id. */
    public record Pair(List<MatchKey> matches, Side first, Side second) {
        public boolean matched(String key) {
            return matches.stream().anyMatch(m -> m.name().equals(key));
        }
    }

    private record Candidate(long first, long second, List<MatchKey> matches) {}

    // one group per shared key value (not too common), then every pair inside each group
    private static final String CANDIDATES = """
            with groups as (
                select 'EMAIL' as match, array_agg(id) as ids from customer where email_key is not null
                group by email_key having count(*) between 2 and :max
                union all
                select 'PHONE', array_agg(id) from customer where phone_key is not null
                group by phone_key having count(*) between 2 and :max
                union all
                select 'NAME_BIRTH_DATE', array_agg(id) from customer where name_key is not null
                group by name_key, birth_date having count(*) between 2 and :max
            ), pairs as (
                select a.id as first_id, b.id as second_id, g.match
                from groups g cross join lateral unnest(g.ids) a(id) cross join lateral unnest(g.ids) b(id)
                where a.id < b.id
            )
            select first_id, second_id, array_agg(match) as matches from pairs p
            where not exists (select 1 from customer_distinct_pair d
                              where d.customer_id = p.first_id and d.other_id = p.second_id)
            group by first_id, second_id""";

    // the same, from one customer's keys through the indexes
    private static final String CANDIDATES_OF = """
            select least(c.id, o.id) as first_id, greatest(c.id, o.id) as second_id, array_agg(o.match) as matches
            from customer c cross join lateral (
                select x.id, 'EMAIL' as match from customer x
                where x.email_key = c.email_key and x.id <> c.id
                  and (select count(*) from customer y where y.email_key = c.email_key) <= :max
                union all
                select x.id, 'PHONE' from customer x
                where x.phone_key = c.phone_key and x.id <> c.id
                  and (select count(*) from customer y where y.phone_key = c.phone_key) <= :max
                union all
                select x.id, 'NAME_BIRTH_DATE' from customer x
                where x.name_key = c.name_key and x.birth_date = c.birth_date and x.id <> c.id
                  and (select count(*) from customer y where y.name_key = c.name_key and y.birth_date = c.birth_date) <= :max
            ) o
            where c.id = :id and not exists (select 1 from customer_distinct_pair d
                                             where d.customer_id = least(c.id, o.id) and d.other_id = greatest(c.id, o.id))
            group by 1, 2""";

    private final JdbcClient jdbc;
    private final CustomerEditor editor;
    private final AuditTrail audit;
    private final List<CustomerMergeParticipant> participants;
    private final Clock clock;

    Duplicates(
            JdbcClient jdbc,
            CustomerEditor editor,
            AuditTrail audit,
            List<CustomerMergeParticipant> participants,
            Clock clock) {
        this.jdbc = jdbc;
        this.editor = editor;
        this.audit = audit;
        this.participants = participants;
        this.clock = clock;
    }

    /** All candidate pairs, the strongest first (more matching keys), then the most recent profiles. */
    public PageResult<Pair> all(int page, int size) {
        int pageSize = PageResult.clampSize(size);
        int pageNumber = Math.max(0, page);
        long total = jdbc.sql("select count(*) from (" + CANDIDATES + ") c")
                .param("max", MAX_GROUP)
                .query(Long.class)
                .single();
        List<Candidate> candidates = jdbc.sql(CANDIDATES + """

                        order by cardinality(array_agg(match)) desc, second_id desc, first_id desc
                        limit :limit offset :offset""")
                .param("max", MAX_GROUP)
                .param("limit", pageSize)
                .param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> candidate(rs.getLong("first_id"), rs.getLong("second_id"), rs.getArray("matches")))
                .list();
        return new PageResult<>(pairs(candidates), pageNumber, pageSize, total);
    }

    /** The possible duplicates of one customer, the strongest first. */
    public List<Pair> of(long customerId) {
        List<Candidate> candidates = jdbc.sql(CANDIDATES_OF)
                .param("id", customerId)
                .param("max", MAX_GROUP)
                .query((rs, n) -> candidate(rs.getLong("first_id"), rs.getLong("second_id"), rs.getArray("matches")))
                .list();
        return pairs(candidates.stream()
                .sorted(Comparator.comparingInt((Candidate c) -> -c.matches().size())
                        .thenComparing(Candidate::second, Comparator.reverseOrder()))
                .toList());
    }

    /** A reviewer's decision that the two are different people: the pair is no longer suggested. */
    @Transactional
    public void markDistinct(long customerId, long otherId) {
        if (customerId == otherId) {
            throw new InvalidInputException(FieldProblem.of("otherId", "validation.mergeSelf"));
        }
        long first = Math.min(customerId, otherId);
        long second = Math.max(customerId, otherId);
        editor.lock(first);
        editor.lock(second);
        jdbc.sql("""
                        insert into customer_distinct_pair (customer_id, other_id, decided_by, decided_at)
                        values (:first, :second, :by, :at) on conflict do nothing""")
                .param("first", first)
                .param("second", second)
                .param("by", Actor.current().name())
                .param("at", timestamptz(clock.instant()))
                .update();
        audit.record("customer.markedDistinct", "customer", first, Map.of("otherId", second));
    }

    private static Candidate candidate(long first, long second, Array matches) throws SQLException {
        List<MatchKey> keys = Arrays.stream((String[]) matches.getArray())
                .map(MatchKey::valueOf)
                .distinct()
                .sorted()
                .toList();
        return new Candidate(first, second, keys);
    }

    private List<Pair> pairs(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Long> ids = candidates.stream()
                .flatMap(c -> java.util.stream.Stream.of(c.first(), c.second()))
                .distinct()
                .toList();
        Map<Long, Map<String, Integer>> related = ids.stream().collect(Collectors.toMap(id -> id, this::related));
        Map<Long, Side> sides = jdbc
                .sql("""
                        select id, external_id, card_number, first_name, last_name, email, phone, birth_date, city,
                               created_at, last_purchase_at
                        from customer where id in (:ids)""")
                .param("ids", ids)
                .query((rs, n) -> new Side(
                        rs.getLong("id"),
                        rs.getString("external_id"),
                        rs.getString("card_number"),
                        Customers.displayName(
                                rs.getString("first_name"), rs.getString("last_name"), rs.getString("external_id")),
                        rs.getString("email"),
                        rs.getString("phone"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getString("city"),
                        instant(rs, "created_at"),
                        nullableInstant(rs, "last_purchase_at"),
                        related.get(rs.getLong("id"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Side::id, Function.identity()));
        return candidates.stream()
                .map(c -> new Pair(c.matches(), sides.get(c.first()), sides.get(c.second())))
                .toList();
    }

    private Map<String, Integer> related(long customerId) {
        Map<String, Integer> related = new LinkedHashMap<>();
        participants.forEach(p -> related.put(p.name(), p.countRows(customerId)));
        return related;
    }
}
