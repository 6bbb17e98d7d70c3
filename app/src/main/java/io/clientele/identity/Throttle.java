package io.clientele.identity;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The failed sign-ins of one subject within the current window, and its lockout if any. The rules, with no clock or
 * database of their own: a window that has passed or a lockout that has ended counts as no failures at all.
 */
record Throttle(
        int failures,
        Instant windowStart,
        Instant lastFailureAt,
        @Nullable Instant lockedUntil) {

    static Throttle firstFailure(Instant now, ThrottlePolicy policy) {
        return new Throttle(0, now, now, null).withFailure(now, policy);
    }

    /** The state after one more failure at {@code now}: the lockout starts when the failures reach the maximum. */
    Throttle afterFailure(Instant now, ThrottlePolicy policy) {
        return isSpent(now, policy) ? firstFailure(now, policy) : withFailure(now, policy);
    }

    private Throttle withFailure(Instant now, ThrottlePolicy policy) {
        int count = failures + 1;
        Instant lock =
                lockedUntil != null ? lockedUntil : count >= policy.maxFailures() ? now.plus(policy.lockout()) : null;
        return new Throttle(count, windowStart, now, lock);
    }

    /** Until when an attempt at {@code now} is refused, without looking at the password; empty when it may go on. */
    Optional<Instant> refusedUntil(Instant now, ThrottlePolicy policy) {
        if (isSpent(now, policy)) {
            return Optional.empty();
        }
        if (lockedUntil != null) {
            return Optional.of(lockedUntil);
        }
        Instant next = lastFailureAt.plus(policy.delayAfter(failures));
        return next.isAfter(now) ? Optional.of(next) : Optional.empty();
    }

    boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Whether a lockout has run out by {@code now} (and not yet been cleared). */
    boolean lockEnded(Instant now) {
        return lockedUntil != null && !lockedUntil.isAfter(now);
    }

    /** Nothing of it counts any more: its lockout has ended, or, unlocked, its window has passed. */
    boolean isSpent(Instant now, ThrottlePolicy policy) {
        return lockedUntil != null
                ? lockEnded(now)
                : !windowStart.plus(policy.window()).isAfter(now);
    }
}
