package io.clientele.identity;

import java.time.Duration;

/** The limits of one kind of {@link LoginSubject}; see {@link LoginProperties}. */
record ThrottlePolicy(
        int freeFailures, int maxFailures, Duration window, Duration lockout, Duration firstDelay, Duration maxDelay) {
    ThrottlePolicy {
        if (freeFailures < 0 || maxFailures < 1) {
            throw new IllegalArgumentException("free failures at least 0, max failures at least 1");
        }
    }

    /** How long the next attempt waits after {@code failures} failures: nothing while free, then doubling. */
    Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
