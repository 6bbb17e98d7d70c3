/**
 * Campaigns: the plan with its budget and approval workflow (every transition kept); its steps with their materials,
 * audiences frozen at launch, sending by email and SMS, calls, letters and coupons, and the responses and results that
 * come back (sub-packages {@code material}, {@code audience}, {@code send}, {@code channel}, {@code response}), and
 * the channel mix planned from past results ({@code mix}). An email step may invite to an event: the events feature,
 * which depends on this one, implements {@link io.clientele.campaign.InvitableEvents} and publishes
 * {@link io.clientele.campaign.EventActivity}, recorded as the step's registrations and attendance.
 */
@ApplicationModule(allowedDependencies = {"audit", "customer", "identity", "insight", "platform", "segment", "survey"})
@OwnsTables({
    "campaign",
    "campaign_budget_line",
    "campaign_transition",
    "material",
    "material_version",
    "campaign_step",
    "campaign_audience",
    "contact_policy",
    "suppression",
    "campaign_member",
    "campaign_member_default",
    "campaign_response",
    "call_agent",
    "call_attempt",
    "campaign_outbox",
    "coupon_match",
    "app_secret",
    "campaign_entrant",
    "campaign_step_slice",
    "channel_mix_plan"
})
@NullMarked
package io.clientele.campaign;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
