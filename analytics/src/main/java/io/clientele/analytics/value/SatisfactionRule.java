package io.clientele.analytics.value;

/**
 * Satisfaction as perceived value over expectation: the sum of the perceived ratings over the sum of the expected
 * ratings across all rated aspects (1.0 = expectations met), then lowered by the complaint rate (complaints per
 * purchase, at most 1) and the return rate (returned over bought amount, at most 1), each weighted by its penalty:
 *
 * <pre>index = perceived / expected × (1 − complaintPenalty × complaintRate) × (1 − returnPenalty × returnRate)</pre>
 *
 * An index of at least {@code high} is HIGH, at least {@code medium} MEDIUM, below LOW. A customer without ratings
 * has no index here: complaints and returns alone say nothing about what they expected; {@link SatisfactionEstimator}
 * estimates one from them and from what similar customers rated, marked as estimated.
 */
public record SatisfactionRule(double high, double medium, double complaintPenalty, double returnPenalty) {
    public static final SatisfactionRule DEFAULT = new SatisfactionRule(1.0, 0.85, 0.5, 0.5);

    public SatisfactionRule {
        if (!(medium > 0 && medium < high)) {
            throw new IllegalArgumentException(
                    "satisfaction thresholds: medium (" + medium + ") must be above 0 and below high (" + high + ")");
        }
        if (!(complaintPenalty >= 0 && complaintPenalty <= 1 && returnPenalty >= 0 && returnPenalty <= 1)) {
            throw new IllegalArgumentException(
                    "satisfaction penalties are 0 to 1: complaints " + complaintPenalty + ", returns " + returnPenalty);
        }
    }

    /**
     * @return the index, or NaN when the customer gave no rating (unknown here; {@link SatisfactionEstimator} may
     *     estimate it, marked as estimated)
     */
    public double index(long perceivedSum, long expectedSum, int complaints, int purchases, double returnRate) {
        if (expectedSum <= 0) {
            return Double.NaN;
        }
        return (double) perceivedSum / expectedSum * signals(complaints, purchases, returnRate);
    }

    /** The factor complaints and returns lower satisfaction by: 1 without either. */
    public double signals(int complaints, int purchases, double returnRate) {
        double complaintRate =
                purchases == 0 ? (complaints > 0 ? 1 : 0) : Math.min(1.0, (double) complaints / purchases);
        double boundedReturns = Math.max(0, Math.min(1, returnRate));
        return (1 - complaintPenalty * complaintRate) * (1 - returnPenalty * boundedReturns);
    }

    /** The level of an index, or null when it is unknown (NaN). */
    public SatisfactionLevel level(double index) {
        if (Double.isNaN(index)) {
            return null;
        }
        if (index >= high) {
            return SatisfactionLevel.HIGH;
        }
        return index >= medium ? SatisfactionLevel.MEDIUM : SatisfactionLevel.LOW;
    }
}
