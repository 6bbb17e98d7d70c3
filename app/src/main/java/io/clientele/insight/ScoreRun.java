package io.clientele.insight;

import io.clientele.analytics.value.ScoringParameters;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A scoring run: what started it, as of which date with which parameters, how far it is, and how it ended. */
public record ScoreRun(
        long id,
        Status status,
        Trigger trigger,
        LocalDate asOf,
        ScoringParameters parameters,
        String requestedBy,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long durationMs,
        @Nullable String phase,
        long progressDone,
        long progressTotal,
        @Nullable Long customersScored,
        @Nullable RunSummary summary,
        @Nullable String error) {

    public enum Status {
        QUEUED,
        RUNNING,
        COMPLETED,
        FAILED
    }

    public enum Trigger {
        UI,
        SCHEDULE,
        CLI,
        API,
        /** The first run after the demo data is loaded. */
        DEMO
    }

    public boolean finished() {
        return status == Status.COMPLETED || status == Status.FAILED;
    }

    /** 0–100 for the progress bar: reading is the first tenth, computing the next, writing the rest. */
    public int percent() {
        if (status == Status.COMPLETED) {
            return 100;
        }
        if (phase == null || progressTotal == 0) {
            return 0;
        }
        int within = (int) Math.min(100, progressDone * 100 / progressTotal);
        return switch (phase) {
            case "READING" -> within / 2;
            case "COMPUTING" -> 50 + within / 5;
            default -> 70 + within * 3 / 10;
        };
    }
}
