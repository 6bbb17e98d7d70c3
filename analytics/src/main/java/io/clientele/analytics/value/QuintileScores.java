package io.clientele.analytics.value;

import java.util.Arrays;

/**
 * Scores 1 to 5 by rank. A customer's score is {@code 1 + floor(5 × worse / n)}, capped at 5, where {@code worse}
 * counts the scored customers with a strictly worse value. Equal values therefore always share a score, and a score
 * of 5 means at least 80% of customers are worse.
 */
public final class QuintileScores {
    private QuintileScores() {}

    /**
     * @param values one value per customer
     * @param scored which customers take part; the others get score 0
     * @param higherIsBetter true for frequency and money, false for days since the last purchase
     */
    public static byte[] of(double[] values, boolean[] scored, boolean higherIsBetter) {
        int n = 0;
        for (boolean s : scored) {
            if (s) {
                n++;
            }
        }
        double[] sorted = new double[n];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (scored[i]) {
                sorted[k++] = values[i];
            }
        }
        Arrays.parallelSort(sorted);
        byte[] scores = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (scored[i]) {
                long worse = higherIsBetter ? firstAtLeast(sorted, values[i]) : n - firstGreater(sorted, values[i]);
                scores[i] = (byte) Math.min(5, 1 + (5 * worse) / n);
            }
        }
        return scores;
    }

    static int firstAtLeast(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    static int firstGreater(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] <= value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
