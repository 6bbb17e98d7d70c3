package io.clientele.analytics.value;

/** Satisfaction in three levels; {@link SatisfactionRule} draws the lines. Customers without ratings have none. */
public enum SatisfactionLevel {
    HIGH,
    MEDIUM,
    LOW
}
