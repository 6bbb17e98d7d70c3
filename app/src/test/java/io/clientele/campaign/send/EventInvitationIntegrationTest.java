package io.clientele.campaign.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResults;
import io.clientele.campaign.response.MessageIds;
import io.clientele.forms.Events;
import io.clientele.forms.FormMail;
import io.clientele.forms.Forms;
import io.clientele.platform.FieldProblem;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * An event as a campaign channel, over SMTP (GreenMail) and HTTP as a member's browser goes: the invitation carries
 * each member's own registration link; the member clicks it, registers, confirms by the mailed link and is checked in,
 * and the step counts one registration and one attendance however often the form is sent again or the badge scanned;
 * a control member who registers uninvited counts in the control group's column.
 */
class EventInvitationIntegrationTest extends ApplicationTestSupport {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
    private static final Pattern SOURCE = Pattern.compile("name=\"source\" value=\"([^\"]+)\"");

    @Autowired
    Materials materials;

    @Autowired
    SendStore store;

    @Autowired
    MessageRenderer renderer;

    @Autowired
    CampaignSteps steps;

    @Autowired
    CampaignProperties properties;

    @Autowired
    CampaignResults results;

    @Autowired
    Events events;

    @Autowired
    Forms forms;

    @Autowired
    FormMail formMail;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private GreenMail smtp;
    private CampaignFixtures fixtures;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        fixtures = new CampaignFixtures(jdbc, materials);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void anInvitedMemberRegistersThroughTheirLinkIsCheckedInAndCountsOnce() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Events.Event event =
                events.create(new Events.EventInput("Roasting seminar " + tag, "SEMINAR", null, null), "marketer");
        Events.Session session = events.addSession(
                event.id(),
                new Events.SessionInput(
                        "Afternoon",
                        "Store 1",
                        TEST_NOW.plus(Duration.ofHours(2)).toString(),
                        TEST_NOW.plus(Duration.ofHours(5)).toString(),
                        30));
        Forms.Form form = forms.create(
                new Forms.FormInput(
                        "roasting-" + tag,
                        "Roasting sign-up " + tag,
                        "EVENT",
                        "Register",
                        null,
                        null,
                        null,
                        null,
                        event.id(),
                        false,
                        true,
                        List.of(
                                new Forms.FieldInput("EMAIL", "Email", true),
                                new Forms.FieldInput("FIRST_NAME", "First name", true),
                                new Forms.FieldInput("LAST_NAME", "Last name", true)),
                        List.of()),
                "marketer");
        long withLink =
                materials.create(invitation("{{event_link}}"), "marketer").id();
        long without = materials
                .create(invitation("https://example.com/seminars"), "marketer")
                .id();

        // the step checks its event and that the material carries the link
        assertThat(steps.problems(step("EMAIL", without, event.id())))
                .extracting(FieldProblem::field, FieldProblem::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("materialId", "campaign.step.eventLink"));
        assertThat(steps.problems(step("EMAIL", withLink, 999_999_999L)))
                .extracting(FieldProblem::field)
                .containsExactly("eventId");
        assertThat(steps.problems(step("SMS", withLink, event.id())))
                .extracting(FieldProblem::field)
                .contains("eventId");
        assertThat(steps.problems(step("EMAIL", withLink, event.id()))).isEmpty();

