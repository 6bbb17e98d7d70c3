package io.clientele.analytics.value;

/** How to sell to a class of the value matrix, decided by purchase volume. */
public enum SalesStrategy {
    /** High volume: a key-account relationship, one salesperson to one customer. */
    ONE_TO_ONE,
    /** Medium volume: one team or campaign serves many customers. */
    ONE_TO_MANY,
    /** Low volume: reached through retailers and partners rather than our own staff. */
    THROUGH_RETAILERS
}
