package io.clientele.analytics.value;

/**
 * Satisfaction for the buyers who gave no ratings, estimated from what they did and what similar customers said:
 *
 * <pre>estimate = peers × repeat × (1 − complaintPenalty × complaintRate) × (1 − returnPenalty × returnRate)</pre>
 *
 * <ul>
 *   <li>{@code peers}: the mean perceived-over-expected ratio of the rated buyers of the same group (the RFM
 *       segment) when at least {@code minPeers} of them rated, else of all rated buyers, else 1.0 (expectations
 *       met: nothing says otherwise);
 *   <li>{@code repeat}: {@code 1 + repeatWeight × log2(purchases / group mean)}, the ratio bounded to ½ … 2, so
 *       buying twice as often as the group adds {@code repeatWeight} and half as often takes it away;
 *   <li>the service signals (complaints) and returns lower it exactly as they lower a measured index
 *       ({@link SatisfactionRule#signals}).
 * </ul>
 *
 * An estimate is marked as such and never replaces a measured index.
 */
public record SatisfactionEstimator(int minPeers, double repeatWeight) {
    public static final SatisfactionEstimator DEFAULT = new SatisfactionEstimator(5, 0.1);

    public SatisfactionEstimator {
        if (minPeers < 1 || !(repeatWeight >= 0 && repeatWeight < 1)) {
            throw new IllegalArgumentException(
                    "minPeers must be at least 1 and repeatWeight 0 to below 1: " + minPeers + ", " + repeatWeight);
        }
    }

    /**
     * @param ratio per customer, perceived over expected; NaN when they gave no ratings
     * @param group per customer, its group 0 … {@code groups - 1}, or −1 when they are not to be estimated (not a
     *     buyer)
     * @param purchases per customer, their purchases in the lookback
     * @param signals per customer, {@link SatisfactionRule#signals} of their complaints and returns
     * @return per customer, the estimate, or NaN for the rated and the ungrouped
     */
    public double[] estimate(double[] ratio, int[] group, int groups, int[] purchases, double[] signals) {
        int n = ratio.length;
        if (group.length != n || purchases.length != n || signals.length != n) {
            throw new IllegalArgumentException("satisfaction estimate inputs must have one entry per customer");
        }
        double[] ratioSum = new double[groups];
        int[] rated = new int[groups];
        long[] purchaseSum = new long[groups];
        int[] members = new int[groups];
        double allRatios = 0;
        int allRated = 0;
        for (int c = 0; c < n; c++) {
            int g = group[c];
            if (g < 0) {
                continue;
            }
            members[g]++;
            purchaseSum[g] += purchases[c];
            if (!Double.isNaN(ratio[c])) {
                ratioSum[g] += ratio[c];
                rated[g]++;
                allRatios += ratio[c];
                allRated++;
            }
        }
        double overall = allRated == 0 ? 1.0 : allRatios / allRated;
        double[] estimate = new double[n];
        for (int c = 0; c < n; c++) {
            int g = group[c];
            if (g < 0 || !Double.isNaN(ratio[c])) {
                estimate[c] = Double.NaN;
                continue;
            }
            double peers = rated[g] >= minPeers ? ratioSum[g] / rated[g] : overall;
            double groupMean = (double) purchaseSum[g] / members[g];
            double relative = groupMean <= 0 ? 1 : Math.max(0.5, Math.min(2, purchases[c] / groupMean));
            double repeat = 1 + repeatWeight * Math.log(relative) / Math.log(2);
            estimate[c] = peers * repeat * signals[c];
        }
        return estimate;
    }
}
