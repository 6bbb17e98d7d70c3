package io.clientele.campaign;

/**
 * Published inside the transaction that froze a step's members at launch, or admitted members to a journey's coupon
 * step, so that channels which prepare their members there (coupon codes, call assignments) commit with it or not at
 * all.
 */
public record StepFrozen(long campaignId, long stepId, StepChannel channel) {}
