package io.clientele.customer;

/** The highest level of education completed. */
public enum Education {
    PRIMARY,
    SECONDARY,
    VOCATIONAL,
    BACHELOR,
    MASTER,
    DOCTORATE
}
