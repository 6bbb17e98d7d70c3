package io.clientele.campaign.mix;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A channel-mix plan as made: its proposal, the sample-test campaign it started, and once the sample was sent and
 * answered, the rollout planned from the observed rates and the campaign that carries it out.
 */
public record MixPlan(
        long id,
        Instant createdAt,
        String createdBy,
        Proposal proposal,
        @Nullable Long sampleCampaignId,
        @Nullable Long rolloutCampaignId,
        @Nullable Proposal rollout) {}
