package io.clientele.campaign.channel;

import org.jspecify.annotations.Nullable;

/** An agent as a form or the API sends it; every field is checked by {@link CallAgents#save}. */
public record CallAgentInput(
        @Nullable String username,
        @Nullable Integer regionId,
        @Nullable Integer capacity,
        @Nullable Boolean active) {}
