package io.clientele.analytics.basket;

/** A mining request that cannot be answered as asked (a threshold out of range, an unknown item); says which. */
public class BasketException extends IllegalArgumentException {
    public BasketException(String message) {
        super(message);
    }
}
