package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.time.Month;

/**
 * Coupon campaigns redeemed on sale lines. A coupon takes {@code percent} off what the line costs after any
 * promotion; each line of a receipt draws its own coupon with the rate of the one campaign that applies to it.
 */
enum Coupon {
    /** Lines of a card holder's first purchase, the one made when the card was issued. */
    WELCOME10(10, 0.20),
    /** Other lines sold in November (Singles' Day, Black Friday). */
    DOUBLE11(11, 0.10),
    /** Other lines sold in December. */
    XMAS20(20, 0.12),
    /** Every other line. */
    SAVE5(5, 0.02);

    final int percent;
    final double rate;

    Coupon(int percent, double rate) {
        this.percent = percent;
        this.rate = rate;
    }

    /** The coupon a line carries, or null for none. */
    static Coupon draw(boolean firstPurchase, Month month, Sampler sampler) {
        Coupon campaign = firstPurchase
                ? WELCOME10
                : switch (month) {
                    case NOVEMBER -> DOUBLE11;
                    case DECEMBER -> XMAS20;
                    default -> SAVE5;
                };
        return sampler.bernoulli(campaign.rate) ? campaign : null;
    }
}
