package io.clientele.campaign;

/**
 * Published inside the transaction that froze a step's members at launch, so that channels which prepare their
 * members there (coupon codes, call assignments) commit with the freeze or not at all.
 */
public record StepFrozen(long campaignId, long stepId, StepChannel channel) {}
