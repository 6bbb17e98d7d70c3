package io.clientele.analytics.value;

/** How to market to a class of the value matrix, decided by satisfaction. */
public enum MarketingStrategy {
    /** High satisfaction: make them partners (referrals, co-creation, ambassadors). */
    PARTNER,
    /** Medium satisfaction: improve what they rate below expectation. */
    IMPROVE,
    /** Low satisfaction: correct the failures first, before selling more. */
    CORRECT
}
