package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimits<Long> limits = new RateLimits<>(nanos::get);

    @Test
    void aTokenSpendsItsBudgetThenWaitsForTheRefill() {
        for (int i = 0; i < 6; i++) {
            assertThat(limits.take(1L, 6)).as("request %d", i + 1).isEmpty();
        }
        // six a minute: one every ten seconds
        assertThat(limits.take(1L, 6)).contains(Duration.ofSeconds(10));
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(limits.take(1L, 6)).contains(Duration.ofSeconds(6));
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertThat(limits.take(1L, 6)).isEmpty();
        assertThat(limits.take(1L, 6)).isPresent();
    }

    @Test
    void tokensHaveTheirOwnBucketsAndAnIdleBucketHoldsOneMinutesBudgetAtMost() {
        for (int i = 0; i < 3; i++) {
            limits.take(1L, 3);
        }
        assertThat(limits.take(1L, 3)).isPresent();
        assertThat(limits.take(2L, 3)).isEmpty();
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take(1L, 3)).isEmpty();
        }
        assertThat(limits.take(1L, 3)).isPresent();
    }
}
