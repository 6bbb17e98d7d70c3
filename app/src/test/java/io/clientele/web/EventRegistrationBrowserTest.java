package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.forms.Events;
import io.clientele.forms.FormMail;
import io.clientele.forms.Forms;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A marketer builds an event's registration form; a visitor registers on the public form, confirms by the link in
 * the email (read from GreenMail's mailbox), and the store's staff find them on the check-in page and check them in
 * with one tap. A campaign invites to an event: the step editor offers the event, and the campaign's results show who
 * of the invited registered and came, against the control group.
 */
class EventRegistrationBrowserTest extends BrowserTestSupport {
    @Autowired
    Events events;

    @Autowired
    FormMail formMail;

    @Autowired
    Forms forms;

    @Autowired
    Campaigns campaigns;

    @Autowired
    Materials materials;

    private GreenMail greenMail;
    private JavaMailSenderImpl smtp;

    @BeforeEach
    void startMail() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        smtp = new JavaMailSenderImpl();
        smtp.setHost("127.0.0.1");
        smtp.setPort(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stopMail() {
        greenMail.stop();
    }

    @Test
    void aVisitorRegistersConfirmsByEmailAndIsCheckedIn() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Events.Event event = events.create(
                new Events.EventInput("Latte art seminar " + tag, "SEMINAR", "Hands-on, two sessions", null), "test");
        Events.Session morning = events.addSession(
                event.id(),
                new Events.SessionInput(
                        "Morning",
                        "Store 1, upstairs",
                        TEST_NOW.plus(Duration.ofDays(2)).toString(),
                        TEST_NOW.plus(Duration.ofDays(2).plusHours(2)).toString(),
                        20));

        signIn("marketer", "demo");
        page.navigate(url("/forms/new?kind=EVENT"));
        page.fill("#name", "Seminar sign-up " + tag);
        page.fill("#slug", "seminar-" + tag);
        page.selectOption("#kind", "EVENT");
        page.selectOption("#eventId", String.valueOf(event.id()));
        page.fill("#title", "Register for the latte art seminar");
        page.check("[name='consent.EMAIL.include']");
        page.fill("[name='consent.EMAIL.wording']", "Send me news of coming seminars");
        page.click("[data-testid=save-form]");
        assertThat(page.locator("[data-testid=form-name]")).hasText("Seminar sign-up " + tag);
        assertThat(page.locator("[data-testid=embed-snippet]")).containsText("<iframe src=");
        String address = page.locator("[data-testid=public-address]").getAttribute("href");
        String formPath = URI.create(address).getPath();
        assertThat(formPath).isEqualTo("/f/seminar-" + tag);

        // the visitor: no session of ours
        page.context().clearCookies();
        page.navigate(url(formPath));
        page.fill("[data-testid=field-email]", "lin." + tag + "@example.com");
        page.fill("[data-testid=field-firstName]", "Lin");
        page.fill("[data-testid=field-lastName]", "Visitor" + tag);
        page.selectOption("[data-testid=field-session]", String.valueOf(morning.id()));
        page.check("[data-testid=consent-EMAIL]");
        page.click("[data-testid=submit-form]");
        assertThat(page.locator("[data-testid=check-mail]")).isVisible();

        assertThat(formMail.sendPending(smtp)).isPositive();
        MimeMessage mail = null;
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (GreenMailUtil.getAddressList(m.getAllRecipients()).contains("lin." + tag + "@example.com")) {
                mail = m;
            }
        }
        assertThat(mail).isNotNull();
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("Latte art seminar " + tag).contains("Morning");
        Matcher link = Pattern.compile("https?://\\S+(/f/seminar-" + tag + "/confirm/\\S+)")
                .matcher(body);
        assertThat(link.find()).isTrue();
        page.navigate(url(link.group(1)));
        assertThat(page.locator("[data-testid=form-confirmation]")).hasAttribute("data-result", "CONFIRMED");

        signIn("store", "demo");
        page.navigate(url("/check-in"));
        page.click("[data-testid=check-in-events] [data-event='" + event.id() + "']");
        page.fill("[data-testid=check-in-search]", "visitor" + tag);
        page.click("[data-testid=check-in-search-submit]");
        assertThat(page.locator("[data-testid=check-in-list] li")).hasCount(1);
        page.click("[data-testid=check-in-list] [data-testid=check-in-button]");
        assertThat(page.locator("[data-testid=flash]")).containsText("Lin Visitor" + tag);
        assertThat(page.locator("[data-testid=check-in-list] [data-testid=checked-in]"))
                .hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/event-check-in.png"))
                .setFullPage(true));

        Events.Registration registration = events.registrations(event.id(), "visitor" + tag, null, 0, 10)
                .items()
                .getFirst();
        assertThat(registration.status()).isEqualTo(Events.RegistrationStatus.ATTENDED);
        assertThat(registration.confirmedAt()).isNotNull();
        assertThat(registration.checkedInBy()).isEqualTo("store");
        assertThat(jdbc.sql("select granted from customer_consent where customer_id = :c and channel = 'EMAIL'")
                        .param("c", registration.customerId())
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aCampaignStepInvitesToTheEventAndItsResultsShowWhoRegisteredAndCame() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Events.Event event =
                events.create(new Events.EventInput("Cupping evening " + tag, "SEMINAR", null, null), "test");
        Events.Session evening = events.addSession(
                event.id(),
                new Events.SessionInput(
                        "Evening",
                        "Store 1",
                        TEST_NOW.plus(Duration.ofHours(1)).toString(),
                        TEST_NOW.plus(Duration.ofHours(4)).toString(),
                        40));
        forms.create(
                new Forms.FormInput(
                        "cupping-" + tag,
                        "Cupping sign-up " + tag,
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
                "test");
        long material = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Cupping invitation " + tag,
                                "Join our cupping evening",
                                "<p><a href=\"{{event_link}}\">Register</a></p>",
                                "Register: {{event_link}}",
                                null,
                                null),
                        "marketer")
                .id();

        // the marketer adds an invitation step to a draft campaign: the step editor offers the event
        long draft = campaigns
                .create(
                        new CampaignInput(
                                "Cupping invitation " + tag,
                                "RETENTION",
                                null,
                                null,
                                "marketer",
                                null,
                                null,
                                null,
                                null,
                                List.of()),
                        "marketer")
                .id();
        signIn("marketer", "demo");
        page.navigate(url("/campaigns/" + draft));
        page.fill("#step-name", "Invitation");
        page.selectOption("#step-channel", "EMAIL");
        page.selectOption("#step-material", String.valueOf(material));
        page.selectOption("#step-event", String.valueOf(event.id()));
        page.click("[data-testid=add-step]");
        assertThat(page.locator("[data-testid=steps] [data-testid=step-event]")).containsText("Cupping evening " + tag);

        // a launched invitation: two members sent, one of them registers at the desk and is checked in twice
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long running = fixtures.runningCampaign("Cupping sent " + tag);
        long step = fixtures.frozenStep(running, StepChannel.EMAIL, material, null);
        List<Long> invited = fixtures.reachableCustomers(2);
        fixtures.treated(step, invited);
        jdbc.sql("update campaign_step set event_id = :event where id = :step")
                .param("event", event.id())
                .param("step", step)
                .update();
        jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = now() where step_id = :step")
                .param("step", step)
                .update();
        Events.Registration registration = events.registerCustomer(event.id(), evening.id(), invited.get(0))
                .registration();
        events.checkIn(event.id(), registration.id(), "store");
        events.checkIn(event.id(), registration.id(), "store");

        page.navigate(url("/campaigns/" + running + "/results"));
        var row = page.locator("[data-testid=invitations] [data-step='" + step + "'] [data-group=invited]");
        assertThat(row.locator("[data-figure=invited]")).hasText("2");
        assertThat(row.locator("[data-figure=registered]")).hasText("1");
        assertThat(row.locator("[data-figure=attended]")).hasText("1");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/event-invitation-results.png"))
                .setFullPage(true));

        // in Chinese
        page.navigate(url("/campaigns/" + running + "/results?lang=zh_CN"));
        assertThat(page.locator("[data-testid=invitations] h2")).hasText("活动邀请");
    }
}
