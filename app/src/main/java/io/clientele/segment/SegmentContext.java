package io.clientele.segment;

import java.time.LocalDate;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * What a condition is evaluated against besides the customers: today (windows, ages, days since), the zone days are
 * counted in, and the scoring run whose scores apply (null when none has completed: score fields are then refused).
 */
public record SegmentContext(
        LocalDate today, ZoneId zone, @Nullable Long runId) {}
