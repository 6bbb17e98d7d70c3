package io.clientele.insight;

import org.jspecify.annotations.Nullable;

/**
 * The query of a drill-down list, as the page and the API take it from request parameters: the run (the latest
 * completed when absent), the filter fields and the sort. Other features act on a figure by the same query
 * ({@code strategy}: its actions fragment and API take these parameters).
 */
public record DrillQuery(
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
        @Nullable String clvBand,
        @Nullable Long fromRun,
        @Nullable String fromMatrix,
        @Nullable String fromGrade,
        @Nullable String sort) {

    /** The figure of a filter in a run (the latest when null), in the default order. */
    public static DrillQuery of(@Nullable Long run, ScoredCustomers.Filter filter) {
        return new DrillQuery(
                run,
                filter.grade(),
                filter.segment(),
                filter.r(),
                filter.f(),
                filter.matrix(),
                filter.churned(),
                filter.unknownSatisfaction(),
                filter.topPercent(),
                filter.churnMonth(),
                filter.clvBand(),
                filter.fromRun(),
                filter.fromMatrix(),
                filter.fromGrade(),
                null);
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public ScoredCustomers.Filter filter() {
        return new ScoredCustomers.Filter(
                grade,
                segment,
                r,
                f,
                matrix,
                churned,
                unknownSatisfaction,
                topPercent,
                churnMonth,
                clvBand,
                fromRun,
                fromMatrix,
                fromGrade);
    }

    public String order() {
        return ScoredCustomers.sortOrDefault(sort);
    }

    /** The completed run the list is of. */
    public ScoreRun scoreRun(ScoreRuns runs) {
        return (run == null ? runs.latestCompleted() : runs.find(run))
                .filter(found -> found.status() == ScoreRun.Status.COMPLETED)
                .orElseThrow(() -> new io.clientele.platform.NotFoundException("No completed scoring run"));
    }
}
