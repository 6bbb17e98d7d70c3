package io.clientele.analytics.value;

import io.clientele.analytics.clv.HoldoutActuals;
import java.util.Arrays;

/**
 * The buyers of a {@link PurchaseLog} summarised as the lifetime-value models read them, in days up to the as-of
 * date: frequency (repeat purchase days: days with a sale, less the first), recency (last purchase day minus the
 * first), age T (as-of date minus the first purchase day) and monetary value (the mean amount of the repeat days,
 * each day's receipts added, returns left out). {@code customers[i]} is buyer i's number in the log.
 */
public record RepeatPurchaseInputs(
        int[] customers, int[] frequency, double[] recency, double[] age, double[] monetary) {

    public static RepeatPurchaseInputs of(PurchaseLog log, int asOfDay) {
        int n = log.customers();
        int[] customers = new int[n];
        int[] frequency = new int[n];
        double[] recency = new double[n];
        double[] age = new double[n];
        double[] monetary = new double[n];
        int buyers = 0;
        for (int c = 0; c < n; c++) {
            int first = Integer.MIN_VALUE;
            int previous = Integer.MIN_VALUE;
            int repeats = 0;
            long repeatAmount = 0;
            for (int i = log.from(c); i < log.to(c) && log.day(i) <= asOfDay; i++) {
                if (log.isReturn(i)) {
                    continue;
                }
                int day = log.day(i);
                if (first == Integer.MIN_VALUE) {
                    first = day;
                } else if (day != first) {
                    repeatAmount += log.amountCents(i);
                    if (day != previous) {
                        repeats++;
                    }
                }
                previous = day;
            }
            if (first == Integer.MIN_VALUE) {
                continue;
            }
            customers[buyers] = c;
            frequency[buyers] = repeats;
            recency[buyers] = previous - first;
            age[buyers] = asOfDay - first;
            monetary[buyers] = repeats == 0 ? 0 : repeatAmount / 100.0 / repeats;
            buyers++;
        }
        return new RepeatPurchaseInputs(
                Arrays.copyOf(customers, buyers),
                Arrays.copyOf(frequency, buyers),
                Arrays.copyOf(recency, buyers),
                Arrays.copyOf(age, buyers),
                Arrays.copyOf(monetary, buyers));
    }

    /**
     * What the buyers of {@code calibration} (summarised up to {@code calibrationEndDay}) did after it, up to
     * {@code observationEndDay}: their repeat purchase days, and all of them per day of the holdout.
     */
    public static HoldoutActuals holdout(
            PurchaseLog log, RepeatPurchaseInputs calibration, int calibrationEndDay, int observationEndDay) {
        if (observationEndDay <= calibrationEndDay) {
            throw new IllegalArgumentException("the holdout is empty: the calibration end " + calibrationEndDay
                    + " is not before the observation end " + observationEndDay);
        }
        int periods = observationEndDay - calibrationEndDay;
        int[] frequency = new int[calibration.buyers()];
        long[] byPeriod = new long[periods];
        for (int b = 0; b < calibration.buyers(); b++) {
            int c = calibration.customers()[b];
            int previous = Integer.MIN_VALUE;
            for (int i = log.from(c); i < log.to(c); i++) {
                int day = log.day(i);
                if (log.isReturn(i) || day <= calibrationEndDay || day > observationEndDay || day == previous) {
                    continue;
                }
                frequency[b]++;
                byPeriod[day - calibrationEndDay - 1]++;
                previous = day;
            }
        }
        return new HoldoutActuals(periods, frequency, byPeriod);
    }

    public int buyers() {
        return customers.length;
    }

    /** At most {@code limit} buyers spread evenly over the list (a systematic sample, in the same order). */
    public RepeatPurchaseInputs sample(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the sample must hold at least 1 buyer, not " + limit);
        }
        if (limit >= buyers()) {
            return this;
        }
        int n = limit;
        int[] c = new int[n];
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        for (int j = 0; j < n; j++) {
            int i = (int) ((long) j * buyers() / n);
            c[j] = customers[i];
            x[j] = frequency[i];
            tx[j] = recency[i];
            t[j] = age[i];
            m[j] = monetary[i];
        }
        return new RepeatPurchaseInputs(c, x, tx, t, m);
    }
}
