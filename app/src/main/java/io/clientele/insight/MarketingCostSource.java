package io.clientele.insight;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Each customer's share of marketing costs over a scoring run's lookback, so that a run can grade on profit net of
 * marketing. Implemented by the feature that owns the costs (roi), so that insight does not depend on it; without an
 * implementation every customer's marketing cost is zero.
 */
public interface MarketingCostSource {
    /** The lookback: the days {@code firstDay}–{@code lastDay}, the instants {@code [from, to)} of those days. */
    record Window(LocalDate firstDay, LocalDate lastDay, Instant from, Instant to) {}

    /** Receives one customer's costs, in cents. */
    interface Sink {
        void accept(long customerId, long directCents, long allocatedCents);
    }

    /** Tells the sink every customer with a marketing cost in the window, once each, in one set-based pass. */
    void read(Window window, Sink sink);
}
