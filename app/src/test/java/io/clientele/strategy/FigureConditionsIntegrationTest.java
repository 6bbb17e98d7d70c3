package io.clientele.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.insight.ClvBands;
import io.clientele.insight.DrillQuery;
import io.clientele.insight.RunSummary;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoredCustomers;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every figure of the insight page, as a segment condition, counts exactly the customers its drill-down lists: the
 * grades, the RFM cells and segments, the churn cells, the matrix classes, the buyers without ratings, the churned,
 * points of the Pareto curve and the CLV bands; and saved as a dynamic segment it counts the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FigureConditionsIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ScoredCustomers customers;

    @Autowired
    SegmentQueries queries;

    @Autowired
    SavedSegments segments;

    @Autowired
    FigureActions actions;

    private ScoreRun run;

    @BeforeAll
    void score() {
        run = scoreNow();
    }

    @Test
    void everyFigureCountsAsItsDrillDown() {
        RunSummary summary = run.summary();
        List<DrillQuery> figures = new ArrayList<>();
        summary.grades().forEach(g -> figures.add(figure("grade", g.key())));
        summary.segments().forEach(s -> figures.add(figure("segment", s.key())));
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                figures.add(figure("r", r, "f", f));
            }
        }
        summary.matrix().stream()
                .filter(m -> !m.key().equals("UNKNOWN"))
                .forEach(m -> figures.add(figure("matrix", m.key())));
        figures.add(figure("unknownSatisfaction", true));
        figures.add(figure("churned", true));
        summary.churnByMonth().stream()
                .filter(c -> c.churned() > 0)
                .forEach(c -> figures.add(figure("churnMonth", c.month(), "grade", c.grade())));
        for (int percent : new int[] {1, 5, 20, 33, 50, 80, 99, 100}) {
            figures.add(figure("topPercent", percent));
        }
        ClvBands.LABELS.forEach(band -> figures.add(figure("clvBand", band)));
        figures.add(figure("matrix", "HIGH_VOLUME_LOW_SATISFACTION", "churned", true));

        long churnCells =
                summary.churnByMonth().stream().filter(c -> c.churned() > 0).count();
        assertThat(churnCells).as("the demo has churners to drill into").isPositive();
        for (DrillQuery figure : figures) {
            long drilled = customers.page(run, figure.filter(), "profit", 0, 1).total();
            assertThat(queries.count(FigureConditions.of(figure.filter())))
                    .as("%s", figure)
                    .isEqualTo(drilled);
        }
    }

    @Test
    void aSavedFigureCountsAsTheCell() {
        var churn = run.summary().churnByMonth().stream()
                .filter(c -> c.churned() > 0)
                .findFirst()
                .orElseThrow();
        DrillQuery figure = figure("churnMonth", churn.month(), "grade", churn.grade());

        SavedSegment saved = actions.segment(figure, "Churn cell " + UUID.randomUUID());

        assertThat(saved.kind()).isEqualTo(SavedSegment.Kind.DYNAMIC);
        assertThat(segments.count(saved)).isEqualTo(churn.churned());
        assertThat(saved.condition().toString()).contains("churned_in", churn.month() + "/" + churn.grade());
    }

    /** A figure as the page's links name it: field names and values, in pairs. */
    private DrillQuery figure(Object... pairs) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return DrillQuery.of(
                run.id(),
                new ScoredCustomers.Filter(
                        (String) fields.get("grade"),
                        (String) fields.get("segment"),
                        (Integer) fields.get("r"),
                        (Integer) fields.get("f"),
                        (String) fields.get("matrix"),
                        (Boolean) fields.get("churned"),
                        (Boolean) fields.get("unknownSatisfaction"),
                        (Integer) fields.get("topPercent"),
                        (String) fields.get("churnMonth"),
                        (String) fields.get("clvBand"),
                        (Long) fields.get("fromRun"),
                        (String) fields.get("fromMatrix"),
                        (String) fields.get("fromGrade")));
    }
}
