package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A scoring run over the demo data: one row per customer, figures that agree with the receipts, and the planted
 * groups of docs/demo-data.md found where they belong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoringIntegrationTest extends ApplicationTestSupport {
    /** The planted group of a demo card holder, as docs/demo-data.md defines it. */
    private static final String GROUP = "(37 * substring(c.external_id from 2)::bigint) % 100";

    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    private ScoreRun run;

    @BeforeAll
    void score() {
        ScoreRun queued = scoring.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test");
        run = runner.runOrAwait(queued, (phase, done, total) -> {});
    }

    @Test
    void everyCustomerGetsOneRowAndTheRunSaysHowItWasComputed() {
        assertThat(run.status()).isEqualTo(ScoreRun.Status.COMPLETED);
        assertThat(run.asOf())
                .isEqualTo(LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1));
        assertThat(run.parameters().churnDays()).isEqualTo(180);
        assertThat(run.durationMs()).isNotNull();
        long rows = jdbc.sql("select count(*) from customer_score where run_id = :run")
                .param("run", run.id())
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(run.customersScored()).isGreaterThanOrEqualTo(DEMO_CUSTOMERS);
        RunSummary summary = run.summary();
        assertThat(summary.grades().stream()
                        .mapToLong(RunSummary.Group::customers)
                        .sum())
                .isEqualTo(summary.buyers());
        assertThat(summary.phaseMillis()).containsKeys("read", "compute", "write");
    }

    @Test
    void revenueAndProfitAgreeWithTheReceipts() {
        List<Map<String, Object>> mismatches = jdbc.sql("""
                        select s.customer_id, s.revenue, x.revenue as expected
                        from customer_score s
                        left join (select customer_id, sum(total_amount) as revenue, sum(total_amount - total_cost) as profit
                                   from sale where kind <> 'CANCELLED' and customer_id is not null
                                     and sold_at >= cast(:from as date) and sold_at < cast(:to as date)
                                   group by customer_id) x on x.customer_id = s.customer_id
                        where s.run_id = :run
                          and (s.revenue <> coalesce(x.revenue, 0) or s.profit <> coalesce(x.profit, 0))""")
                .param("run", run.id())
                .param("from", run.asOf().minusDays(729))
                .param("to", run.asOf().plusDays(1))
                .query()
                .listOfRows();
        assertThat(mismatches).isEmpty();
    }

    @Test
    void plantedLapsedBigSpendersAreCantLoseThemAndGradeAOrB() {
        Map<String, Long> segments = countsOfGroup("s.rfm_segment", "between 15 and 16");
        Map<String, Long> grades = countsOfGroup("s.grade", "between 15 and 16");
        long planted = grades.values().stream().mapToLong(Long::longValue).sum();

        assertThat(planted).isGreaterThanOrEqualTo(DEMO_CUSTOMERS * 2 / 100);
        assertThat(segments.getOrDefault("CANT_LOSE_THEM", 0L)).isGreaterThanOrEqualTo(planted * 9 / 10);
        assertThat(grades.keySet()).containsAnyOf("A", "B").allMatch(g -> g.equals("A") || g.equals("B"));
        assertThat(countsOfGroup("s.churned::text", "between 15 and 16")).containsOnlyKeys("true");
    }

    @Test
    void prospectsHaveNoScoresAndNewCustomersAreRecent() {
        assertThat(countsOfGroup("coalesce(s.rfm_segment, 'none') || coalesce(s.grade, 'none')", "between 0 and 14"))
                .containsOnlyKeys("nonenone");
        Map<String, Long> newCustomers = countsOfGroup("s.r::text", "between 17 and 19");
        assertThat(newCustomers.keySet()).allMatch(r -> Integer.parseInt(r) >= 4);
        assertThat(countsOfGroup("s.rfm_segment", "between 17 and 19").keySet())
                .allMatch(s -> List.of("NEW", "PROMISING", "POTENTIAL_LOYALIST").contains(s));
    }

    @Test
    void theTopFifthBringsMostOfTheProfit() {
        RunSummary summary = run.summary();
        // Pareto/NBD buyers with Gamma-Gamma spend: the demo's best fifth of buyers brings well over half the profit
        assertThat(summary.topTwentyShare()).isBetween(0.5, 0.9);
        assertThat(summary.pareto()).hasSize(101);
        BigDecimal gradeAProfit = summary.grade("A").profit();
        assertThat(gradeAProfit.doubleValue() / summary.totalProfit().doubleValue())
                .isBetween(0.45, 0.6);
    }

    private Map<String, Long> countsOfGroup(String expression, String group) {
        return jdbc
                .sql("select " + expression + " as k, count(*) as n from customer_score s "
                        + "join customer c on c.id = s.customer_id "
                        + "where s.run_id = :run and c.source = 'demo' and " + GROUP + " " + group + " group by 1")
                .param("run", run.id())
                .query((rs, n) -> Map.entry(rs.getString("k"), rs.getLong("n")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
