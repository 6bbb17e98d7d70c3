package io.clientele.campaign;

/** What came back from a contact. Each lands on the customer's timeline and is a segment condition. */
public enum ResponseKind {
    DELIVERED,
    OPENED,
    CLICKED,
    UNSUBSCRIBED,
    BOUNCED,
    CALL_OUTCOME,
    REDEEMED;

    /** The kinds that count as a response to a contact, as a SQL list: an open, a click, a call outcome, a redemption. */
    public static final String RESPONDED_SQL = "'OPENED', 'CLICKED', 'CALL_OUTCOME', 'REDEEMED'";
}
