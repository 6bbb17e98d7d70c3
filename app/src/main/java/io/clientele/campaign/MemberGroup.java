package io.clientele.campaign;

/** Where a customer of a step's audience ends up when the audience is frozen. */
public enum MemberGroup {
    /** Contacted. */
    TREATED,
    /** Held out at random, to measure the campaign against. */
    CONTROL,
    /** Not contacted, for an {@link ExclusionReason}. */
    EXCLUDED
}
