package io.clientele.campaign;

/** What came back from a contact. Each lands on the customer's timeline and is a segment condition. */
public enum ResponseKind {
    DELIVERED,
    OPENED,
    CLICKED,
    UNSUBSCRIBED,
    BOUNCED,
    CALL_OUTCOME,
    REDEEMED,
    /** Registered for the event an invitation step names. */
    REGISTERED,
    /** Checked in at the event an invitation step names. */
    ATTENDED;

    /**
     * The kinds that count as a response to a contact, as a SQL list: an open, a click, a call outcome, a redemption.
     * An event's registrations and attendance are counted apart (they are recorded for the control group too).
     */
    public static final String RESPONDED_SQL = "'OPENED', 'CLICKED', 'CALL_OUTCOME', 'REDEEMED'";

    /**
     * Whether the kind is also recorded for members of the control group: what a customer does of their own accord
     * (registering for an event they heard of elsewhere) is the baseline an invitation is measured against.
     */
    public boolean measuredInControl() {
        return this == REGISTERED || this == ATTENDED;
    }
}
