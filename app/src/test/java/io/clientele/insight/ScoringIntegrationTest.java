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
// before the classes that plant receipts near today: the demo's planted truths are asserted on the demo alone
@org.junit.jupiter.api.Order(10)
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
        // by default a run reads everything up to now
        assertThat(run.asOf()).isEqualTo(LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC));
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
    void plantedDisappointedAndDelightedAnswerersAreFoundAndTheUnratedBuyersEstimated() {
        // answers the run saw: a survey answered since (another class's) is not in its satisfaction yet
        String answered = "exists (select 1 from survey_answer a where a.customer_id = c.id and a.answered_at < '"
                + run.asOf().plusDays(1) + "'::date) and " + GROUP;
        Map<String, Long> disappointed = countsOf("s.satisfaction_level", answered + " between 90 and 99");
        Map<String, Long> delighted = countsOf("s.satisfaction_level", answered + " between 80 and 89");

        assertThat(disappointed).containsOnlyKeys("LOW");
        long delightedTotal =
                delighted.values().stream().mapToLong(Long::longValue).sum();
        assertThat(delighted.getOrDefault("HIGH", 0L)).isGreaterThanOrEqualTo(delightedTotal * 9 / 10);
        assertThat(countsOf("s.satisfaction_source", answered + " >= 0")).containsOnlyKeys("MEASURED");
        // who never answered: estimated when they bought (with a matrix class), unknown when they did not
        assertThat(countsOf(
                        "coalesce(s.satisfaction_source, 'none') || ' ' || (s.matrix_class is not null)"
                                + " || ' ' || (s.grade is not null)",
                        "not exists (select 1 from survey_answer a where a.customer_id = c.id) and 0 = 0"))
                .containsOnlyKeys("ESTIMATED true true", "none false false");
    }

    @Test
    void lifetimeValuesArePredictedForBuyersAndLapsedBigSpendersAreLikelyGone() {
        RunSummary.LifetimeValueModel model = run.summary().lifetimeValue();
        assertThat(model.error()).isNull();
        assertThat(model.parameters()).hasSize(4).containsKeys("r", "alpha");
        Map<String, Object> lapsed = jdbc.sql(
                        "select avg(s.p_alive) as alive, avg(s.clv_12m) as clv from customer_score s"
                                + " join customer c on c.id = s.customer_id where s.run_id = :run and c.source = 'demo' and "
                                + GROUP + " between 15 and 16")
                .param("run", run.id())
                .query()
                .singleRow();
        Map<String, Object> recentRegulars = jdbc.sql("select avg(s.p_alive) as alive from customer_score s"
                        + " join customer c on c.id = s.customer_id where s.run_id = :run and c.source = 'demo' and "
                        + GROUP + " >= 20 and s.recency_days < 30 and s.frequency >= 3")
                .param("run", run.id())
                .query()
                .singleRow();
        // 200+ days of silence after buying every 17-33 days: the model gives them little chance of being active
        assertThat(((BigDecimal) lapsed.get("alive")).doubleValue()).isLessThan(0.2);
        assertThat(((BigDecimal) recentRegulars.get("alive")).doubleValue()).isGreaterThan(0.8);
        assertThat(jdbc.sql("select count(*) from customer_score where run_id = :run and grade is null "
                                + "and (p_alive is not null or clv_12m is not null)")
                        .param("run", run.id())
                        .query(Long.class)
                        .single())
                .as("no prediction for a customer who never bought")
                .isZero();
        assertThat(run.summary().totalLifetimeValue()).isPositive();
    }

    @Test
    void theModelIsChosenOnAHoldoutAndNoOneTimeBuyerReadsCertainlyActive() {
        RunSummary.LifetimeValueModel model = run.summary().lifetimeValue();
        RunSummary.Selection selection = model.selection();
        assertThat(selection)
                .as("clientele.scoring.clv-model is auto by default")
                .isNotNull();
        assertThat(selection.calibrationEnd()).isEqualTo(run.asOf().minusDays(selection.holdoutDays()));
        assertThat(selection.candidates())
                .extracting(RunSummary.Candidate::model)
                .containsExactly("bgnbd", "mbgnbd", "paretonbd");
        assertThat(selection.candidates()).allSatisfy(c -> assertThat(c.error()).isNull());
        assertThat(model.model()).isEqualTo(selection.ranking().getFirst());
        // planted (docs/demo-data.md): one purchase 400-700 days ago, against one-time buyers of the last month
        String silent = GROUP + " = 20";
        String recent = GROUP + " between 17 and 19 and s.frequency = 1 and s.recency_days < 30";
        assertThat(count(silent + " and (s.frequency <> 1 or s.recency_days < 390)"))
                .as("each silent one-time buyer: one purchase, 400+ days ago")
                .isZero();
        // on the pristine demo the BG/NBD predicts the holdout best by a few tenths of a percent; the receipts other
        // test classes plant into this shared database can tip the choice, so both outcomes are held to the promise
        if (model.model().equals("bgnbd")) {
            // it cannot judge one-time buyers: theirs is withheld, not 100%
            assertThat(model.oneTimeBuyersWithheld()).isTrue();
            assertThat(count(silent + " and " + ScoredCustomers.ALIVE_WITHHELD + " is null"))
                    .as("every silent one-time buyer's P(alive) is withheld, with the reason")
                    .isZero();
        } else {
            assertThat(model.oneTimeBuyersWithheld()).as(selection.toString()).isFalse();
            assertThat(mean("s.p_alive", silent))
                    .as("a model that judges one-time buyers: the long silent well below their recent peers")
                    .isLessThan(mean("s.p_alive", recent) / 2);
        }
        assertThat(count("s.p_alive = 1 and s.frequency = 1"))
                .as("nobody who bought once reads 100%")
                .isZero();
        // what the model still says of them: the long silent are expected to buy far less than the recent
        assertThat(mean("s.expected_365", silent)).isLessThan(mean("s.expected_365", recent) / 2);
    }

    private long count(String condition) {
        return jdbc.sql("select count(*) from customer_score s join customer c on c.id = s.customer_id"
                        + " where s.run_id = :run and c.source = 'demo' and " + condition)
                .param("run", run.id())
                .query(Long.class)
                .single();
    }

    private double mean(String column, String condition) {
        return jdbc.sql("select avg(" + column + ") from customer_score s join customer c on c.id = s.customer_id"
                        + " where s.run_id = :run and c.source = 'demo' and " + condition)
                .param("run", run.id())
                .query(BigDecimal.class)
                .single()
                .doubleValue();
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
        return countsOf(expression, GROUP + " " + group);
    }

    private Map<String, Long> countsOf(String expression, String condition) {
        return jdbc
                .sql("select " + expression + " as k, count(*) as n from customer_score s "
                        + "join customer c on c.id = s.customer_id "
                        + "where s.run_id = :run and c.source = 'demo' and " + condition + " group by 1")
                .param("run", run.id())
                .query((rs, n) -> Map.entry(rs.getString("k"), rs.getLong("n")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
