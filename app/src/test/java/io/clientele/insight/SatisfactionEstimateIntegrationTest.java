package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.customer.CustomerEditor;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.TestCustomers;
import io.clientele.customer.Timeline;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Planted buyers without survey answers: happy ones buy every other month and never return or complain, unhappy ones
 * bought twice, returned both and complained twice. A scoring run estimates everyone's satisfaction, says it is
 * estimated, and ranks every unhappy one below every happy one.
 */
class SatisfactionEstimateIntegrationTest extends ApplicationTestSupport {
    @Autowired
    CustomerEditor editor;

    @Autowired
    Timeline timeline;

    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Test
    void unhappyBuyersWithoutAnswersRankBelowHappyOnes() {
        List<Long> happy = new ArrayList<>();
        List<Long> unhappy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long id = editor.create(TestCustomers.someone());
            for (int k = 1; k <= 6; k++) {
                TestCustomers.receipt(jdbc, id, TEST_NOW.minus(Duration.ofDays(60L * k - 20)));
            }
            happy.add(id);
        }
        for (int i = 0; i < 6; i++) {
            long id = editor.create(TestCustomers.someone());
            for (int k = 1; k <= 2; k++) {
                long sale = TestCustomers.receipt(jdbc, id, TEST_NOW.minus(Duration.ofDays(40L * k)));
                returnAll(sale);
                timeline.record(id, InteractionKind.COMPLAINT, "broken again", Map.of());
            }
            unhappy.add(id);
        }

        ScoreRun queued = scoring.queue(
                ScoreRun.Trigger.API,
                new Scoring.Request(LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC), null, null, null, null),
                "test");
        ScoreRun run = runner.runOrAwait(queued, (phase, done, total) -> {});
        assertThat(run.status()).isEqualTo(ScoreRun.Status.COMPLETED);

        List<Map<String, Object>> happyRows = scores(run, happy);
        List<Map<String, Object>> unhappyRows = scores(run, unhappy);
        assertThat(happyRows)
                .hasSize(6)
                .allSatisfy(row -> assertThat(row.get("satisfaction_source")).isEqualTo("ESTIMATED"));
        assertThat(unhappyRows).hasSize(6).allSatisfy(row -> {
            assertThat(row.get("satisfaction_source")).isEqualTo("ESTIMATED");
            assertThat(row.get("satisfaction_level")).isEqualTo("LOW");
            assertThat(row.get("matrix_class")).asString().endsWith("_LOW_SATISFACTION");
        });
        double worstHappy =
                happyRows.stream().mapToDouble(this::satisfaction).min().orElseThrow();
        double bestUnhappy =
                unhappyRows.stream().mapToDouble(this::satisfaction).max().orElseThrow();
        assertThat(bestUnhappy).isLessThan(worstHappy);
        assertThat(happyRows)
                .noneSatisfy(row -> assertThat(row.get("satisfaction_level")).isEqualTo("LOW"));

        // the matrix counts them among the estimated of their cells
        long estimated = run.summary().estimatedMatrixOrEmpty().stream()
                .mapToLong(RunSummary.Group::customers)
                .sum();
        assertThat(estimated).isGreaterThanOrEqualTo(12);
        assertThat(run.summary().matrixRows().stream()
                        .flatMap(List::stream)
                        .mapToLong(RunSummary.MatrixCell::estimated)
                        .sum())
                .isEqualTo(estimated);
    }

    private void returnAll(long saleId) {
        jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        select source, receipt_id || '-R', 'RETURN', store_id, customer_id, sold_at + interval '3 days',
                               -total_amount, -total_cost
                        from sale where id = :sale""").param("sale", saleId).update();
    }

    private List<Map<String, Object>> scores(ScoreRun run, List<Long> customers) {
        return jdbc.sql("""
                        select satisfaction, satisfaction_level, satisfaction_source, matrix_class
                        from customer_score where run_id = :run and customer_id in (:customers)""")
                .param("run", run.id())
                .param("customers", customers)
                .query()
                .listOfRows();
    }

    private double satisfaction(Map<String, Object> row) {
        return ((BigDecimal) row.get("satisfaction")).doubleValue();
    }
}
