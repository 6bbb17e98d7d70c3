package io.clientele.analytics.value;

import java.util.Arrays;

/**
 * Customers ranked by profit, best first: the share of the total positive profit that better-ranked customers
 * bring. Grades and the Pareto curve both read it. Tied profits share a rank, so they share a grade.
 */
final class ProfitRanking {
    private final long[] descending;
    private final long[] sumBefore;
    private final long positiveTotal;

    ProfitRanking(long[] profitCents, boolean[] ranked) {
        int n = 0;
        for (boolean r : ranked) {
            if (r) {
                n++;
            }
        }
        long[] sorted = new long[n];
        int k = 0;
        for (int i = 0; i < profitCents.length; i++) {
            if (ranked[i]) {
                sorted[k++] = -profitCents[i];
            }
        }
        Arrays.parallelSort(sorted);
        descending = new long[n];
        sumBefore = new long[n + 1];
        long positive = 0;
        for (int i = 0; i < n; i++) {
            descending[i] = -sorted[i];
            sumBefore[i + 1] = sumBefore[i] + descending[i];
            positive += Math.max(0, descending[i]);
        }
        positiveTotal = positive;
    }

    int size() {
        return descending.length;
    }

    long positiveTotal() {
        return positiveTotal;
    }

    /** The share of the positive profit that customers with a strictly higher profit bring. */
    double shareAbove(long profit) {
        if (positiveTotal == 0) {
            return 1;
        }
        int low = 0;
        int high = descending.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (descending[mid] > profit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return (double) sumBefore[low] / positiveTotal;
    }

    ValueGrade grade(long profit, GradeCutoffs cutoffs) {
        return profit <= 0 ? ValueGrade.D : cutoffs.grade(shareAbove(profit));
    }

    /** The profit of the best {@code count} customers, as a share of the positive profit. */
    double shareOfTop(int count) {
        return positiveTotal == 0 ? 0 : (double) sumBefore[Math.min(count, descending.length)] / positiveTotal;
    }
}
