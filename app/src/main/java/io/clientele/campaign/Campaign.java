package io.clientele.campaign;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A campaign as stored: its plan, where it stands, and its transitions, oldest first. */
public record Campaign(
        long id,
        CampaignKind kind,
        CampaignInput.Plan plan,
        CampaignStatus status,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<Transition> transitions) {

    /** A move from one status to another, by whom, when, and why. */
    public record Transition(
            @Nullable CampaignStatus from,
            CampaignStatus to,
            String actor,
            @Nullable String comment,
            Instant at) {}

    /** Who submitted it last: the approver must be someone else. */
    public @Nullable String submittedBy() {
        return transitions.reversed().stream()
                .filter(t -> t.to() == CampaignStatus.SUBMITTED)
                .map(Transition::actor)
                .findFirst()
                .orElse(null);
    }
}
