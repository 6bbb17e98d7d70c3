package io.clientele.platform;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an API token, a client address), refilled continuously at the key's budget per minute and
 * holding at most one minute's budget; a bucket left to fill up is forgotten once there are many, so that a flood of
 * addresses cannot fill the memory. The buckets live in this process's memory: with several processes behind a load balancer, each
 * grants the whole budget. Time is the monotonic {@link System#nanoTime()}, not the application's clock, because a
 * budget is about the load on this server, not about business time.
 */
public final class RateLimits<K> {
    private static final int FORGET_ABOVE = 10_000;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RateLimits(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the key's bucket; when it is empty, answers how long until it holds one again. */
    public Optional<Duration> take(K key, int perMinute) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(now)).take(perMinute, now);
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

        /** Whether it has filled up since it was last used: forgetting it changes nothing. */
        synchronized boolean full(long now) {
            return credit + (now - refilledAt) >= MINUTE;
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
