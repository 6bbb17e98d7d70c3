package io.clientele.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * How old the scores the insight pages show are: the latest completed run (null before the first), how long ago it
 * finished in its largest whole unit ({@code minutes}, {@code hours} or {@code days}), the data it read (up to the
 * moment it started when that was on its as-of day, else up to the end of the as-of day), and a run queued or running
 * now.
 */
public record Freshness(
        @Nullable ScoreRun run,
        String unit,
        long amount,
        @Nullable Instant dataUpToTime,
        @Nullable ScoreRun pending) {

    static Freshness of(@Nullable ScoreRun run, @Nullable ScoreRun pending, Instant now, ZoneId zone) {
        if (run == null || run.finishedAt() == null) {
            return new Freshness(run, "minutes", 0, null, pending);
        }
        Duration age = Duration.between(run.finishedAt(), now);
        String unit = age.toHours() < 1 ? "minutes" : age.toDays() < 1 ? "hours" : "days";
        long amount = Math.max(
                0, unit.equals("minutes") ? age.toMinutes() : unit.equals("hours") ? age.toHours() : age.toDays());
        Instant started = run.startedAt();
        boolean sameDay = started != null && LocalDate.ofInstant(started, zone).equals(run.asOf());
        return new Freshness(run, unit, amount, sameDay ? started : null, pending);
    }
}
