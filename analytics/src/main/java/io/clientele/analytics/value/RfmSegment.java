package io.clientele.analytics.value;

/**
 * Named RFM segments. {@link #of} applies the rules top to bottom and the first that matches names the segment; the
 * rules cover every (R, F, M) of scores 1–5. The table is in docs/insight.md.
 */
public enum RfmSegment {
    /** Bought recently, buy often and spend the most: R ≥ 4, F ≥ 4, M ≥ 4. */
    CHAMPIONS,
    /** Were frequent, big spenders, and have gone quiet: R ≤ 2, F ≥ 4, M ≥ 4. */
    CANT_LOSE_THEM,
    /** Buy often and not lapsed: R ≥ 3, F ≥ 4. */
    LOYAL,
    /** Bought regularly, but not for a while: R ≤ 2, F ≥ 3. */
    AT_RISK,
    /** First purchase very recently: R = 5, F = 1. */
    NEW,
    /** Recent, once: R = 4, F = 1. */
    PROMISING,
    /** Recent, a few purchases: R ≥ 4, F 2–3. */
    POTENTIAL_LOYALIST,
    /** Middling recency and frequency: R = 3, F 2–3. */
    NEED_ATTENTION,
    /** Bought once, some time ago: R = 3, F = 1. */
    ABOUT_TO_SLEEP,
    /** Long ago, seldom: R = 2, F ≤ 2. */
    HIBERNATING,
    /** Longest ago, seldom: R = 1, F ≤ 2. */
    LOST;

    public static RfmSegment of(int r, int f, int m) {
        if (r < 1 || r > 5 || f < 1 || f > 5 || m < 1 || m > 5) {
            throw new IllegalArgumentException("RFM scores are 1 to 5, not " + r + "" + f + "" + m);
        }
        if (r >= 4 && f >= 4 && m >= 4) {
            return CHAMPIONS;
        }
        if (r <= 2 && f >= 4 && m >= 4) {
            return CANT_LOSE_THEM;
        }
        if (r >= 3 && f >= 4) {
            return LOYAL;
        }
        if (r <= 2 && f >= 3) {
            return AT_RISK;
        }
        if (f == 1 && r == 5) {
            return NEW;
        }
        if (f == 1 && r == 4) {
            return PROMISING;
        }
        if (r >= 4) {
            return POTENTIAL_LOYALIST;
        }
        if (r == 3) {
            return f == 1 ? ABOUT_TO_SLEEP : NEED_ATTENTION;
        }
        return r == 2 ? HIBERNATING : LOST;
    }
}
