package io.clientele.merchandising;

import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The salespeople of a month or quarter: their revenue against their target, ranked by attainment; their customers'
 * value in the latest scoring run; and their retention, the share of their card holders of the period before who
 * bought from them again in this one. Revenue is that of the sales explorer: the receipts' lines, returns
 * subtracted. A store manager sees their stores' salespeople and those stores' receipts only.
 */
@Service
public class SalespersonAppraisal {
    /**
     * One salesperson's period: revenue, target and attainment (revenue / target; none without a target or with a
     * target of 0), rank by attainment (1 the highest; none without attainment), sale receipts, card holders, their
     * customers' average 12-month lifetime value and share of grade A in the latest scoring run, and retention.
     */
    public record Row(
            @Nullable Integer rank,
            String salesperson,
            String name,
            String store,
            BigDecimal revenue,
            @Nullable BigDecimal target,
            @Nullable BigDecimal attainment,
            long receipts,
            long customers,
            @Nullable BigDecimal customersClv,
            @Nullable BigDecimal gradeAShare,
            long previousCustomers,
            long retained,
            @Nullable BigDecimal retention) {}

    /** The period's rows, ranked, and the scoring run the customers' value comes from (none before the first). */
    public record Appraisal(
            String period,
            LocalDate from,
            LocalDate to,
            @Nullable Long scoreRun,
            List<Row> rows) {}

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final ScoreRuns runs;
    private final Clock clock;

    SalespersonAppraisal(JdbcClient jdbc, DataScopes scopes, ScoreRuns runs, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.runs = runs;
        this.clock = clock;
    }

    /** The period named ({@code 2026-11}, {@code 2026-Q4}); by default the last complete month. */
    public Appraisal of(@Nullable String period) {
        return of(period(period));
    }

    /** The period named, or the last complete month; 400 naming period. */
    public TargetPeriod period(@Nullable String period) {
        List<FieldProblem> problems = new ArrayList<>();
        TargetPeriod chosen = period == null || period.isBlank()
                ? TargetPeriod.monthOf(LocalDate.now(clock)).previous()
                : TargetPeriod.parse("period", period, problems);
        if (chosen == null) throw new InvalidInputException(problems);
        return chosen;
    }

    public Appraisal of(TargetPeriod period) {
        DataScope scope = scopes.current();
        ZoneId zone = clock.getZone();
        Long run = runs.latestCompleted().map(ScoreRun::id).orElse(null);
        List<Row> rows = jdbc.sql("""
                        with people as (
                          select sp.id, sp.code, sp.name, st.code as store
                          from salesperson sp join store st on st.id = sp.store_id
                          where cast(:all as boolean) or st.code = any(:scopeStores)),
                        receipts as (
                          select s.id, s.salesperson_id, s.kind, s.customer_id, s.sold_at
                          from sale s join store st on st.id = s.store_id
                          where s.sold_at >= :before and s.sold_at < :to
                            and s.salesperson_id in (select id from people)
                            and (cast(:all as boolean) or st.code = any(:scopeStores))),
                        actual as (
                          select r.salesperson_id, sum(l.amount) as revenue,
                                 count(distinct r.id) filter (where r.kind = 'SALE') as receipts,
                                 count(distinct r.customer_id) as customers
                          from receipts r join sale_line l on l.sale_id = r.id
                          where r.sold_at >= :from
                          group by r.salesperson_id),
                        now_customers as (
                          select distinct salesperson_id, customer_id from receipts
                          where sold_at >= :from and kind = 'SALE' and customer_id is not null),
                        before_customers as (
                          select distinct salesperson_id, customer_id from receipts
                          where sold_at < :from and kind = 'SALE' and customer_id is not null),
                        retention as (
                          select b.salesperson_id, count(*) as previous, count(n.customer_id) as retained
                          from before_customers b
                          left join now_customers n on n.salesperson_id = b.salesperson_id
                                                   and n.customer_id = b.customer_id
                          group by b.salesperson_id),
                        worth as (
                          select n.salesperson_id, avg(cs.clv_12m) as clv,
                                 avg(case when cs.grade = 'A' then 1.0 else 0.0 end) as grade_a
                          from now_customers n
                          join customer_score cs on cs.customer_id = n.customer_id and cs.run_id = :run
                          group by n.salesperson_id)
                        select p.code, p.name, p.store, coalesce(a.revenue, 0), t.revenue,
                               coalesce(a.receipts, 0), coalesce(a.customers, 0), w.clv, w.grade_a,
                               coalesce(r.previous, 0), coalesce(r.retained, 0)
                        from people p
                        left join actual a on a.salesperson_id = p.id
                        left join salesperson_target t on t.salesperson_id = p.id and t.period_kind = :kind
                                                      and t.period_start = :start
                        left join retention r on r.salesperson_id = p.id
                        left join worth w on w.salesperson_id = p.id
                        order by p.code""")
                .param("all", scope.unrestricted())
                .param(
                        "scopeStores",
                        scope.unrestricted()
                                ? new String[0]
                                : scope.storeCodes().toArray(String[]::new))
                .param(
                        "before",
                        Timestamp.from(
                                period.previous().start().atStartOfDay(zone).toInstant()))
                .param("from", Timestamp.from(period.start().atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(period.end().atStartOfDay(zone).toInstant()))
                .param("kind", period.kind().name())
                .param("start", period.start())
                .param("run", run == null ? -1L : run)
                .query((rs, n) -> {
                    BigDecimal revenue = rs.getBigDecimal(4);
                    BigDecimal target = rs.getBigDecimal(5);
                    long previous = rs.getLong(10);
                    long retained = rs.getLong(11);
                    BigDecimal clv = rs.getBigDecimal(8);
                    BigDecimal gradeA = rs.getBigDecimal(9);
                    return new Row(
                            null,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            revenue,
                            target,
                            target == null || target.signum() == 0
                                    ? null
                                    : revenue.divide(target, 4, RoundingMode.HALF_UP),
                            rs.getLong(6),
                            rs.getLong(7),
                            clv == null ? null : clv.setScale(2, RoundingMode.HALF_UP),
                            gradeA == null ? null : gradeA.setScale(4, RoundingMode.HALF_UP),
                            previous,
                            retained,
                            previous == 0
                                    ? null
                                    : BigDecimal.valueOf(retained)
                                            .divide(BigDecimal.valueOf(previous), 4, RoundingMode.HALF_UP));
                })
                .list();
        return new Appraisal(period.text(), period.start(), period.end().minusDays(1), run, ranked(rows));
    }

    /** Highest attainment first; those without a target after, by revenue. */
    static List<Row> ranked(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Row::attainment, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Row::revenue, Comparator.reverseOrder())
                .thenComparing(Row::salesperson));
        List<Row> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Row r = sorted.get(i);
            ranked.add(new Row(
                    r.attainment() == null ? null : i + 1,
                    r.salesperson(),
                    r.name(),
                    r.store(),
                    r.revenue(),
                    r.target(),
                    r.attainment(),
                    r.receipts(),
                    r.customers(),
                    r.customersClv(),
                    r.gradeAShare(),
                    r.previousCustomers(),
                    r.retained(),
                    r.retention()));
        }
        return ranked;
    }
}
