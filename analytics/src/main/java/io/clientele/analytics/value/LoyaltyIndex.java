package io.clientele.analytics.value;

/**
 * Loyalty seen through behaviour, 0 to 100: steady intervals between purchases and steady amounts, still going.
 * Receipts on one day count as one purchase of their summed amount. With purchase intervals {@code i} and amounts
 * {@code a} (coefficients of variation {@code cv}), and {@code g} days since the last purchase:
 *
 * <pre>index = 100 × 1/(1 + cv(i)) × 1/(1 + cv(a)) × min(1, 2 × mean(i) / g)</pre>
 *
 * The last factor lets the index fade once a customer stays away longer than twice their usual interval. Fewer than
 * three purchase days give no index ({@link #UNKNOWN}): two points do not show a rhythm.
 */
public final class LoyaltyIndex {
    public static final int UNKNOWN = -1;

    private LoyaltyIndex() {}

    /**
     * @param days purchase days in ascending order (repeats allowed)
     * @param amounts the purchase amounts, same positions
     * @param count how many of the arrays' entries to read
     * @param asOfDay the day the index is taken on
     */
    public static int of(int[] days, double[] amounts, int count, int asOfDay) {
        int purchaseDays = 0;
        double intervalSum = 0;
        double intervalSquares = 0;
        double amountSum = 0;
        double amountSquares = 0;
        int i = 0;
        int previousDay = 0;
        while (i < count) {
            int day = days[i];
            double amount = 0;
            while (i < count && days[i] == day) {
                amount += amounts[i++];
            }
            if (purchaseDays > 0) {
                double interval = day - previousDay;
                intervalSum += interval;
                intervalSquares += interval * interval;
            }
            amountSum += amount;
            amountSquares += amount * amount;
            previousDay = day;
            purchaseDays++;
        }
        if (purchaseDays < 3) {
            return UNKNOWN;
        }
        int intervals = purchaseDays - 1;
        double meanInterval = intervalSum / intervals;
        double meanAmount = amountSum / purchaseDays;
        double intervalSteadiness = 1 / (1 + coefficientOfVariation(intervalSum, intervalSquares, intervals));
        double amountSteadiness =
                meanAmount <= 0 ? 0 : 1 / (1 + coefficientOfVariation(amountSum, amountSquares, purchaseDays));
        double gap = asOfDay - previousDay;
        double stillGoing = gap <= 0 ? 1 : Math.min(1, 2 * meanInterval / gap);
        return (int) Math.round(100 * intervalSteadiness * amountSteadiness * stillGoing);
    }

    /** Population standard deviation over the mean. */
    private static double coefficientOfVariation(double sum, double squares, int n) {
        double mean = sum / n;
        double variance = Math.max(0, squares / n - mean * mean);
        return mean == 0 ? 0 : Math.sqrt(variance) / Math.abs(mean);
    }
}
