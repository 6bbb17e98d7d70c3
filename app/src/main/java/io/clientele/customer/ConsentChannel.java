package io.clientele.customer;

/** The channels a customer can allow or refuse to be contacted on. */
public enum ConsentChannel {
    EMAIL,
    SMS,
    MAIL,
    PHONE
}
