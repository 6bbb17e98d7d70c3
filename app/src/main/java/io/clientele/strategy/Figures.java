package io.clientele.strategy;

import io.clientele.insight.DrillQuery;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;

/**
 * A figure of the insight pages as its drill-down names it ({@link DrillQuery}: the same request parameters, or the
 * same JSON fields), checked as actions need it: every field valid, and of the latest completed run, the one segment
 * fields read.
 */
final class Figures {
    private Figures() {}

    /** @throws InvalidInputException naming the field that is wrong */
    static ScoredCustomers.Filter filter(DrillQuery figure) {
        try {
            return figure.filter();
        } catch (IllegalArgumentException e) {
            // the filter's messages start with the field they are about ("grade: no such value 'E'")
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            throw new InvalidInputException(FieldProblem.of(
                    colon > 0 ? message.substring(0, colon) : "figure",
                    "figure.invalid",
                    message.substring(colon + 1).strip()));
        }
    }

    /** @throws InvalidInputException naming {@code run} when the figure is of an earlier run, or none completed */
    static void requireLatest(DrillQuery figure, ScoreRuns runs) {
        boolean latest = runs.latestCompleted()
                .map(ScoreRun::id)
                .filter(id -> figure.run() == null || figure.run().equals(id))
                .isPresent();
        if (!latest) {
            throw new InvalidInputException(FieldProblem.of("run", "figure.notLatest"));
        }
    }
}
