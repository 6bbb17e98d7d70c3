package io.clientele.campaign.channel;

import io.clientele.campaign.SendStatus;

/**
 * How a call ended; pages label it {@code call.outcome.<NAME>}. The outcome says what becomes of the call: a
 * conversation completes the contact (SENT), no answer or a request to call back puts it back in the queue
 * (PENDING, one attempt more), a wrong number ends it without a contact (FAILED).
 */
public enum CallOutcome {
    INTERESTED(SendStatus.SENT),
    NOT_INTERESTED(SendStatus.SENT),
    CALL_BACK(SendStatus.PENDING),
    NO_ANSWER(SendStatus.PENDING),
    WRONG_NUMBER(SendStatus.FAILED),
    /** The customer asked not to be called again: also suppressed on the CALL channel. */
    DO_NOT_CALL(SendStatus.SENT),
    PURCHASED(SendStatus.SENT);

    private final SendStatus leaves;

    CallOutcome(SendStatus leaves) {
        this.leaves = leaves;
    }

    /** The member's send state after a call with this outcome. */
    public SendStatus leaves() {
        return leaves;
    }
}
