package io.clientele.customer;

/** As the customer states it; X for anything else. */
public enum Gender {
    F,
    M,
    X
}
