package io.clientele.analytics.pricing;

/** A pricing question that cannot be answered as asked (a bad range, cost or level); the message says which. */
public class PricingException extends IllegalArgumentException {
    public PricingException(String message) {
        super(message);
    }
}
