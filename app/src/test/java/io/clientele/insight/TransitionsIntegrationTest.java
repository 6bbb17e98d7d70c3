package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The moves between two runs (90 days apart): every customer scored in both is counted once, and a cell of the
 * table drills down to exactly its customers; a move is not offered as a segment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransitionsIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Autowired
    Transitions transitions;

    @Autowired
    ScoredCustomers customers;

    private ScoreRun before;
    private ScoreRun after;

    @BeforeAll
    void scoreTwice() {
        LocalDate today = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC);
        before = runner.runOrAwait(
                scoring.queue(
                        ScoreRun.Trigger.API, new Scoring.Request(today.minusDays(90), null, null, null, null), "test"),
                (phase, done, total) -> {});
        after = scoreNow();
    }

    @Test
    void everyCustomerOfBothRunsIsCountedOnceAndEachCellDrillsToItsCustomers() {
        long both = jdbc.sql("""
                        select count(*) from customer_score a join customer_score b
                        on b.customer_id = a.customer_id and b.run_id = :after where a.run_id = :before""")
                .param("before", before.id())
                .param("after", after.id())
                .query(Long.class)
                .single();

        for (Transitions.By by : Transitions.By.values()) {
            Transitions.Table table = transitions.between(before, after, by);
            assertThat(table.customers()).isEqualTo(both);
            long cells = 0;
            for (String from : by.keys()) {
                for (String to : by.keys()) {
                    cells += table.count(from, to);
                    if (from.equals(Transitions.NONE) || to.equals(Transitions.NONE) || table.count(from, to) == 0) {
                        continue;
                    }
                    boolean matrix = by == Transitions.By.MATRIX;
                    var filter = new ScoredCustomers.Filter(
                            matrix ? null : to,
                            null,
                            null,
                            null,
                            matrix ? to : null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            before.id(),
                            matrix ? from : null,
                            matrix ? null : from);
                    assertThat(customers.page(after, filter, "profit", 0, 1).total())
                            .as("%s → %s", from, to)
                            .isEqualTo(table.count(from, to));
                }
            }
            assertThat(cells).isEqualTo(both);
        }
    }

    @Test
    void thePageShowsTheTableAndAMoveIsNotASegment() throws Exception {
        var analyst = session();
        analyst.signIn("analyst", "demo");

        String page = analyst.get("/insight/transitions?from=" + before.id() + "&to=" + after.id() + "&by=GRADE")
                .body();

        assertThat(page).contains("data-testid=\"transitions\"", "Run " + before.id() + " as of");
        String actions = analyst.get("/insight/customers/actions?run=" + after.id() + "&grade=A&fromRun=" + before.id()
                        + "&fromGrade=A")
                .body();
        assertThat(actions).contains("figure-actions-none").doesNotContain("save-segment");
        assertThat(analyst.get("/insight/transitions?by=SIDEWAYS").statusCode()).isEqualTo(400);
    }
}
