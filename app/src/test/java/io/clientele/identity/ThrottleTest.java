package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final ThrottlePolicy POLICY = new ThrottlePolicy(
            5, 10, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofSeconds(30));

    @ParameterizedTest(name = "after {0} failures the next attempt waits {1} s")
    @CsvSource({
        "1, 0",
        "4, 0", // free
        "5, 1",
        "6, 2",
        "7, 4",
        "8, 8",
        "9, 16", // doubling
        "10, 30",
        "40, 30",
        "1000, 30" // capped, and no overflow
    })
    void delaysDoubleAfterTheFreeFailuresUpToTheCap(int failures, long seconds) {
        assertThat(POLICY.delayAfter(failures)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void theTenthFailureWithinTheWindowLocksForTheLockout() {
        Throttle throttle = failures(9);
        assertThat(throttle.lockedUntil()).isNull();
        Instant tenth = throttle.lastFailureAt().plusSeconds(16);
        Throttle locked = throttle.afterFailure(tenth, POLICY);
        assertThat(locked.lockedUntil()).isEqualTo(tenth.plus(Duration.ofMinutes(15)));
        assertThat(locked.refusedUntil(tenth.plusSeconds(899), POLICY)).contains(locked.lockedUntil());
        assertThat(locked.refusedUntil(locked.lockedUntil(), POLICY)).isEmpty();
        assertThat(locked.lockEnded(locked.lockedUntil())).isTrue();
    }

    @Test
    void anAttemptDuringTheDelayIsRefusedUntilItEnds() {
        Throttle six = failures(6);
        Instant last = six.lastFailureAt();
        assertThat(six.refusedUntil(last.plusMillis(1999), POLICY)).contains(last.plusSeconds(2));
        assertThat(six.refusedUntil(last.plusSeconds(2), POLICY)).isEmpty();
    }

    @Test
    void failuresOfAPassedWindowCountNoMore() {
        Throttle nine = failures(9);
        Instant later = T0.plus(Duration.ofMinutes(15));
        assertThat(nine.refusedUntil(later, POLICY)).isEmpty();
        Throttle fresh = nine.afterFailure(later, POLICY);
        assertThat(fresh.failures()).isEqualTo(1);
        assertThat(fresh.windowStart()).isEqualTo(later);
    }

    @Test
    void aFailureAfterAnEndedLockoutStartsAgainFromOne() {
        Throttle locked = failures(10);
        Instant after = locked.lockedUntil().plusSeconds(1);
        Throttle again = locked.afterFailure(after, POLICY);
        assertThat(again.failures()).isEqualTo(1);
        assertThat(again.lockedUntil()).isNull();
    }

    /** {@code n} failures from {@link #T0}, each as soon as the delay allowed. */
    private static Throttle failures(int n) {
        Throttle throttle = Throttle.firstFailure(T0, POLICY);
        for (int i = 1; i < n; i++) {
            Instant next = throttle.lastFailureAt().plus(POLICY.delayAfter(throttle.failures()));
            throttle = throttle.afterFailure(next, POLICY);
        }
        return throttle;
    }
}
