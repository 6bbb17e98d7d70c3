package io.clientele.segment;

import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.PageResult;
import io.clientele.segment.audience.SegmentAudience;
import io.clientele.segment.sql.SegmentSql;
import io.clientele.segment.summary.SegmentSummary;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Counts and lists the customers a condition selects, with their key scores, through {@link SegmentSql}. */
@Service
public class SegmentQueries {
    /** Sort keys as the page and API name them, and the SQL each stands for (never taken from the request). */
    private static final Map<String, String> SORTS = Map.of(
            "name", "c.last_name, c.first_name, c.id",
            "clv", "s.clv_12m desc nulls last, c.id",
            "profit", "s.profit desc nulls last, c.id",
            "recency", "c.last_purchase_at desc nulls last, c.id",
            "since", "c.created_at desc, c.id",
            "grade", "s.grade nulls last, s.profit desc nulls last, c.id",
            "alive", "s.p_alive desc nulls last, c.id");

    /** Sorts by a number the audience index holds in the same order (largest first, none last, then id). */
    private static final Map<String, SegmentField.Column> INDEXED_SORTS =
            Map.of("clv", StandardFields.CLV, "alive", StandardFields.P_ALIVE);

    private final JdbcClient jdbc;
    private final FieldRegistry fields;
    private final ScoreRuns runs;
    private final Clock clock;
    private final SegmentSummary summary;
    private final SegmentAudience audience;

    private final DataScopes scopes;

    SegmentQueries(
            JdbcClient jdbc,
            FieldRegistry fields,
            ScoreRuns runs,
            Clock clock,
            SegmentSummary summary,
            SegmentAudience audience,
            DataScopes scopes) {
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.fields = fields;
        this.runs = runs;
        this.clock = clock;
        this.summary = summary;
        this.audience = audience;
    }

    /** A member of a segment with the scores a list shows. */
    public record Member(
            long id,
            @Nullable String externalId,
            String name,
            @Nullable String email,
            @Nullable String city,
            @Nullable String grade,
            @Nullable String rfmSegment,
            @Nullable BigDecimal lifetimeValue,
            @Nullable BigDecimal probabilityAlive,
            @Nullable String probabilityAliveWithheld,
            @Nullable LocalDate lastPurchase) {}

    /** Today, the zone and the latest completed run: what a condition is evaluated against now. */
    public SegmentContext context() {
        return new SegmentContext(
                LocalDate.now(clock),
                clock.getZone(),
                runs.latestCompleted().map(ScoreRun::id).orElse(null));
    }

    public SegmentPredicate compile(Condition condition) {
        return SegmentSql.compile(condition, fields, context());
    }

    /**
     * Through the audience index in memory when it can answer, else through the segment summary, else with the plain
     * query; the same number every way.
     */
    public long count(Condition condition) {
        SegmentContext context = context();
        return audience.select(condition, context)
                .map(SegmentAudience.Selection::count)
                .orElseGet(() -> summary.count(condition, context).orElseGet(() -> countPlain(condition, context)));
    }

    /** The ids of the customers a condition selects, ascending, from the audience index; empty when it cannot answer. */
    public Optional<long[]> selectedIds(Condition condition) {
        return audience.select(condition, context()).map(SegmentAudience.Selection::ids);
    }

    /** The plain query: customers joined to their scores, receipts read per customer. */
    public long countPlain(Condition condition, SegmentContext context) {
        return count(SegmentSql.compile(condition, fields, context));
    }

    public static boolean isSort(String sort) {
        return SORTS.containsKey(sort);
    }

    public PageResult<Member> members(Condition condition, String sort, int page, int size) {
        return members(condition, context(), sort, page, size);
    }

    /** A page of members and their number: through the audience index when it can answer, else as {@link #count}. */
    public PageResult<Member> members(Condition condition, SegmentContext context, String sort, int page, int size) {
        SegmentPredicate compiled = SegmentSql.compile(condition, fields, context);
        DataScope scope = scopes.current();
        if (!scope.unrestricted()) {
            // a store manager lists the members of their stores, and counts those
            SegmentPredicate scoped = scoped(compiled, scope);
            return members(scoped, sort, page, size, count(scoped));
        }
        Optional<SegmentAudience.Selection> selection = audience.select(condition, context);
        // the page is read by id from the index's answer (no predicate over the receipts) unless the answer holds
        // most customers: passing a million ids costs more than the predicate usually does there (a page sorted by
        // name stops at its 25th row; the empty condition selecting everyone is the builder's first page)
        if (selection.isPresent()
                && selection.get().count() * 2 > selection.get().index().size()) {
            return members(compiled, sort, page, size, selection.get().count());
        }
        if (selection.isPresent()) {
            // ordered by a number the index holds, only the customers who can be on the page are passed
            SegmentField.Column number = INDEXED_SORTS.get(sort);
            long[] ids = number == null
                    ? selection.get().ids()
                    : selection.get().firstBy(number, (int) Math.min(Integer.MAX_VALUE, ((long) page + 1) * size));
            return members(
                    byIds(compiled, ids), sort, page, size, selection.get().count());
        }
        long total = summary.count(condition, context).orElseGet(() -> count(compiled));
        return members(compiled, sort, page, size, total);
    }

