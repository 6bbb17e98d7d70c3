package io.clientele.campaign;

import java.time.Instant;

/**
 * Published inside the launch's transaction once the campaign is RUNNING and its steps are frozen (or, for a journey,
 * opened empty), so that a listener entering its first customers commits with the launch or not at all.
 */
public record CampaignStarted(long campaignId, CampaignKind kind, Instant launchedAt) {}
