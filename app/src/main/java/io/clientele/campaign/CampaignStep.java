package io.clientele.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One step of a campaign: the unit of execution. It sends one material version on one channel to the campaign's
 * audience, frozen into its members at launch; or, when it {@code admits} (a journey's send), to the customers admitted
 * one batch at a time as they reach its node, never complete on its own. An email step with an {@code eventId} invites
 * to that event: its material carries each member's personal registration link ({@code {{event_link}}}), and the
 * registrations and check-ins come back as its responses.
 */
public record CampaignStep(
        long id,
        long campaignId,
        int position,
        String name,
        StepChannel channel,
        @Nullable Long materialId,
        @Nullable Integer materialVersion,
        @Nullable String offer,
        @Nullable String couponPrefix,
        @Nullable BigDecimal couponValue,
        @Nullable LocalDate couponValidUntil,
        @Nullable CallAssignment assignment,
        @Nullable Instant sendAt,
        @Nullable Integer throttlePerMinute,
        BigDecimal unitCost,
        Status status,
        @Nullable Instant frozenAt,
        @Nullable Instant sentAt,
        boolean admits,
        @Nullable Long eventId) {

    /** DRAFT until the audience is frozen at launch; SENDING while members are sent; SENT when none is left. */
    public enum Status {
        DRAFT,
        FROZEN,
        SENDING,
        SENT,
        CANCELLED
    }

    /** How a call step's list is shared among the call-centre agents. */
    public enum CallAssignment {
        /** Agents of the customer's region first, round-robin among them; the rest round-robin among all. */
        REGION,
        ROUND_ROBIN,
        /** In proportion to each agent's capacity. */
        CAPACITY
    }
}
