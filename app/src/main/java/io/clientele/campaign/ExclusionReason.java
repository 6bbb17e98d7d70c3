package io.clientele.campaign;

/**
 * Why a customer of a step's audience is not contacted. When several apply, the first in this order is kept: an
 * exclusion segment, no address on the channel, no consent, a suppression list, then the contact-pressure policy.
 */
public enum ExclusionReason {
    EXCLUDED_SEGMENT,
    NO_ADDRESS,
    NO_CONSENT,
    SUPPRESSED,
    CONTACT_PRESSURE
}