    /**
     * The customers with these ids, as a predicate that keeps the parameters of {@code compiled} (the zone and run the
     * member columns read).
     */
    static SegmentPredicate byIds(SegmentPredicate compiled, long[] ids) {
        Map<String, Object> params = new LinkedHashMap<>(compiled.params());
        params.put("selectedIds", java.util.Arrays.stream(ids).boxed().toArray(Long[]::new));
        return new SegmentPredicate("c.id = any(:selectedIds)", params);
    }

    /** The plain query's page and count: customers joined to their scores, receipts read per customer. */
    public PageResult<Member> membersPlain(
            Condition condition, SegmentContext context, String sort, int page, int size) {
        SegmentPredicate compiled = SegmentSql.compile(condition, fields, context);
        return members(compiled, sort, page, size, count(compiled));
    }

    /** How many customers a predicate over {@code c} and {@code s} selects (a condition, a snapshot, an overlap). */
    long count(SegmentPredicate selection) {
        return jdbc.sql("select count(*)" + SegmentPredicate.FROM + " where " + selection.where())
                .params(selection.params())
                .query(Long.class)
                .single();
    }

    /** A page of the customers a predicate selects, of {@code total} in all. */
    PageResult<Member> members(SegmentPredicate selection, String sort, int page, int size, long total) {
        String order = SORTS.get(sort);
        if (order == null) {
            throw new IllegalArgumentException("sort: one of " + SORTS.keySet() + ", not '" + sort + "'");
        }
        Map<String, Object> params = new LinkedHashMap<>(selection.params());
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Member> members = jdbc.sql(MEMBER_COLUMNS + SegmentPredicate.FROM + " where " + selection.where()
                        + " order by " + order + " limit :limit offset :offset")
                .params(params)
                .query(SegmentQueries::member)
                .list();
        return new PageResult<>(members, page, size, total);
    }

    /** The selection limited to the customers of the data scope. */
    private static SegmentPredicate scoped(SegmentPredicate selection, DataScope scope) {
        Map<String, Object> params = new LinkedHashMap<>(selection.params());
        params.putAll(scope.parameters());
        return new SegmentPredicate("(" + selection.where() + ") and " + scope.customerPredicate("c"), params);
    }

    /** The next members by id after {@code afterId}, in the data scope: exports walk a selection in bounded chunks. */
    List<Member> membersAfter(SegmentPredicate unscoped, long afterId, int limit) {
        SegmentPredicate selection = scoped(unscoped, scopes.current());
        Map<String, Object> params = new LinkedHashMap<>(selection.params());
        params.put("after", afterId);
        params.put("limit", limit);
        return jdbc.sql(MEMBER_COLUMNS + SegmentPredicate.FROM + " where c.id > :after and (" + selection.where()
                        + ") order by c.id limit :limit")
                .params(params)
                .query(SegmentQueries::member)
                .list();
    }

    private static final String MEMBER_COLUMNS = "select c.id, c.external_id, c.first_name, c.last_name, c.email,"
            + " c.city, s.grade, s.rfm_segment, s.clv_12m, s.p_alive, " + ScoredCustomers.ALIVE_WITHHELD
            + " as p_alive_withheld,"
            + " (c.last_purchase_at at time zone :zone)::date as last_purchase";

    private static Member member(ResultSet rs, int row) throws SQLException {
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return new Member(
                rs.getLong("id"),
                rs.getString("external_id"),
                name.isEmpty() ? "#" + rs.getLong("id") : name,
                rs.getString("email"),
                rs.getString("city"),
                rs.getString("grade"),
                rs.getString("rfm_segment"),
                rs.getBigDecimal("clv_12m"),
                rs.getBigDecimal("p_alive"),
                rs.getString("p_alive_withheld"),
                rs.getObject("last_purchase", LocalDate.class));
    }
}
