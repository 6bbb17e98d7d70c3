package io.clientele.journey;

import io.clientele.campaign.Campaign;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A journey: its campaign (plan, budget, status and transitions) and its latest graph version. A submitted version
 * ({@code submittedAt} set) never changes; editing a rejected journey starts the next version.
 */
public record Journey(
        Campaign campaign,
        int version,
        JourneyGraph graph,
        String savedBy,
        Instant savedAt,
        @Nullable Instant submittedAt) {}
