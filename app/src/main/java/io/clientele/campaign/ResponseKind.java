package io.clientele.campaign;

/** What came back from a contact. Each lands on the customer's timeline and is a segment condition. */
public enum ResponseKind {
    DELIVERED,
    OPENED,
    CLICKED,
    UNSUBSCRIBED,
    BOUNCED,
    CALL_OUTCOME,
    REDEEMED
}
