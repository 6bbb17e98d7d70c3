package io.clientele.analytics.pricing;

/** The outcome of {@link PriceElasticity#estimate}: an estimate, or the reason the data cannot give one. */
public sealed interface ElasticityEstimate {
    /** Observations used (periods with units sold and a positive price). */
    int observations();

    /**
     * ln(units) = intercept + elasticity · ln(price), fitted by least squares.
     *
     * @param lower the confidence interval's lower end (t distribution, n − 2 degrees of freedom)
     * @param smearing Duan's smearing factor, the mean of exp(residual): turns the fitted log into expected units
     */
    record Estimated(
            double elasticity,
            double lower,
            double upper,
            double level,
            double standardError,
            double intercept,
            double rSquared,
            double smearing,
            int observations,
            int distinctPrices,
            double minPrice,
            double maxPrice)
            implements ElasticityEstimate {

        /** Expected units, revenue and profit per period at {@code price} given the unit cost. */
        public PricePoint at(double price, double unitCost) {
            if (!(price > 0) || !Double.isFinite(price)) throw new PricingException("price must be above 0");
            double units = Math.exp(intercept + elasticity * Math.log(price)) * smearing;
            return new PricePoint(price, units, price * units, (price - unitCost) * units);
        }

        /**
         * The price in [low, high] with the most profit. Profit (p − c)·K·p^b rises while (1 + b)·p &lt; b·c: with
         * b &lt; −1 it peaks at p* = c·b / (1 + b) (clamped to the range); with b ≥ −1 it rises everywhere, so the
         * top of the range wins.
         */
        public PricePoint bestPrice(double unitCost, double low, double high) {
            if (!(unitCost >= 0) || !Double.isFinite(unitCost)) {
                throw new PricingException("unit cost must be 0 or more");
            }
            if (!(low > 0) || !(high >= low) || !Double.isFinite(high)) {
                throw new PricingException("the price range must have 0 < low ≤ high, not " + low + " … " + high);
            }
            double best = elasticity < -1 ? unitCost * elasticity / (1 + elasticity) : high;
            return at(Math.min(high, Math.max(low, best)), unitCost);
        }
    }

    /** Too few periods, prices or spread of prices to tell the price's effect from noise; {@code reason} says which. */
    record NotEnoughVariation(String reason, int observations, int distinctPrices) implements ElasticityEstimate {}
}
