package io.clientele.campaign;

/** Why an address or a customer is on the suppression list. */
public enum SuppressionReason {
    UNSUBSCRIBED,
    HARD_BOUNCE,
    COMPLAINT,
    LEGAL,
    MANUAL
}
