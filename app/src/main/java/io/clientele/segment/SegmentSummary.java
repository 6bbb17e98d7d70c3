package io.clientele.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            boolean stale) {}

    public Optional<State> state() {
        return jdbc.sql("""
                        select run_id, zone, built_at, build_ms, customers, stale,
                               (select count(distinct customer_id) from segment_dirty) as dirty
                        from segment_summary""")
                .query((rs, row) -> new State(
                        rs.getObject("run_id", Long.class),
                        ZoneId.of(rs.getString("zone")),
                        rs.getTimestamp("built_at").toInstant(),
                        rs.getLong("build_ms"),
                        rs.getLong("customers"),
                        rs.getLong("dirty"),
                        rs.getBoolean("stale")))
                .optional();
    }

    /**
     * The number of customers the condition selects, through the summary; empty when the summary cannot answer
     * (none built yet, another run or zone, stale, or a field it does not hold).
     */
    public OptionalLong count(Condition condition, SegmentSql.Context context) {
        return countQuery(condition, context, "")
                .map(query ->
                        query.query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty()))
                .orElse(OptionalLong.empty());
    }

    /** The plan and timings of a count through the summary ({@code explain analyze}), for benchmarks and support. */
    public List<String> explainCount(Condition condition, SegmentSql.Context context) {
        return countQuery(condition, context, "explain (analyze, buffers) ")
                .map(query -> query.query(String.class).list())
                .orElse(List.of());
    }

    private Optional<JdbcClient.StatementSpec> countQuery(
            Condition condition, SegmentSql.Context context, String explain) {
        Optional<SegmentSql.Compiled> summary = SegmentSql.compileSummary(condition, fields, context, "q");
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        SegmentSql.Compiled plain = SegmentSql.compile(condition, fields, context);
        Map<String, Object> params = new HashMap<>(plain.params());
        params.putAll(summary.get().params());
        // one statement: the guard, the summary's rows and the marks are read in one snapshot. Marked customers are
        // tested one by one (offset 0 keeps the planner from turning the plain predicate into joins over all receipts)
        return Optional.of(jdbc.sql(explain
                        + "select case when (select g.run_id is not distinct from :summaryRun and g.zone = :zone"
                        + " and not g.stale from segment_summary g)"
                        + " then (select count(*)" + SegmentSql.SUMMARY_FROM
                        + " where not exists (select 1 from segment_dirty d where d.customer_id = c.id) and "
                        + summary.get().where() + ")"
                        + " + (select count(*) from (select distinct customer_id from segment_dirty) d where exists"
                        + " (select 1" + SegmentSql.FROM + " where c.id = d.customer_id and " + plain.where()
                        + " offset 0))"
                        + " end")
                .params(params)
                .param("summaryRun", context.runId(), java.sql.Types.BIGINT));
    }

    /** What a refresh did. */
    public record Refresh(boolean done, long customers, long millis) {}

    /**
     * Rebuilds the summary from the base tables with the given run's scores (null: none) and today's zone, in one
     * repeatable-read transaction that also clears the marks its snapshot saw; a refresh another process is running
     * makes this one do nothing. Readers keep the old summary until the new one commits.
     */
    public Refresh refresh(@Nullable Long runId) {
        ZoneId zone = clock.getZone();
        long started = System.nanoTime();
        Long customers = refreshTransaction.execute(status -> {
            jdbc.sql("set local work_mem = '256MB'").update();
            Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                    .param("lock", LOCK)
                    .query(Boolean.class)
                    .single();
            if (!Boolean.TRUE.equals(locked)) {
                return null;
            }
            return rebuild(runId, zone, started);
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

    private @Nullable Long rebuild(@Nullable Long runId, ZoneId zone, long started) {
        Map<String, Object> range =
                jdbc.sql("""
                        select (min(sold_at) at time zone :zone)::date as first_day,
                               (max(sold_at) at time zone :zone)::date as last_day,
                               (select count(*) from product) as products
                        from sale where customer_id is not null and kind <> 'CANCELLED'""").param("zone", zone.getId()).query().singleRow();
        LocalDate firstDay = range.get("first_day") == null
                ? LocalDate.now(clock)
                : ((java.sql.Date) range.get("first_day")).toLocalDate();
        LocalDate lastDay =
                range.get("last_day") == null ? firstDay : ((java.sql.Date) range.get("last_day")).toLocalDate();
        long span = java.time.temporal.ChronoUnit.DAYS.between(firstDay, lastDay) + 1;
        long products = ((Number) range.get("products")).longValue();
        if ((products + 2) * span >= Integer.MAX_VALUE) {
            log.warn("Segment summary not built: {} products over {} days do not fit its tokens", products, span);
            return null;
        }
        jdbc.sql("delete from segment_term").update();
        jdbc.sql("""
                        insert into segment_term (level, value, code)
                        select 'CATEGORY', category, (row_number() over (order by category))::int
                        from (select distinct category from product) x
                        union all
                        select 'BRAND', brand, (row_number() over (order by brand))::int
                        from (select distinct brand from product) x
                        union all
                        select 'PRODUCT', sku, (row_number() over (order by sku))::int from product""").update();
        // per customer and day: sale receipts and net amount, with running totals
        jdbc.sql("""
                        create temporary table segment_days on commit drop as
                        select customer_id, day, sum(receipts) over w as purchases, sum(spent) over w as spent
                        from (select b.customer_id, (b.sold_at at time zone :zone)::date as day,
                                     count(*) filter (where b.kind = 'SALE') as receipts,
                                     sum(b.total_amount) as spent
                              from sale b where b.customer_id is not null and b.kind <> 'CANCELLED'
                              group by 1, 2) d
                        window w as (partition by customer_id order by day)""").param("zone", zone.getId()).update();
        // what each customer's sale receipts sold, per day
        jdbc.sql("""
                        create temporary table segment_lines on commit drop as
                        select b.customer_id, (b.sold_at at time zone :zone)::date - cast(:firstDay as date) as day,
                               l.product_id
                        from sale b join sale_line l on l.sale_id = b.id
                        where b.customer_id is not null and b.kind = 'SALE'
                        group by 1, 2, 3""").param("zone", zone.getId()).param("firstDay", firstDay).update();
        jdbc.sql("create table segment_customer_next (like segment_customer including defaults including constraints)")
                .update();
        long customers = jdbc.sql("""
                        insert into segment_customer_next
                        select c.id, coalesce(k.email, false), coalesce(k.sms, false), coalesce(k.mail, false),
                               coalesce(k.phone, false), s.churned, s.r, s.f, s.m, s.loyalty, c.region_id,
                               c.home_store_id, c.birth_date, c.created_at, c.last_purchase_at, s.p_alive, s.clv_12m,
                               s.satisfaction, s.grade, s.rfm_segment, s.satisfaction_level, s.matrix_class,
                               c.gender, c.income_band, c.education, c.city, c.occupation,
                               coalesce(d.days, '{}'), coalesce(d.purchases, '{}'), coalesce(d.spent, '{}'),
                               coalesce(l.categories, '{}'), coalesce(l.brands, '{}'), coalesce(l.products, '{}'),
                               coalesce(t.tags, '{}'), c.postal_code, c.email, c.phone, c.custom_attributes
                        from customer c
                        left join customer_score s on s.customer_id = c.id and s.run_id = :run
                        left join (select customer_id, array_agg(tag order by tag) as tags
                                   from customer_tag group by 1) t on t.customer_id = c.id
                        left join (select customer_id,
                                          bool_or(granted) filter (where channel = 'EMAIL') as email,
                                          bool_or(granted) filter (where channel = 'SMS') as sms,
                                          bool_or(granted) filter (where channel = 'MAIL') as mail,
                                          bool_or(granted) filter (where channel = 'PHONE') as phone
                                   from customer_consent group by 1) k on k.customer_id = c.id
                        left join (select customer_id, array_agg(day order by day) as days,
                                          array_agg(purchases::int order by day) as purchases,
                                          array_agg(spent order by day) as spent
                                   from segment_days group by 1) d on d.customer_id = c.id
                        left join (select x.customer_id,
                                          array_agg(distinct tc.code * :span + x.day) as categories,
                                          array_agg(distinct tb.code * :span + x.day) as brands,
                                          array_agg(distinct tp.code * :span + x.day) as products
                                   from segment_lines x join product p on p.id = x.product_id
                                   join segment_term tc on tc.level = 'CATEGORY' and tc.value = p.category
                                   join segment_term tb on tb.level = 'BRAND' and tb.value = p.brand
                                   join segment_term tp on tp.level = 'PRODUCT' and tp.value = p.sku
                                   group by 1) l on l.customer_id = c.id
                        order by c.id""")
                .param("run", runId == null ? -1L : runId)
                .param("span", (int) span)
                .update();
        jdbc.sql("drop table segment_customer").update();
        jdbc.sql("alter table segment_customer_next rename to segment_customer").update();
        jdbc.sql("alter table segment_customer add constraint segment_customer_pkey primary key (id)")
                .update();
        jdbc.sql("analyze segment_customer").update();
        // only the marks this snapshot saw: a receipt committed after it keeps its customer marked
        jdbc.sql("delete from segment_dirty").update();
        jdbc.sql("analyze segment_dirty").update();
        jdbc.sql("""
                        insert into segment_summary (singleton, run_id, zone, first_day, span, customers, built_at,
                                                     build_ms, stale)
                        values (true, :run, :zone, :firstDay, :span, :customers, now(), :millis, false)
                        on conflict (singleton) do update set run_id = excluded.run_id, zone = excluded.zone,
                            first_day = excluded.first_day, span = excluded.span, customers = excluded.customers,
                            built_at = excluded.built_at, build_ms = excluded.build_ms, stale = false""")
                .param("run", runId, java.sql.Types.BIGINT)
                .param("zone", zone.getId())
                .param("firstDay", firstDay)
                .param("span", (int) span)
                .param("customers", customers)
                .param("millis", (System.nanoTime() - started) / 1_000_000)
                .update();
        return customers;
    }
}
