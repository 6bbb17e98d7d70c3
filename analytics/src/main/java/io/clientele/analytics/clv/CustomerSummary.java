package io.clientele.analytics.clv;

/**
 * One customer's purchase history in the repeat-buying models' terms, counted in periods (days or weeks).
 *
 * @param customerKey who (any text; carried through, not used by the models)
 * @param frequency the number of repeat purchase periods: periods with a purchase, less the first
 * @param recency the period of the last purchase, counted from the first purchase (0 when frequency is 0)
 * @param age T: the calibration end, counted from the first purchase
 * @param monetaryValue the mean spend of the repeat purchase periods (the first excluded); 0 when frequency is 0
 */
public record CustomerSummary(String customerKey, int frequency, double recency, double age, double monetaryValue) {}
