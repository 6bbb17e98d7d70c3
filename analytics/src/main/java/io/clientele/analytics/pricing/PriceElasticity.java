package io.clientele.analytics.pricing;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Price elasticity of demand from a product's (or category's) periods: the average net price paid and the units
 * sold in each. The log-log model ln q = a + b·ln p makes b the elasticity, constant over the range seen.
 */
public final class PriceElasticity {
    /** Fewer periods than this leave too few degrees of freedom for an interval worth showing. */
    public static final int MIN_OBSERVATIONS = 6;
    /** Prices within this relative distance count as one price (rounding of discounts). */
    static final double SAME_PRICE = 0.005;
    /** At least this many distinct prices... */
    public static final int MIN_DISTINCT_PRICES = 3;
    /** ...spanning at least this much (highest / lowest − 1). */
    public static final double MIN_PRICE_SPREAD = 0.05;

    private PriceElasticity() {}

    /**
     * Fits the elasticity. Periods with no units or no positive price have no logarithm and are left out.
     *
     * @param level the confidence level of the interval, e.g. 0.95
     */
    public static ElasticityEstimate estimate(double[] prices, double[] units, double level) {
        if (prices.length != units.length) {
            throw new PricingException(prices.length + " prices and " + units.length + " unit counts");
        }
        if (!(level > 0 && level < 1)) throw new PricingException("confidence level must be between 0 and 1");
        double[] x = new double[prices.length];
        double[] y = new double[prices.length];
        int n = 0;
        for (int i = 0; i < prices.length; i++) {
            if (prices[i] > 0 && units[i] > 0 && Double.isFinite(prices[i]) && Double.isFinite(units[i])) {
                x[n] = Math.log(prices[i]);
                y[n++] = Math.log(units[i]);
            }
        }
        double[] sorted = Arrays.copyOf(x, n);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || sorted[i] - sorted[i - 1] > Math.log1p(SAME_PRICE)) distinct++;
        if (n < MIN_OBSERVATIONS) {
            return new ElasticityEstimate.NotEnoughVariation(
                    n + " periods with sales; at least " + MIN_OBSERVATIONS + " are needed", n, distinct);
        }
        if (distinct < MIN_DISTINCT_PRICES) {
            return new ElasticityEstimate.NotEnoughVariation(
                    distinct + " distinct price(s); at least " + MIN_DISTINCT_PRICES + " are needed", n, distinct);
        }
        double spread = Math.expm1(sorted[n - 1] - sorted[0]);
        if (spread < MIN_PRICE_SPREAD) {
            return new ElasticityEstimate.NotEnoughVariation(
                    "prices span %.1f%%; at least %.0f%% is needed".formatted(100 * spread, 100 * MIN_PRICE_SPREAD),
                    n,
                    distinct);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double sse = 0;
        double smearing = 0;
        for (int i = 0; i < n; i++) {
            double residual = y[i] - a - b * x[i];
            sse += residual * residual;
            smearing += Math.exp(residual);
        }
        double se = Math.sqrt(sse / (n - 2) / sxx);
        double t = new TDistribution(n - 2).inverseCumulativeProbability(0.5 + level / 2);
        return new ElasticityEstimate.Estimated(
                b,
                b - t * se,
                b + t * se,
                level,
                se,
                a,
                syy == 0 ? 0 : 1 - sse / syy,
                smearing / n,
                n,
                distinct,
                Math.exp(sorted[0]),
                Math.exp(sorted[n - 1]));
    }
}
