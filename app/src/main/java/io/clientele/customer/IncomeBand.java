package io.clientele.customer;

public enum IncomeBand {
    LOW,
    LOWER_MIDDLE,
    MIDDLE,
    UPPER_MIDDLE,
    HIGH
}
