package io.clientele.demo;

import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.audience.AudienceInput;
import io.clientele.campaign.audience.CampaignAudiences;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.campaign.send.StepSender;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rest of what makes the demo's Campaigns alive: saved segments, a materials library with one material of each
 * kind made there (email, SMS, call script, letter; surveys are the survey feature's), two finished campaigns with
 * results — an email win-back of lapsed big spenders with a 10 % control group, and an SMS to loyal regulars — each
 * planned, approved by the manager, launched, sent (to the mail server or SMS gateway when configured, else the
 * outbox), answered (opens and clicks, delivery receipts, recorded as the tracking endpoint and the gateway's
 * receipts record them; who responds follows from the customer's id and the seed) and completed, and a running
 * one: a soundbar email to recent TV buyers, sent and answered but not completed.
 */
@Component
class DemoCampaigns {
    private final JdbcClient jdbc;
    private final SavedSegments segments;
    private final FieldRegistry fields;
    private final Materials materials;
    private final Campaigns campaigns;
    private final CampaignSteps steps;
    private final CampaignAudiences audiences;
    private final Launches launches;
    private final StepSender sender;
    private final CampaignResponses responses;
    private final Clock clock;

    DemoCampaigns(
            JdbcClient jdbc,
            SavedSegments segments,
            FieldRegistry fields,
            Materials materials,
            Campaigns campaigns,
            CampaignSteps steps,
            CampaignAudiences audiences,
            Launches launches,
            StepSender sender,
            CampaignResponses responses,
            Clock clock) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.fields = fields;
        this.materials = materials;
        this.campaigns = campaigns;
        this.steps = steps;
        this.audiences = audiences;
        this.launches = launches;
        this.sender = sender;
        this.responses = responses;
        this.clock = clock;
    }

    /** What was made: the two finished campaigns and how many each reached, and the running one. */
    record Loaded(long winBack, long winBackSent, long regulars, long regularsSent, long running) {}

    /** A one-step campaign run: its id, its step, and the customers sent in the order sent. */
    record Run(long id, long stepId, List<Long> sent) {}

    Loaded load(long seed) throws InterruptedException {
        long lapsed =
                segment("Lapsed big spenders", "Spent over 5,000 in two years and bought nothing for 200 days.", """
                {"all": [{"field": "amount_spent", "op": "gt", "values": [5000], "window": {"lastDays": 730}},
                         {"field": "days_since_last_purchase", "op": "gt", "values": [200]}]}""");
        long regulars = segment("Loyal regulars", "Twelve purchases or more in the last year.", """
                {"field": "purchases", "op": "gte", "values": [12], "window": {"lastDays": 365}}""");
        long tvBuyers = segment("Recent TV buyers", "Bought a TV in the last 90 days: soundbar cross-sell.", """
                {"field": "bought_category", "op": "has_any", "values": ["TV"], "window": {"lastDays": 90}}""");
        long email = material(new MaterialInput(
                "EMAIL",
                "Win-back: we miss you",
                "{{first_name|Dear customer}}, we miss you",
                "<p>Dear {{first_name|customer}},</p><p>It has been a while. Come back to {{home_store|our store}}"
                        + " for 15% off: <a href=\"https://shop.example.com/welcome-back\">see the offer</a>.</p>",
                "Dear {{first_name|customer}}, come back for 15% off: https://shop.example.com/welcome-back",
                null,
                null));
        long sms = material(new MaterialInput(
                "SMS",
                "Regulars: double points weekend",
                null,
                null,
                null,
                "{{first_name|Hi}}, double points this weekend at {{home_store|our stores}}. Thank you for shopping"
                        + " with us!",
                null));
        material(new MaterialInput(
                "CALL_SCRIPT",
                "Win-back call",
                null,
                null,
                null,
                "Hello {{first_name|there}}, this is {{home_store|your store}}. We noticed we have not seen you for a"
                        + " while and would like to offer you 15% off your next purchase.",
                List.of(
                        new MaterialInput.AnswerInput(
                                "I am not interested.", "I understand. May we send you our offers by email?"),
                        new MaterialInput.AnswerInput(
                                "I bought elsewhere.", "What could we have done better? Your answer helps us."))));
        Run winBack = run(
                "Win back lapsed big spenders",
                "WIN_BACK",
                lapsed,
                "10",
                StepInput.sending("We miss you", StepChannel.EMAIL, email, "0.05"),
                seed,
                "https://shop.example.com/welcome-back",
                true);
        Run loyal = run(
                "Loyal regulars: double points weekend",
                "RETENTION",
                regulars,
                "0",
                StepInput.sending("Double points", StepChannel.SMS, sms, "0.04"),
                seed,
                null,
                true);
        long soundbar = material(new MaterialInput(
                "EMAIL",
                "Cross-sell: a soundbar for your new TV",
                "{{first_name|Hello}}, your new TV deserves a soundbar",
                "<p>Dear {{first_name|customer}},</p><p>Hear your new TV at its best: 20% off soundbars at"
                        + " {{home_store|our stores}} this month. <a href=\"https://shop.example.com/soundbars\">See"
                        + " them</a>.</p>",
                "Dear {{first_name|customer}}, 20% off soundbars this month: https://shop.example.com/soundbars",
                null,
                null));
        Run running = run(
                "Recent TV buyers: soundbar offer",
                "CROSS_SELL",
                tvBuyers,
                "10",
                StepInput.sending("Soundbar offer", StepChannel.EMAIL, soundbar, "0.05"),
                seed,
                "https://shop.example.com/soundbars",
                false);
        return new Loaded(
                winBack.id(), winBack.sent().size(), loyal.id(), loyal.sent().size(), running.id());
    }

    /**
     * A running campaign inviting frequent buyers to the event by email (a 10 % control group), sent and answered:
     * one in eight clicks their registration link. Who registers and comes is the events' part ({@link DemoForms}).
     */
    Run invitation(long eventId, String eventName, long seed) throws InterruptedException {
        long frequent =
                segment("Frequent buyers (seminar invitation)", "Eight purchases or more in the last year.", """
                {"field": "purchases", "op": "gte", "values": [8], "window": {"lastDays": 365}}""");
        long invitation = material(new MaterialInput(
                "EMAIL",
                "Invitation: " + eventName,
                "{{first_name|Hello}}, you are invited: " + eventName,
                "<p>Dear {{first_name|customer}},</p><p>Join us for two hours of espresso and milk foam at the"
                        + " flagship store, free for members. <a href=\"{{event_link}}\">Choose a session and"
                        + " register</a>.</p>",
                "Dear {{first_name|customer}}, join our free seminar at the flagship store. Register here:"
                        + " {{event_link}}",
                null,
                null));
        return run(
                eventName + ": invitation",
                "RETENTION",
                frequent,
                "10",
                new StepInput(
                        "Seminar invitation",
                        StepChannel.EMAIL.name(),
                        String.valueOf(invitation),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "0.05",
                        String.valueOf(eventId)),
                seed,
                "registration link",
                false);
    }

    private long segment(String name, String description, String condition) {
        return segments.create(new SavedSegments.Draft(
                        name, description, SavedSegment.Kind.DYNAMIC, ConditionJson.parse(condition, fields)))
                .segment()
                .id();
    }

    private long material(MaterialInput input) {
        return materials.create(input, "marketer").id();
    }

    /**
     * Plans, approves, launches, sends and answers a one-step campaign, and completes it when {@code finish} (else it
     * stays running, its answers still coming in). An email's opens and clicks on {@code clicked} are recorded as
     * tracking records them; without {@code clicked}, the SMS gateway's delivery receipts.
     */
    private Run run(
            String name,
            String purpose,
            long segment,
            String control,
            StepInput step,
            long seed,
            @Nullable String clicked,
            boolean finish)
            throws InterruptedException {
        long id = campaigns
                .create(
                        new CampaignInput(
                                name,
                                purpose,
                                finish
                                        ? "A demo campaign, finished: its results and funnel are on its page."
                                        : "A demo campaign, running: sent, its answers still coming in.",
                                "demo",
                                "marketer",
                                null,
                                null,
                                "10",
                                null,
                                List.of(new CampaignInput.BudgetLineInput("MESSAGING", null, "500"))),
                        "marketer")
                .id();
        long stepId = steps.create(id, step, "marketer").id();
        audiences.update(id, new AudienceInput(List.of(String.valueOf(segment)), List.of(), "5", control), "marketer");
        campaigns.submit(id, "marketer");
        campaigns.approve(id, "manager", "Demo: approved.");
        launches.launch(id, "marketer");
        List<Long> sent = DemoSends.sendAll(sender, jdbc, stepId, seed);
        Instant at = clock.instant().plus(Duration.ofHours(2));
        for (int i = 0; i < sent.size(); i++) {
            long customer = sent.get(i);
            if (clicked != null) {
                // two in five open, one in eight click
                if (i % 5 < 2) {
                    record(stepId, customer, ResponseKind.OPENED, at, null);
                }
                if (i % 8 == 0) {
                    record(stepId, customer, ResponseKind.CLICKED, at, clicked);
                }
            } else if (i % 20 != 0) {
                // the gateway's receipts: nineteen in twenty delivered
                record(stepId, customer, ResponseKind.DELIVERED, at, null);
            }
        }
        if (finish) {
            campaigns.complete(id, "marketer");
        }
        return new Run(id, stepId, sent);
    }

    private void record(long step, long customer, ResponseKind kind, Instant at, @Nullable String detail) {
        responses.record(new CampaignResponses.Response(step, customer, kind, at, detail, null, kind.name()));
    }
}
