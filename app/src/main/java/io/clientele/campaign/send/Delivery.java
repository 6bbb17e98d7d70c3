package io.clientele.campaign.send;

import org.jspecify.annotations.Nullable;

/** What became of one message handed to a channel. */
record Delivery(long customerId, Outcome outcome, @Nullable String error) {

    enum Outcome {
        /** Accepted by the server or gateway (or stored in the outbox). */
        SENT,
        /** Refused for good (an invalid address, a 5xx reply, a gateway's 4xx): never retried. */
        FAILED,
        /** Not handed over (the server unreachable, a 4xx reply, a gateway's 5xx): PENDING again, retried later. */
        RETRY,
        /** The connection broke while the message was travelling: it may have arrived, so it is not retried. */
        UNCERTAIN
    }

    static Delivery sent(long customerId) {
        return new Delivery(customerId, Outcome.SENT, null);
    }

    static Delivery of(long customerId, Outcome outcome, @Nullable String error) {
        return new Delivery(
                customerId, outcome, error == null || error.length() <= 500 ? error : error.substring(0, 500));
    }
}
