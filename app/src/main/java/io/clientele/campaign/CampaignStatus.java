package io.clientele.campaign;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a campaign stands. A plan is edited while DRAFT or REJECTED; it is submitted for approval, approved or
 * rejected by a marketing manager, scheduled, run and completed; it can be cancelled until it is completed. Nothing
 * is sent before APPROVED.
 */
public enum CampaignStatus {
    DRAFT,
    SUBMITTED,
    APPROVED,
    REJECTED,
    SCHEDULED,
    RUNNING,
    /** A running journey held: nothing advances and nothing of it is sent until it is resumed. */
    PAUSED,
    COMPLETED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<CampaignStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SUBMITTED, CANCELLED);
            case SUBMITTED -> EnumSet.of(APPROVED, REJECTED, CANCELLED);
            case REJECTED -> EnumSet.of(SUBMITTED, CANCELLED);
            case APPROVED -> EnumSet.of(SCHEDULED, CANCELLED);
            case SCHEDULED -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(PAUSED, COMPLETED, CANCELLED);
            case PAUSED -> EnumSet.of(RUNNING, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(CampaignStatus.class);
        };
    }

    public boolean editable() {
        return this == DRAFT || this == REJECTED;
    }

    /** Whether messages may go out: only once approved, until completed or cancelled. */
    public boolean maySend() {
        return this == SCHEDULED || this == RUNNING;
    }
}
