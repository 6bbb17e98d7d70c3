package io.clientele.identity;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API token, refilled continuously at the token's budget per minute and holding at most one
 * minute's budget. The buckets live in this process's memory: with several processes behind a load balancer, each
 * grants the whole budget. Time is the monotonic {@link System#nanoTime()}, not the application's clock, because a
 * budget is about the load on this server, not about business time.
 */
final class ApiRateLimits {
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    ApiRateLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the token's bucket; when it is empty, answers how long until it holds one again. */
    Optional<Duration> take(long tokenId, int perMinute) {
        return buckets.computeIfAbsent(tokenId, id -> new Bucket(nanoTime.getAsLong()))
                .take(perMinute, nanoTime.getAsLong());
    }

    /**
     * The bucket as credit in nanoseconds (exact integer arithmetic): it fills at one nanosecond per nanosecond up to
     * one minute, and a request costs a minute divided by the budget.
     */
    private static final class Bucket {
        private static final long MINUTE = Duration.ofMinutes(1).toNanos();
        private long credit = MINUTE;
        private long refilledAt;

        Bucket(long now) {
            this.refilledAt = now;
        }

        synchronized Optional<Duration> take(int perMinute, long now) {
            long cost = MINUTE / perMinute;
            credit = Math.min(MINUTE, credit + (now - refilledAt));
            refilledAt = now;
            if (credit >= cost) {
                credit -= cost;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(cost - credit));
        }
    }
}
