package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.util.List;

/**
 * Planted returns: 2% of sale receipts get a RETURN receipt 1-30 days later at the same store, for one of their
 * lines, whole. A return is kept only if it falls before {@code end}: the end of the window, or for a card holder the
 * end of their activity (dropout or lapse), so that lapsed customers stay silent.
 */
final class Returns {
    private static final double RATE = 0.02;
    private static final int MAX_DAYS = 30;

    private final StoreNetwork network;

    Returns(StoreNetwork network) {
        this.network = network;
    }

    /** The return of {@code sale}, or null. */
    Receipt draw(Receipt sale, double end, Sampler sampler) {
        if (!sampler.bernoulli(RATE)) {
            return null;
        }
        double time = Math.floor(sale.time()) + 1 + sampler.uniformInt(MAX_DAYS) + sampler.uniform();
        SaleLine line = sale.lines().get(sampler.uniformInt(sale.lines().size()));
        Salesperson salesperson = network.pickSalesperson(sale.store(), sampler);
        if (time >= end) {
            return null;
        }
        return new Receipt(time, sale.store(), salesperson, true, List.of(line.reversed()));
    }
}
