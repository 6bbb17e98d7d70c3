package io.clientele.demo;

import io.clientele.campaign.response.TrackingLinks;
import io.clientele.forms.Events;
import io.clientele.forms.FormSubmissions;
import io.clientele.forms.Forms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's public forms and events: a newsletter sign-up, an inquiry form that opens service requests and leads, and
 * a seminar with two sessions (one running today, one next week) whose registration form has been used by a dozen
 * prospects, some of whom are checked in. The visitors are demo prospects with an email (matched by it, so no customer
 * is added and no purchase history changes); their confirmation mail waits in the outbox until SMTP is configured.
 * The seminar is also a campaign channel: frequent buyers are invited by email ({@link DemoCampaigns#invitation}),
 * up to a dozen of those who clicked register through their personal link, most of today's are checked in, and two
 * of the control group register uninvited (one comes), so that the campaign's results show invited, registered and attended
 * against the control group.
 */
@Component
class DemoForms {
    record Loaded(int forms, long eventId, int registrations, int checkedIn, long invitation, int invited) {}

    private final Forms forms;
    private final Events events;
    private final FormSubmissions submissions;
    private final DemoCampaigns campaigns;
    private final TrackingLinks links;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoForms(
            Forms forms,
            Events events,
            FormSubmissions submissions,
            DemoCampaigns campaigns,
            TrackingLinks links,
            JdbcClient jdbc,
            Clock clock) {
        this.forms = forms;
        this.events = events;
        this.submissions = submissions;
        this.campaigns = campaigns;
        this.links = links;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Loaded load(long seed) throws InterruptedException {
        Forms.Form newsletter = forms.create(
                new Forms.FormInput(
                        "newsletter",
                        "Newsletter sign-up (web footer)",
                        "NEWSLETTER",
                        "Coffee news, once a month",
                        "New beans, brewing tips and member offers. Unsubscribe at any time.",
                        "Welcome aboard!",
                        null,
                        "web-footer",
                        null,
                        false,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("FIRST_NAME", "First name", false),
                                new Forms.FieldInput("CITY", "City", false)),
                        List.of(new Forms.ConsentInput(
                                "EMAIL",
                                "Yes, send me the monthly newsletter with offers by email. I can unsubscribe at any"
                                        + " time.",
                                true))),
                "demo");
        Forms.Form inquiry = forms.create(
                new Forms.FormInput(
                        "service-inquiry",
                        "Machine service inquiry",
                        "INQUIRY",
                        "Book a service for your machine",
                        "Tell us what your espresso machine needs; our service desk answers within a day.",
                        "Thank you: our service desk will contact you.",
                        null,
                        "service-page",
                        null,
                        true,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("PHONE", "Phone", false),
                                new Forms.FieldInput("FIRST_NAME", "First name", true),
                                new Forms.FieldInput("LAST_NAME", "Last name", true),
                                new Forms.FieldInput("MESSAGE", "What does your machine need?", true)),
                        List.of()),
                "demo");
        Instant today = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Events.Event seminar = events.create(
                new Events.EventInput(
                        "Home barista seminar",
                        "SEMINAR",
                        "Two hours of espresso and milk foam at the flagship store, with tasting.",
                        null),
                "demo");
        Events.Session running = events.addSession(
                seminar.id(),
                new Events.SessionInput(
                        "Today",
                        "Flagship store, upstairs",
                        today.minus(Duration.ofHours(1)).toString(),
                        today.plus(Duration.ofHours(3)).toString(),
                        24));
        Events.Session next = events.addSession(
                seminar.id(),
                new Events.SessionInput(
                        "Next week",
                        "Flagship store, upstairs",
                        today.plus(Duration.ofDays(7)).toString(),
                        today.plus(Duration.ofDays(7).plusHours(2)).toString(),
                        16));
        Forms.Form registration = forms.create(
                new Forms.FormInput(
                        "barista-seminar",
                        "Home barista seminar registration",
                        "EVENT",
                        "Register for the home barista seminar",
                        "Free for members; places are limited.",
                        "See you there! Bring your badge code.",
                        null,
                        "instore-poster",
                        seminar.id(),
                        false,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("FIRST_NAME", "First name", true),
                                new Forms.FieldInput("LAST_NAME", "Last name", true)),
                        List.of(new Forms.ConsentInput("EMAIL", "Tell me about future seminars by email.", false))),
                "demo");

        List<Map<String, Object>> visitors = jdbc.sql("""
                        select c.email, c.first_name, c.last_name, c.city from customer c
                        where c.email is not null and c.first_name is not null and c.last_name is not null
                          and c.first_purchase_at is null
                        order by c.id desc limit 14""").query().listOfRows();
        int registered = 0;
        for (int i = 0; i < visitors.size(); i++) {
            Map<String, Object> v = visitors.get(i);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("email", (String) v.get("email"));
            values.put("firstName", (String) v.get("first_name"));
            values.put("lastName", (String) v.get("last_name"));
            if (i < 10) {
                values.put("session", String.valueOf((i < 7 ? running : next).id()));
                if (i % 2 == 0) {
                    values.put("consent.EMAIL", "on");
                }
                submissions.submit(registration, submissions.token(registration), values, null);
                registered++;
            } else if (i < 13) {
                values.put("consent.EMAIL", "on");
                submissions.submit(newsletter, submissions.token(newsletter), values, null);
            } else {
                values.put("message", "The steam wand of my machine hardly foams any more. Can you service it?");
                submissions.submit(inquiry, submissions.token(inquiry), values, null);
            }
        }
        int checkedIn = 0;
        for (Events.Registration r :
                events.registrations(seminar.id(), null, null, 0, 50).items()) {
            if (r.sessionId() == running.id() && checkedIn < 4) {
                events.checkIn(seminar.id(), r.id(), "store");
                checkedIn++;
            }
        }

        DemoCampaigns.Run invitation = campaigns.invitation(seminar.id(), seminar.name(), seed);
        // who clicked (one in eight sent) registers through their own link; two of the control group come uninvited
        List<Long> clickers = new ArrayList<>();
        for (int i = 0; i < invitation.sent().size() && clickers.size() < 12; i += 8) {
            clickers.add(invitation.sent().get(i));
        }
        List<Long> control = jdbc.sql("""
                        select customer_id from campaign_member where step_id = :step and member_group = 'CONTROL'
                        order by customer_id limit 2""")
                .param("step", invitation.stepId())
                .query(Long.class)
                .list();
        for (int i = 0; i < clickers.size(); i++) {
            long customer = clickers.get(i);
            register(
                    registration,
                    customer,
                    i % 3 == 2 ? next : running,
                    links.eventSource(invitation.stepId(), customer));
        }
        for (long customer : control) {
            register(registration, customer, running, null);
        }
        // the store checks in today's invited, all but every third, and the first of the control group
        int k = 0;
        for (Events.Registration r :
                events.registrations(seminar.id(), null, null, 0, 100).items()) {
            boolean came = clickers.contains(r.customerId())
                    ? r.sessionId() == running.id() && k++ % 3 != 2
                    : !control.isEmpty() && r.customerId() == control.getFirst();
            if (came) {
                events.checkIn(seminar.id(), r.id(), "store");
            }
        }
        return new Loaded(
                3,
                seminar.id(),
                registered,
                checkedIn,
                invitation.id(),
                invitation.sent().size());
    }

    /** Registers the customer on the form as they would fill it in, with the invitation's source when they have one. */
    private void register(Forms.Form form, long customer, Events.Session session, @Nullable String source) {
        Map<String, Object> c = jdbc.sql("select email, first_name, last_name from customer where id = :id")
                .param("id", customer)
                .query()
                .singleRow();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", (String) c.get("email"));
        values.put("firstName", c.get("first_name") == null ? "Member" : (String) c.get("first_name"));
        values.put("lastName", c.get("last_name") == null ? "No. " + customer : (String) c.get("last_name"));
        values.put("session", String.valueOf(session.id()));
        if (source != null) {
            values.put("source", source);
        }
        submissions.submit(form, submissions.token(form), values, null);
    }
}
