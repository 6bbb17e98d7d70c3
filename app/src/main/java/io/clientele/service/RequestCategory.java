package io.clientele.service;

/** What a request is about. Complaints and product failures are complaints: satisfaction scoring counts them. */
public enum RequestCategory {
    QUESTION,
    COMPLAINT,
    /** A product that failed: names the product, and the receipt it was bought on when known. */
    PRODUCT_FAILURE,
    /** An order of a service (an installation, a repair, a visit). */
    SERVICE_ORDER,
    OTHER;

    public boolean complaint() {
        return this == COMPLAINT || this == PRODUCT_FAILURE;
    }
}
