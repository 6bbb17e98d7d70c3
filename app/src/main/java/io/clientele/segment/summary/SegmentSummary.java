package io.clientele.segment.summary;

import io.clientele.segment.Condition;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentContext;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentPredicate;
import io.clientele.segment.sql.SegmentSql;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The segment summary: {@code segment_customer}, one narrow row per customer with everything a condition can ask,
 * so that a count is one scan of it instead of a join of customers, scores and receipts (see docs/architecture.md,
 * "Segments"). A count through it is exact whatever its age: customers changed since the last refresh (marked in
 * {@code segment_dirty} by triggers, in the writer's transaction) are read from the base tables, and the summary is
 * not used at all when it holds another scoring run's scores, counts days in another zone, or a product's SKU,
 * brand or category changed since ({@link #count} is then empty and the plain query answers).
 */
@Service
public class SegmentSummary {
    private static final Logger log = LoggerFactory.getLogger(SegmentSummary.class);
    private static final long LOCK = 0x5e65_7375_6d6dL;

    private final JdbcClient jdbc;
    private final FieldRegistry fields;
    private final TransactionTemplate refreshTransaction;
    private final Clock clock;

    SegmentSummary(JdbcClient jdbc, FieldRegistry fields, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.clock = clock;
        this.refreshTransaction = new TransactionTemplate(transactions);
        // one snapshot for the rebuild and for the marks it clears
        refreshTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** What the current summary holds and how old it is. */
    public record State(
            @Nullable Long runId,
            ZoneId zone,
            Instant builtAt,
            long buildMillis,
            long customers,
            long dirtyCustomers,
            boolean stale,
            long revision) {}

    public Optional<State> state() {
        return jdbc.sql("""
                        select run_id, zone, built_at, build_ms, customers, stale, revision,
                               (select count(distinct customer_id) from segment_dirty) as dirty
                        from segment_summary""")
                .query((rs, row) -> new State(
                        rs.getObject("run_id", Long.class),
                        ZoneId.of(rs.getString("zone")),
                        rs.getTimestamp("built_at").toInstant(),
                        rs.getLong("build_ms"),
                        rs.getLong("customers"),
                        rs.getLong("dirty"),
                        rs.getBoolean("stale"),
                        rs.getLong("revision")))
                .optional();
    }

    /**
     * The number of customers the condition selects, through the summary; empty when the summary cannot answer
     * (none built yet, another run or zone, stale).
     */
    public OptionalLong count(Condition condition, SegmentContext context) {
        return countQuery(condition, context, "")
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** The plan and timings of a count through the summary ({@code explain analyze}), for benchmarks and support. */
    public List<String> explainCount(Condition condition, SegmentContext context) {
        return countQuery(condition, context, "explain (analyze, buffers) ")
                .query(String.class)
                .list();
    }

    private JdbcClient.StatementSpec countQuery(Condition condition, SegmentContext context, String explain) {
        SegmentPredicate summary = SegmentSql.compileSummary(condition, fields, context, "q");
        SegmentPredicate plain = SegmentSql.compile(condition, fields, context);
        Map<String, Object> params = new HashMap<>(plain.params());
        params.putAll(summary.params());
        // one statement: the guard, the summary's rows and the marks are read in one snapshot. Marked customers are
        // tested one by one (offset 0 keeps the planner from turning the plain predicate into joins over all receipts)
        return jdbc.sql(explain
                        + "select case when (select g.run_id is not distinct from :summaryRun and g.zone = :zone"
                        + " and not g.stale from segment_summary g)"
                        + " then (select count(*)" + SegmentSql.SUMMARY_FROM
                        + " where not exists (select 1 from segment_dirty d where d.customer_id = c.id) and "
                        + summary.where() + ")"
                        + " + (select count(*) from (select distinct customer_id from segment_dirty) d where exists"
                        + " (select 1" + SegmentPredicate.FROM + " where c.id = d.customer_id and " + plain.where()
                        + " offset 0))"
                        + " end")
                .params(params)
                .param("summaryRun", context.runId(), java.sql.Types.BIGINT);
    }

    /** What a refresh did. */
    public record Refresh(boolean done, long customers, long millis) {}

    /** What a fold did: how many marked customers' rows it rewrote, or why it did not. */
    public record Fold(Outcome outcome, long customers, long millis) {
        public enum Outcome {
            /** The marked customers' rows were rewritten. */
            FOLDED,
            /** No customer was marked. */
            NOTHING,
            /** Another refresh or fold holds the summary. */
            BUSY,
            /** Only a rebuild can bring the summary up to date (see {@link #fold}). */
            REBUILD_NEEDED
        }
    }

    /**
     * Days of room the tokens keep after the last receipt's day, so that a year of new receipts can be folded into
     * the summary before a rebuild must widen its days.
     */
    private static final int DAYS_AHEAD = 366;

    /** How much of the summary a fold may rewrite; beyond it a rebuild is the cheaper way. */
    private static final int FOLD_AT_MOST_PERCENT = 20;

    /**
     * Rebuilds the summary from the base tables with the given run's scores (null: none) and today's zone, in one
     * repeatable-read transaction that also clears the marks its snapshot saw; a refresh another process is running
     * makes this one do nothing. Readers keep the old summary until the new one commits.
     */
    public Refresh refresh(@Nullable Long runId) {
        ZoneId zone = clock.getZone();
        long started = System.nanoTime();
        Long customers = refreshTransaction.execute(status -> {
            Long rebuilt = lock() ? rebuild(runId, zone, started) : null;
            if (rebuilt == null) {
                status.setRollbackOnly();
            }
            return rebuilt;
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (customers == null) {
            return new Refresh(false, 0, millis);
        }
        // hint bits and the visibility map now, not on the first count
        jdbc.sql("vacuum segment_customer").update();
        log.info("Segment summary refreshed: {} customers in {} ms", customers, millis);
        return new Refresh(true, customers, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Rewrites the rows of the customers marked changed (in the same repeatable-read way as a rebuild, clearing only
     * the marks its snapshot saw) and counts a revision, remembering in {@code segment_change} whose rows it wrote.
     * Only a rebuild will do when the summary holds another run or zone, is stale, more than a fifth of the customers
     * are marked, or a marked customer has a receipt outside the summary's days. Products new since the rebuild get
     * the next codes of their level.
     */
    public Fold fold(@Nullable Long runId) {
        long started = System.nanoTime();
        long[] folded = {0};
        Fold.Outcome outcome = Objects.requireNonNull(refreshTransaction.execute(status -> {
            if (!lock()) {
                return Fold.Outcome.BUSY;
            }
            Optional<Map<String, Object>> summary = jdbc
                    .sql("select run_id, zone, first_day, span, customers, stale from segment_summary")
                    .query()
                    .listOfRows()
                    .stream()
                    .findFirst();
            if (summary.isEmpty()
                    || !Objects.equals(summary.get().get("run_id"), runId)
                    || !clock.getZone().getId().equals(summary.get().get("zone"))
                    || Boolean.TRUE.equals(summary.get().get("stale"))) {
                return Fold.Outcome.REBUILD_NEEDED;
            }
            LocalDate firstDay = ((java.sql.Date) summary.get().get("first_day")).toLocalDate();
            int span = ((Number) summary.get().get("span")).intValue();
            long customers = ((Number) summary.get().get("customers")).longValue();
            long marked = jdbc.sql("create temporary table segment_fold on commit drop as"
                            + " select distinct customer_id from segment_dirty")
                    .update();
            if (marked == 0) {
                return Fold.Outcome.NOTHING;
            }
            if (marked * 100 > Math.max(customers, 1_000) * FOLD_AT_MOST_PERCENT) {
                return Fold.Outcome.REBUILD_NEEDED;
            }
            jdbc.sql("analyze segment_fold").update();
            stage(Scope.FOLDED, clock.getZone());
            boolean withinDays = jdbc.sql("select coalesce(bool_and(day between cast(:firstDay as date)"
                            + " and cast(:lastDay as date)), true) from (" + stagedDays() + ") x")
                    .param("firstDay", firstDay)
                    .param("lastDay", firstDay.plusDays(span - 1L))
                    .query(Boolean.class)
                    .single();
            if (!withinDays || !addTerms(span)) {
                status.setRollbackOnly();
                return Fold.Outcome.REBUILD_NEEDED;
            }
            long removed = jdbc.sql("delete from segment_customer where id in (select customer_id from segment_fold)")
                    .update();
            folded[0] = writeRows(Scope.FOLDED, runId, clock.getZone(), firstDay, span);
            jdbc.sql("""
                            with next as (update segment_summary set revision = revision + 1, folded_at = now(),
                                                 customers = customers + :added
                                          returning revision)
                            insert into segment_change (customer_id, revision)
                            select f.customer_id, (select revision from next) from segment_fold f
                            on conflict (customer_id) do update set revision = excluded.revision""").param("added", folded[0] - removed).update();
            // only the marks this snapshot saw: a receipt committed after it keeps its customer marked
            jdbc.sql("delete from segment_dirty where customer_id in (select customer_id from segment_fold)")
                    .update();
            return Fold.Outcome.FOLDED;
        }));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (outcome == Fold.Outcome.FOLDED) {
            log.info("Segment summary folded: {} changed customers in {} ms", folded[0], millis);
        }
        return new Fold(outcome, folded[0], millis);
    }

    /** The summary's lock, held to the end of the transaction; false when another refresh or fold holds it. */
    private boolean lock() {
        jdbc.sql("set local work_mem = '256MB'").update();
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                .param("lock", LOCK)
                .query(Boolean.class)
                .single());
    }

    private @Nullable Long rebuild(@Nullable Long runId, ZoneId zone, long started) {
        stage(Scope.ALL, zone);
        Map<String, Object> range = jdbc.sql(
                        "select min(day) as first_day, max(day) as last_day from (" + stagedDays() + ") x")
                .query()
                .singleRow();
        LocalDate firstDay = range.get("first_day") == null
                ? LocalDate.now(clock)
                : ((java.sql.Date) range.get("first_day")).toLocalDate();
        LocalDate lastDay =
                range.get("last_day") == null ? firstDay : ((java.sql.Date) range.get("last_day")).toLocalDate();
        long days = java.time.temporal.ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        jdbc.sql("delete from segment_term").update();
        // room ahead for folding new days in, unless the products would then not fit the tokens
        int span = (int) Math.min(days + DAYS_AHEAD, Integer.MAX_VALUE);
        if (!addTerms(span)) {
            span = (int) days;
            if (!addTerms(span)) {
                log.warn("Segment summary not built: the products over {} days do not fit its tokens", days);
                return null;
            }
        }
        jdbc.sql("create table segment_customer_next (like segment_customer including defaults including constraints)")
                .update();
        long customers = writeRows(Scope.ALL, runId, zone, firstDay, span);
        jdbc.sql("drop table segment_customer").update();
        jdbc.sql("alter table segment_customer_next rename to segment_customer").update();
        jdbc.sql("alter table segment_customer add constraint segment_customer_pkey primary key (id)")
                .update();
        jdbc.sql("analyze segment_customer").update();
        // only the marks this snapshot saw: a receipt committed after it keeps its customer marked
        jdbc.sql("delete from segment_dirty").update();
        jdbc.sql("analyze segment_dirty").update();
        jdbc.sql("delete from segment_change").update();
        jdbc.sql("""
                        insert into segment_summary (singleton, run_id, zone, first_day, span, customers, built_at,
                                                     build_ms, stale)
                        values (true, :run, :zone, :firstDay, :span, :customers, now(), :millis, false)
                        on conflict (singleton) do update set run_id = excluded.run_id, zone = excluded.zone,
                            first_day = excluded.first_day, span = excluded.span, customers = excluded.customers,
                            built_at = excluded.built_at, build_ms = excluded.build_ms, stale = false,
                            revision = segment_summary.revision + 1, folded_at = null""")
                .param("run", runId, java.sql.Types.BIGINT)
                .param("zone", zone.getId())
                .param("firstDay", firstDay)
                .param("span", span)
                .param("customers", customers)
                .param("millis", (System.nanoTime() - started) / 1_000_000)
                .update();
        return customers;
    }

    /**
     * Gives every value of every term column without a code the next code of its column; false when the largest
     * code's tokens would no longer fit an int over {@code span} days (the caller rolls back).
     */
    private boolean addTerms(int span) {
        for (SegmentField.TermColumn terms : fields.terms()) {
            jdbc.sql("""
                            insert into segment_term (level, value, code)
                            select :level, v.value,
                                   (coalesce((select max(code) from segment_term t where t.level = :level), 0)
                                    + row_number() over (order by v.value))::int
                            from (select distinct value from (""" + terms.values() + """
                            ) x(value) where value is not null) v
                            where not exists (select 1 from segment_term t where t.level = :level and t.value = v.value)""").param("level", terms.name()).update();
        }
        long largest = jdbc.sql("select coalesce(max(code), 0) from segment_term")
                .query(Long.class)
                .single();
        return (largest + 1) * span < Integer.MAX_VALUE;
    }

    /**
     * Which customers' rows {@link #writeRows} writes: all of them into the next table, or the marked ones being
     * folded (listed in {@code segment_fold}) into the summary itself. The fragments are constants, never input.
     */
    private enum Scope {
        ALL("segment_customer_next", ""),
        FOLDED("segment_customer", " in (select customer_id from segment_fold)");

        private final String table;
        private final String customers;

        Scope(String table, String customers) {
            this.table = table;
            this.customers = customers;
        }

        /** A condition that {@code column} is one of the scope's customers, after {@code keyword}; none for all. */
        String only(String keyword, String column) {
            return customers.isEmpty() ? "" : " " + keyword + " " + column + customers;
        }
    }

    /**
     * Stages what the customers of the scope did, per day, in temporary tables the rest of the transaction reads:
     * {@code segment_days}, each tally's running total at each day with a receipt (cancelled ones left out), and
     * {@code segment_terms_<i>}, the values each term column's rows give per day.
     */
    private void stage(Scope scope, ZoneId zone) {
        List<SegmentField.TallyColumn> tallies = fields.tallies();
        StringBuilder daily = new StringBuilder();
        StringBuilder running = new StringBuilder();
        for (int i = 0; i < tallies.size(); i++) {
            daily.append(", ")
                    .append(tallies.get(i).aggregate())
                    .append(" as t")
                    .append(i);
            running.append(", sum(t").append(i).append(") over w as t").append(i);
        }
        jdbc.sql("create temporary table segment_days on commit drop as select customer_id, day" + running
                        + " from (select b.customer_id, (b.sold_at at time zone :zone)::date as day" + daily
                        + " from sale b where b.customer_id is not null and b.kind <> 'CANCELLED'"
                        + scope.only("and", "b.customer_id") + " group by 1, 2) d"
                        + " window w as (partition by customer_id order by day)")
                .param("zone", zone.getId())
                .update();
        List<SegmentField.TermColumn> terms = fields.terms();
        for (int i = 0; i < terms.size(); i++) {
            jdbc.sql("create temporary table segment_terms_" + i + " on commit drop as"
                            + " select x.customer_id, (x.at at time zone :zone)::date as day, x.value from ("
                            + terms.get(i).rows() + ") x(customer_id, value, at) where x.customer_id is not null"
                            + scope.only("and", "x.customer_id") + " group by 1, 2, 3")
                    .param("zone", zone.getId())
                    .update();
        }
    }

    /** Every day staged, as a query of {@code day}. */
    private String stagedDays() {
        StringBuilder days = new StringBuilder("select day from segment_days");
        for (int i = 0; i < fields.terms().size(); i++) {
            days.append(" union all select day from segment_terms_").append(i);
        }
        return days.toString();
    }

    /**
     * Writes one summary row per customer of the scope from the base tables, the run's scores and what {@link #stage}
     * staged; how many. Every column is named by the registered fields' descriptions.
     */
    private long writeRows(Scope scope, @Nullable Long runId, ZoneId zone, LocalDate firstDay, int span) {
        StringBuilder names = new StringBuilder("id");
        StringBuilder values = new StringBuilder("c.id");
        StringBuilder joins = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        for (SegmentField.Column column : fields.columns()) {
            names.append(", ").append(column.name());
            values.append(", ").append(column.sql());
        }
        List<SegmentField.TallyColumn> tallies = fields.tallies();
        names.append(", days");
        values.append(", coalesce(d.days, '{}')");
        StringBuilder totals = new StringBuilder();
        for (int i = 0; i < tallies.size(); i++) {
            names.append(", ").append(tallies.get(i).name());
            values.append(", coalesce(d.t").append(i).append(", '{}')");
            totals.append(", array_agg(t")
                    .append(i)
                    .append(" order by day) as t")
                    .append(i);
        }
        joins.append(" left join (select customer_id, array_agg(day order by day) as days")
                .append(totals)
                .append(" from segment_days group by 1) d on d.customer_id = c.id");
        List<SegmentField.SetColumn> sets = fields.sets();
        for (int i = 0; i < sets.size(); i++) {
            names.append(", ").append(sets.get(i).name());
            values.append(", coalesce(z").append(i).append(".v, '{}')");
            joins.append(" left join (select x.customer_id, array_agg(distinct x.value order by x.value) as v from (")
                    .append(sets.get(i).rows())
                    .append(") x(customer_id, value)")
                    .append(scope.only("where", "x.customer_id"))
                    .append(" group by 1) z")
                    .append(i)
                    .append(" on z")
                    .append(i)
                    .append(".customer_id = c.id");
        }
        List<SegmentField.TermColumn> terms = fields.terms();
        for (int i = 0; i < terms.size(); i++) {
            names.append(", ").append(terms.get(i).name());
            values.append(", coalesce(k").append(i).append(".tokens, '{}')");
            joins.append(
                            " left join (select r.customer_id, array_agg(distinct t.code * :span + (r.day - cast(:firstDay as date)))")
                    .append(" as tokens from segment_terms_")
                    .append(i)
                    .append(" r join segment_term t on t.level = :term")
                    .append(i)
                    .append(" and t.value = r.value group by 1) k")
                    .append(i)
                    .append(" on k")
                    .append(i)
                    .append(".customer_id = c.id");
            params.put("term" + i, terms.get(i).name());
        }
        names.append(", custom_attributes");
        values.append(", c.custom_attributes");
        return jdbc.sql("insert into " + scope.table + " (" + names + ") select " + values
                        + " from customer c left join customer_score s on s.customer_id = c.id and s.run_id = :run"
                        + joins + scope.only("where", "c.id") + " order by c.id")
                .params(params)
                .param("run", runId == null ? -1L : runId)
                .param("zone", zone.getId())
                .param("span", span)
                .param("firstDay", firstDay)
                .update();
    }
}
