package io.clientele.journey;

import io.clientele.campaign.Campaign;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A journey: its campaign (plan, budget, status and transitions) and its latest graph version. A submitted version
 * ({@code submittedAt} set) never changes; editing a rejected or a running journey starts the next version. Customers
 * enter by the latest approved one ({@code approvedAt} set: at launch with the plan, or on its own while it runs).
 */
public record Journey(
        Campaign campaign,
        int version,
        JourneyGraph graph,
        String savedBy,
        Instant savedAt,
        @Nullable Instant submittedAt,
        @Nullable Instant approvedAt) {}
