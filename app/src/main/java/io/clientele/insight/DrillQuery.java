package io.clientele.insight;

import org.jspecify.annotations.Nullable;

/**
 * The query of a drill-down list, as the page and the API take it from request parameters: the run (the latest
 * completed when absent), the filter fields and the sort.
 */
record DrillQuery(
        @Nullable Long run,
        @Nullable String grade,
        @Nullable String segment,
        @Nullable Integer r,
        @Nullable Integer f,
        @Nullable String matrix,
        @Nullable Boolean churned,
        @Nullable Boolean unknownSatisfaction,
        @Nullable Integer topPercent,
        @Nullable String churnMonth,
        @Nullable String sort) {

    /** @throws IllegalArgumentException naming the field that is wrong */
    ScoredCustomers.Filter filter() {
        return new ScoredCustomers.Filter(
                grade, segment, r, f, matrix, churned, unknownSatisfaction, topPercent, churnMonth);
    }

    String order() {
        return ScoredCustomers.sortOrDefault(sort);
    }

    /** The completed run the list is of. */
    ScoreRun scoreRun(ScoreRuns runs) {
        return (run == null ? runs.latestCompleted() : runs.find(run))
                .filter(found -> found.status() == ScoreRun.Status.COMPLETED)
                .orElseThrow(() -> new io.clientele.platform.NotFoundException("No completed scoring run"));
    }
}
