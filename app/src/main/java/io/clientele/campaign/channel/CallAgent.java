package io.clientele.campaign.channel;

import org.jspecify.annotations.Nullable;

/**
 * A person who takes calls of call-centre steps: a user of the application, their region (for assignment by region)
 * and how many calls of one list they take (for assignment by capacity). An inactive agent gets no new calls.
 */
public record CallAgent(
        String username,
        String displayName,
        @Nullable Integer regionId,
        @Nullable String region,
        int capacity,
        boolean active) {}
