package io.clientele.insight;

import io.clientele.analytics.value.GradeCutoffs;
import io.clientele.analytics.value.ScoringParameters;
import java.time.Clock;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Starting scoring runs: the defaults come from {@link ScoringProperties}, a request may change some of them. */
@Service
public class Scoring {
    private final ScoreRuns runs;
    private final ScoringProperties properties;
    private final Clock clock;

    Scoring(ScoreRuns runs, ScoringProperties properties, Clock clock) {
        this.runs = runs;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a person may change when starting a run; nulls keep the configured defaults. */
    public record Request(
            @Nullable LocalDate asOf,
            @Nullable Integer churnDays,
            @Nullable Double gradeA,
            @Nullable Double gradeB,
            @Nullable Double gradeC) {
        public static Request defaults() {
            return new Request(null, null, null, null, null);
        }
    }

    /**
     * The day a run scores as of by default: today, so it reads every receipt up to the moment it runs (a run after
     * an import sees the import). The nightly run scores yesterday, the last complete day.
     */
    public LocalDate defaultAsOf() {
        return LocalDate.now(clock);
    }

    public ScoringParameters defaults() {
        return properties.parameters();
    }

    /**
     * Queues a run for the worker.
     *
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public ScoreRun queue(ScoreRun.Trigger trigger, Request request, String requestedBy) {
        return runs.queue(trigger, asOf(request), parameters(request), requestedBy);
    }

    LocalDate asOf(Request request) {
        LocalDate asOf = request.asOf() == null ? defaultAsOf() : request.asOf();
        if (asOf.isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("asOf: " + asOf + " is in the future");
        }
        return asOf;
    }

    ScoringParameters parameters(Request request) {
        ScoringParameters parameters = properties.parameters();
        if (request.churnDays() != null) {
            parameters = parameters.withChurnDays(request.churnDays());
        }
        GradeCutoffs grades = parameters.grades();
        if (request.gradeA() != null || request.gradeB() != null || request.gradeC() != null) {
            parameters = parameters.withGrades(new GradeCutoffs(
                    request.gradeA() != null ? request.gradeA() : grades.a(),
                    request.gradeB() != null ? request.gradeB() : grades.b(),
                    request.gradeC() != null ? request.gradeC() : grades.c()));
        }
        return parameters;
    }
}