        long campaign = fixtures.runningCampaign("Seminar invitation " + tag);
        long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, withLink, null);
        jdbc.sql("update campaign_step set event_id = :event where id = :step")
                .param("event", event.id())
                .param("step", step)
                .update();
        List<Long> reachable = fixtures.reachableCustomers(3);
        List<Long> invited = reachable.subList(0, 2);
        long control = reachable.get(2);
        fixtures.treated(step, invited);
        jdbc.sql("""
                        insert into campaign_member (step_id, customer_id, campaign_id, member_group)
                        values (:step, :customer, :campaign, 'CONTROL')""")
                .param("step", step)
                .param("customer", control)
                .param("campaign", campaign)
                .update();

        SendWorker worker = new SendWorker(
                "event-mail",
                store,
                renderer,
                Map.of(StepChannel.EMAIL, new SmtpEmail(ReceivedMail.sender(smtp), properties.mailFrom(), 1)),
                new SendThrottle(properties),
                properties,
                new SendProperties(0, 50, 50, 5, 0, 1, 30),
                s -> s.id() == step);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"SENT".equals(steps.get(step).status().name()) && System.nanoTime() < deadline) {
            if (worker.runOnce() == 0) {
                Thread.sleep(20);
            }
        }
        Map<Long, MimeMessage> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            MessageIds.parse(String.valueOf(message.getHeader(MessageIds.HEADER, null)))
                    .filter(t -> t.stepId() == step)
                    .ifPresent(t -> received.put(t.customerId(), message));
        }
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(invited);

        // each member's link goes through the click redirect to the form, with their own signed source
        Map<Long, String> registration = new HashMap<>();
        for (long customer : invited) {
            String click = Jsoup.parse(ReceivedMail.part(received.get(customer), "text/html"))
                    .select("a:contains(Register)")
                    .attr("href");
            HttpResponse<String> redirect =
                    http.send(HttpRequest.newBuilder(local(click)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(302);
            String target = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(target).startsWith(properties.publicUrl() + "/f/" + form.slug() + "?source=");
            registration.put(customer, target.substring(properties.publicUrl().length()));
        }
        assertThat(registration.get(invited.get(0))).isNotEqualTo(registration.get(invited.get(1)));

        // the first member registers through the link, with another address than the one invited (a colleague's
        // form filled in for them): the registration is still the invited member's response
        long member = invited.get(0);
        Session browser = session().from("203.0.113." + (10 + Math.abs(tag.hashCode() % 200)));
        String page = browser.get(registration.get(member)).body();
        Matcher source = SOURCE.matcher(page);
        assertThat(source.find()).isTrue();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("email", "assistant." + tag + "@example.com");
        values.put("firstName", "Ming");
        values.put("lastName", "Assistant" + tag);
        values.put("session", String.valueOf(session.id()));
        values.put("source", source.group(1));
        assertThat(submit(browser, registration.get(member), form.slug(), values)
                        .statusCode())
                .isEqualTo(200);
        // sent again from a fresh page: the same registration, nothing counted twice
        assertThat(submit(browser, registration.get(member), form.slug(), values)
                        .statusCode())
                .isEqualTo(200);

        // the outbox sends the oldest first, a hundred at a time: the demo's and other tests' mail may be before ours
        JavaMailSenderImpl sender = mailSender();
        for (int batch = 0; batch < 100 && pendingMail() > 0; batch++) {
            formMail.sendPending(sender);
        }
        // the first mail confirms the registration (the second submission's confirms only itself)
        MimeMessage confirmation = null;
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (confirmation == null
                    && GreenMailUtil.getAddressList(m.getAllRecipients())
                            .contains("assistant." + tag + "@example.com")) {
                confirmation = m;
            }
        }
        assertThat(confirmation)
                .as(
                        "mail: %s",
                        jdbc.sql("select send_status || ' ' || coalesce(send_error, '') from form_mail"
                                        + " where to_address = :to")
                                .param("to", "assistant." + tag + "@example.com")
                                .query(String.class)
                                .list())
                .isNotNull();
        Matcher confirm = Pattern.compile("https?://\\S+(/f/" + form.slug() + "/confirm/\\S+)")
                .matcher(GreenMailUtil.getBody(confirmation));
        assertThat(confirm.find()).isTrue();
        assertThat(browser.get(confirm.group(1)).body()).contains("data-result=\"CONFIRMED\"");

        Events.Registration registered = events.registrations(event.id(), "assistant" + tag, null, 0, 10)
                .items()
                .getFirst();
        assertThat(registered.confirmedAt()).isNotNull();
        events.checkIn(event.id(), registered.id(), "store");
        // a second scan of the badge
        events.checkInCode(event.id(), registered.code(), "store");

        // the control member hears of the seminar elsewhere and registers uninvited
        String controlEmail = jdbc.sql("select email from customer where id = :id")
                .param("id", control)
                .query(String.class)
                .single();
        Session walkIn = session().from("203.0.113." + (220 + Math.abs(tag.hashCode() % 30)));
        Map<String, String> uninvited = new LinkedHashMap<>();
        uninvited.put("email", controlEmail);
        uninvited.put("firstName", "Walk");
        uninvited.put("lastName", "In" + tag);
        uninvited.put("session", String.valueOf(session.id()));
        assertThat(submit(walkIn, "/f/" + form.slug(), form.slug(), uninvited).statusCode())
                .isEqualTo(200);

        assertThat(responses(step, member, "REGISTERED")).isEqualTo(1);
        assertThat(responses(step, member, "ATTENDED")).isEqualTo(1);
        assertThat(responses(step, member, "CLICKED")).isEqualTo(1);
        assertThat(responses(step, invited.get(1), "REGISTERED")).isZero();
        assertThat(responses(step, control, "REGISTERED")).isEqualTo(1);
        assertThat(responses(step, control, "ATTENDED")).isZero();

        CampaignResults.Row row = results.of(campaign).invitations().getFirst();
        assertThat(row.stepId()).isEqualTo(step);
        assertThat(row.eventId()).isEqualTo(event.id());
        assertThat(row.sent()).isEqualTo(2);
        assertThat(row.clicked()).isEqualTo(2);
        assertThat(row.registered()).isEqualTo(1);
        assertThat(row.attended()).isEqualTo(1);
        assertThat(row.control()).isEqualTo(1);
        assertThat(row.controlRegistered()).isEqualTo(1);
        assertThat(row.controlAttended()).isZero();
        // the control member's registration is no response to a message they were never sent
        assertThat(row.responded()).isEqualTo(2);
    }

    private static StepInput step(String channel, long material, long event) {
        return new StepInput(
                "Invitation",
                channel,
                String.valueOf(material),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                String.valueOf(event));
    }

    private long responses(long step, long customer, String kind) {
        return jdbc.sql("""
                        select count(*) from campaign_response
                        where step_id = :step and customer_id = :customer and kind = :kind""")
                .param("step", step)
                .param("customer", customer)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    /** Opens the form page (for its one-time token) and posts it as the browser would. */
    private HttpResponse<String> submit(Session browser, String page, String slug, Map<String, String> values)
            throws Exception {
        Matcher token = FORM_TOKEN.matcher(browser.get(page).body());
        assertThat(token.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>(values);
        form.put("token", token.group(1));
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(URI.create(url("/f/" + slug)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long pendingMail() {
        return jdbc.sql("select count(*) from form_mail where send_status = 'PENDING'")
                .query(Long.class)
                .single();
    }

    private JavaMailSenderImpl mailSender() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        return sender;
    }

    private static MaterialInput invitation(String link) {
        return new MaterialInput(
                "EMAIL",
                "Seminar invitation " + UUID.randomUUID(),
                "Join our roasting seminar, {{first_name|friend}}",
                "<p>Dear {{first_name|customer}}, <a href=\"" + link + "\">Register for the seminar</a></p>",
                "Dear {{first_name|customer}}, register here: " + link,
                null,
                null);
    }

    private URI local(String link) {
        assertThat(link).startsWith(properties.publicUrl());
        return URI.create(url(link.substring(properties.publicUrl().length())));
    }
}
