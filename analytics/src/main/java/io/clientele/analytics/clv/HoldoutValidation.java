package io.clientele.analytics.clv;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a model fitted on the calibration period with what customers did in the holdout: predicted against
 * actual repeat purchases per calibration frequency (0, 1, …, 6, 7+), the cumulative curve across all customers,
 * and error figures. Predictions are each customer's conditional expectation E[Y(t) | x, tx, T], computed once per
 * (x, tx, T) group.
 */
public final class HoldoutValidation {
    /** Frequency groups 0 … LAST_GROUP − 1 and LAST_GROUP or more. */
    public static final int LAST_GROUP = 7;
    /** The cumulative curve has at most this many points (every period when the holdout is shorter). */
    public static final int MAX_CURVE_POINTS = 100;

    private HoldoutValidation() {}

    /** Predicted and actual mean holdout repeat purchases of the customers with one calibration frequency. */
    public record FrequencyGroup(String frequency, long customers, double predictedMean, double actualMean) {}

    /** Predicted and actual repeat purchases of all customers from the calibration end up to holdout period t. */
    public record CumulativePoint(int period, double predicted, long actual) {}

    /**
     * Error figures over the holdout: mean absolute and root-mean-square error per customer, the relative error of
     * the total ((predicted − actual) / actual), and the mean absolute percentage error over the frequency groups
     * whose actual mean is not 0.
     */
    public record Errors(
            double meanAbsoluteError,
            double rootMeanSquareError,
            double predictedTotal,
            long actualTotal,
            double relativeErrorOfTotal,
            double groupMeanAbsolutePercentageError) {}

    /** The whole comparison for one model: per frequency group, the cumulative curve and the errors. */
    public record Report(
            String model,
            long customers,
            int holdoutPeriods,
            List<FrequencyGroup> byFrequency,
            List<CumulativePoint> cumulative,
            Errors errors) {}

    /** Validates on summaries and the holdout actuals aligned with them (as {@link TransactionSummaries} gives). */
    public static Report validate(
            RepeatPurchaseModel model, List<CustomerSummary> calibration, HoldoutActuals holdout) {
        return validate(model, RepeatPurchaseData.of(calibration), holdout);
    }

    /** Validates on data built from the calibration customers (customer i ↔ {@code holdout.frequency()[i]}). */
    public static Report validate(RepeatPurchaseModel model, RepeatPurchaseData data, HoldoutActuals holdout) {
        int n = (int) data.customers();
        if (holdout.frequency().length != n) {
            throw new IllegalArgumentException(
                    "holdout actuals for " + holdout.frequency().length + " customers, calibration data for " + n);
        }
        if (holdout.periods() < 1) {
            throw new IllegalArgumentException("the holdout must be at least one period long");
        }
        int periods = holdout.periods();
        int groups = data.groups();
        double[] predicted = new double[groups];
        Chunks.forEach(
                groups,
                g -> predicted[g] = model.expectedPurchases(data.frequency(g), data.recency(g), data.age(g), periods));

        long[] count = new long[LAST_GROUP + 1];
        double[] predictedSum = new double[LAST_GROUP + 1];
        long[] actualSum = new long[LAST_GROUP + 1];
        double absolute = 0;
        double squared = 0;
        double predictedTotal = 0;
        long actualTotal = 0;
        for (int i = 0; i < n; i++) {
            int g = data.groupOf(i);
            int bucket = Math.min(LAST_GROUP, data.frequency(g));
            double p = predicted[g];
            int a = holdout.frequency()[i];
            count[bucket]++;
            predictedSum[bucket] += p;
            actualSum[bucket] += a;
            absolute += Math.abs(p - a);
            squared += (p - a) * (p - a);
            predictedTotal += p;
            actualTotal += a;
        }
        List<FrequencyGroup> byFrequency = new ArrayList<>();
        double mape = 0;
        int mapeGroups = 0;
        for (int b = 0; b <= LAST_GROUP; b++) {
            if (count[b] == 0) continue;
            double p = predictedSum[b] / count[b];
            double a = (double) actualSum[b] / count[b];
            byFrequency.add(
                    new FrequencyGroup(b == LAST_GROUP ? LAST_GROUP + "+" : Integer.toString(b), count[b], p, a));
            if (a > 0) {
                mape += Math.abs(p - a) / a;
                mapeGroups++;
            }
        }
        Errors errors = new Errors(
                absolute / n,
                Math.sqrt(squared / n),
                predictedTotal,
                actualTotal,
                actualTotal == 0 ? Double.POSITIVE_INFINITY : (predictedTotal - actualTotal) / actualTotal,
                mapeGroups == 0 ? 0 : mape / mapeGroups);
        return new Report(model.name(), n, periods, byFrequency, cumulative(model, data, holdout), errors);
    }

    private static List<CumulativePoint> cumulative(
            RepeatPurchaseModel model, RepeatPurchaseData data, HoldoutActuals holdout) {
        int periods = holdout.periods();
        int step = (periods + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS;
        List<Integer> points = new ArrayList<>();
        for (int t = step; t < periods; t += step) points.add(t);
        points.add(periods);
        // Σ_groups w P(alive) E[Y(t) | alive], with the second factor per (x, T) cohort
        double[] cohortWeight = new double[data.cohorts()];
        for (int g = 0; g < data.groups(); g++) {
            cohortWeight[data.cohortOf(g)] +=
                    data.weight(g) * model.probabilityAlive(data.frequency(g), data.recency(g), data.age(g));
        }
        double[] predicted = Chunks.sum(data.cohorts(), points.size(), (from, to, sums) -> {
            for (int c = from; c < to; c++) {
                for (int k = 0; k < points.size(); k++) {
                    sums[k] += cohortWeight[c]
                            * model.expectedPurchasesIfAlive(data.cohortFrequency(c), data.cohortAge(c), points.get(k));
                }
            }
        });
        List<CumulativePoint> curve = new ArrayList<>(points.size());
        long actual = 0;
        int next = 0;
        for (int t = 1; t <= periods; t++) {
            actual += holdout.purchasesByPeriod()[t - 1];
            if (t == points.get(next)) {
                curve.add(new CumulativePoint(t, predicted[next], actual));
                next++;
            }
        }
        return curve;
    }
}
