package io.clientele.customer;

/**
 * What a timeline entry is about. Features add their kinds here (imports, campaign messages, responses, service
 * requests, survey answers) with an icon; the page labels them with {@code timeline.kind.<NAME>}.
 */
public enum InteractionKind {
    CREATED("✚"),
    EDITED("✎"),
    CONSENT_CHANGED("✉"),
    TAG_ADDED("🏷"),
    TAG_REMOVED("⌫"),
    MERGED("⇄"),
    IMPORTED("⇪"),
    /** A customer answered a survey: one entry per customer and survey, however many aspects it rated. */
    SURVEY_ANSWERED("☑"),
    /** A complaint (in a store, by phone, by mail); satisfaction scoring counts these. */
    COMPLAINT("⚠"),
    /** A service request other than a complaint: a question, a service order. */
    SERVICE_REQUEST("🛎"),
    /** A campaign step contacted the customer (email, SMS, call, letter, coupon). */
    CAMPAIGN_CONTACTED("📣"),
    /** A response to a campaign: delivered, opened, clicked, unsubscribed, bounced, a call outcome, a redemption. */
    CAMPAIGN_RESPONSE("↩"),
    /** A task for a user about the customer: a hand-over to a presales or sales group, a lead. */
    TASK_CREATED("☐"),
    /** A lead for sales: the customer's interest, from a campaign, a journey, a form, an import or by hand. */
    LEAD_CREATED("★"),
    /** The customer's loyalty tier went up (with a receipt) or down (at a review). */
    LOYALTY_TIER_CHANGED("◆"),
    /** A public form sent by the customer (a sign-up, an inquiry, a registration). */
    FORM_SUBMITTED("✍"),
    /** A registration for an event's session (a response to the event's campaign, when it has one). */
    EVENT_REGISTERED("🎟"),
    /** Checked in at an event's session. */
    EVENT_ATTENDED("✔");

    private final String icon;

    InteractionKind(String icon) {
        this.icon = icon;
    }

    public String icon() {
        return icon;
    }
}
