package io.clientele.analytics.value;

import java.time.YearMonth;
import java.util.Map;

/**
 * One month of churn: per grade (as graded at the month's start on the profit of the lookback before it), the
 * customers active at the start and those of them who passed the churn threshold without buying during the month;
 * {@code churners[grade.ordinal()]} lists who they are (customer numbers of the purchase log).
 */
public record ChurnMonth(YearMonth month, Map<ValueGrade, Count> byGrade, int[][] churners) {
    public record Count(long active, long churned) {
        public double rate() {
            return active == 0 ? 0 : (double) churned / active;
        }
    }

    public Count total() {
        long active = 0;
        long churned = 0;
        for (Count count : byGrade.values()) {
            active += count.active();
            churned += count.churned();
        }
        return new Count(active, churned);
    }
}
