package io.clientele.service;

/** How a request came in. */
public enum RequestChannel {
    PHONE,
    EMAIL,
    FORM,
    API,
    IN_STORE
}
