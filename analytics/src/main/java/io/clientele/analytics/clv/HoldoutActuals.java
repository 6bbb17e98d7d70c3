package io.clientele.analytics.clv;

/**
 * What customers actually did after the calibration end, up to the observation end.
 *
 * @param periods the holdout's length in periods
 * @param frequency customer i's repeat purchase periods in the holdout, aligned with the calibration summaries
 * @param purchasesByPeriod {@code purchasesByPeriod[k]}: all customers' repeat purchase periods in holdout period k + 1
 */
public record HoldoutActuals(int periods, int[] frequency, long[] purchasesByPeriod) {}
