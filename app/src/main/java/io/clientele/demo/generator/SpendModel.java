package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;

/**
 * Gamma-Gamma spend: a buyer's scale {@code nu ~ Gamma(q = 3, rate gamma = 125)}, and each receipt's target
 * {@code z ~ Gamma(p = 4, rate nu)}, so a buyer's mean target is {@code 4 / nu} and the population's mean
 * {@code p * gamma / (q - 1) = 250}. Factors then scale the target: income band, lapsed big spender, star salesperson.
 */
final class SpendModel {
    private static final double P = 4;
    private static final double Q = 3;
    private static final double GAMMA = 125;
    /** A star salesperson's receipts are planted with 25% higher targets. */
    private static final double STAR_FACTOR = 1.25;

    private SpendModel() {}

    static double drawScale(Sampler sampler) {
        return sampler.gamma(Q, GAMMA);
    }

    static double drawTarget(double scale, Salesperson salesperson, Sampler sampler) {
        double target = sampler.gamma(P, scale);
        return salesperson.star() ? target * STAR_FACTOR : target;
    }
}
