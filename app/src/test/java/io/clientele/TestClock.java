package io.clientele;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests: {@link ApplicationTestSupport#TEST_NOW}, standing still, unless a test moves it
 * on to see time pass (a delay or a lockout running out); such a test {@link #reset()}s it when done, as the clock is
 * shared by every test of the cached context.
 */
public final class TestClock extends Clock {
    private final Instant start;
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
        this.start = start;
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    public void reset() {
        now.set(start);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
