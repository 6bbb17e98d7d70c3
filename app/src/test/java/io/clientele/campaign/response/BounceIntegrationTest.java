package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bounces reported by API and read from a real IMAP mailbox (GreenMail): recorded once, hard ones suppressed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Materials materials;

    @Autowired
    Bounces bounces;

    @Autowired
    ApiTokens tokens;

    private GreenMail greenMail;
    private String writer;
    private String reader;
    private long step;
    private final List<Long> customers = new ArrayList<>();

    @BeforeAll
    void setUp() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        writer =
                tokens.issue("bounces-marketer", Role.MARKETER.scopes(), "test").secret();
        reader = tokens.issue("bounces-analyst", Role.ANALYST.scopes(), "test").secret();
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long campaign = fixtures.runningCampaign("Bounce test");
        step = fixtures.frozenStep(campaign, StepChannel.EMAIL, ResponseTestData.emailMaterial(materials), "o");
        for (int i = 0; i < 5; i++) {
            customers.add(jdbc.sql("insert into customer (first_name, email) values ('Bounce', :email) returning id")
                    .param("email", " Bounce" + i + "." + System.nanoTime() + "@Example.com ")
                    .query(Long.class)
                    .single());
        }
        fixtures.treated(step, customers);
    }

    @AfterAll
    void stop() {
        greenMail.stop();
    }

    private String message(int customer) {
        return step + "." + customers.get(customer);
    }

    private long bounced(int customer) {
        return jdbc.sql("select count(*) from campaign_response where step_id = :step and customer_id = :customer"
                        + " and kind = 'BOUNCED'")
                .param("step", step)
                .param("customer", customers.get(customer))
                .query(Long.class)
                .single();
    }

    private List<String> suppressed(int customer) {
        return jdbc.sql("""
                        select s.reason || ' ' || s.channel from suppression s
                        where s.address = (select lower(btrim(email)) from customer where id = :customer)""")
                .param("customer", customers.get(customer))
                .query(String.class)
                .list();
    }

    @Test
    void theApiRecordsEachBounceOnceAndSuppressesHardOnes() throws Exception {
        String body = "[{\"message\":\"" + message(0) + "\",\"type\":\"HARD\",\"status\":\"5.1.1\","
                + "\"diagnostic\":\"smtp; 550 user unknown\"},"
                + "{\"message\":\"<c" + message(1) + ".k3j2@clientele>\",\"type\":\"soft\",\"status\":\"4.2.2\"},"
                + "{\"message\":\"999999999.1\",\"type\":\"HARD\",\"status\":\"5.1.1\"}]";
        HttpResponse<String> first = api(writer, "POST", "/api/v1/campaigns/bounces", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json.readTree(first.body()).toString())
                .isEqualTo("{\"recorded\":2,\"alreadyRecorded\":0,\"unknownMessages\":1}");
        assertThat(bounced(0)).isEqualTo(1);
        assertThat(bounced(1)).isEqualTo(1);
        assertThat(suppressed(0)).containsExactly("HARD_BOUNCE EMAIL");
        assertThat(suppressed(1)).isEmpty();
        assertThat(jdbc.sql("select detail from campaign_response where step_id = :step and customer_id = :c"
                                + " and kind = 'BOUNCED'")
                        .param("step", step)
                        .param("c", customers.get(0))
                        .query(String.class)
                        .single())
                .isEqualTo("5.1.1 smtp; 550 user unknown");

        HttpResponse<String> again = api(writer, "POST", "/api/v1/campaigns/bounces", body);
        assertThat(json.readTree(again.body()).toString())
                .isEqualTo("{\"recorded\":0,\"alreadyRecorded\":2,\"unknownMessages\":1}");
        assertThat(bounced(0)).isEqualTo(1);
        assertThat(suppressed(0)).hasSize(1);
    }

    @Test
    void aWrongBounceStoresNothingAndNamesTheFields() throws Exception {
        String body = "[{\"message\":\"" + message(4) + "\",\"type\":\"HARD\",\"status\":\"5.1.1\"},"
                + "{\"message\":\"hello\",\"type\":\"MAYBE\",\"status\":\"550\"}]";
        HttpResponse<String> response = api(writer, "POST", "/api/v1/campaigns/bounces", body);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactly("[1].message", "[1].type", "[1].status");
        assertThat(bounced(4)).isZero();
        assertThat(api(reader, "POST", "/api/v1/campaigns/bounces", "[]").statusCode())
                .isEqualTo(403);
    }

    @Test
    void theMailboxIsReadOnceAndOnlyDeliveryFailuresCount() throws Exception {
        GreenMailUser user = greenMail.setUser("bounces@clientele.local", "bounces", "secret");
        String hardId = message(2);
        user.deliver(mime(dsn(
                "failed",
                "5.1.1",
                "smtp; 550 5.1.1 <x@example.com>: Recipient address rejected",
                "text/rfc822-headers",
                "Message-ID: <c" + hardId + ".a1@clientele>\r\nX-Clientele-Message: " + hardId
                        + "\r\nSubject: Spring\r\n")));
        // only the Message-ID survives in the returned message
        user.deliver(mime(dsn(
                "failed",
                "4.2.2",
                "smtp; 452 4.2.2 Mailbox full",
                "message/rfc822",
                "Message-ID: <c" + message(3) + ".b2@clientele>\r\nSubject: Spring\r\n\r\nHello\r\n")));
        user.deliver(mime(dsn(
                "delayed",
                "4.4.1",
                "smtp; timeout",
                "text/rfc822-headers",
                "X-Clientele-Message: " + message(4) + "\r\n")));
        user.deliver(mime("From: ann@example.com\r\nTo: bounces@clientele.local\r\nSubject: Out of office\r\n"
                + "X-Clientele-Message: " + message(4) + "\r\n\r\nI am away.\r\n"));

        BounceMailbox mailbox = new BounceMailbox(
                new BounceMailboxProperties(
                        "127.0.0.1", greenMail.getImap().getPort(), "imap", "bounces", "secret", "INBOX", 60),
                bounces);
        assertThat(mailbox.readOnce()).isEqualTo(2);
        assertThat(bounced(2)).isEqualTo(1);
        assertThat(bounced(3)).isEqualTo(1);
        assertThat(bounced(4)).isZero();
        assertThat(suppressed(2)).containsExactly("HARD_BOUNCE EMAIL");
        assertThat(suppressed(3)).isEmpty();
        assertThat(jdbc.sql("select detail from campaign_response where step_id = :step and customer_id = :c"
                                + " and kind = 'BOUNCED'")
                        .param("step", step)
                        .param("c", customers.get(3))
                        .query(String.class)
                        .single())
                .isEqualTo("4.2.2 smtp; 452 4.2.2 Mailbox full");

        // the two notifications are gone; the delay notice and the auto-reply stay, read, for a person
        MimeMessage[] left = greenMail.getReceivedMessagesForDomain("clientele.local");
        assertThat(left).hasSize(2);
        for (MimeMessage m : left) {
            assertThat(m.getFlags().contains(Flags.Flag.SEEN)).isTrue();
        }
        assertThat(mailbox.readOnce()).isZero();
        assertThat(bounced(2)).isEqualTo(1);
    }

    private static String dsn(String action, String status, String diagnostic, String returnedType, String returned) {
        return "From: MAILER-DAEMON@mx.example.net\r\n"
                + "To: bounces@clientele.local\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B0\"\r\n\r\n"
                + "--B0\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--B0\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.example.net\r\nArrival-Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n"
                + "Final-Recipient: rfc822; x@example.com\r\nAction: " + action + "\r\nStatus: " + status
                + "\r\nDiagnostic-Code: " + diagnostic + "\r\n\r\n"
                + "--B0\r\nContent-Type: " + returnedType + "\r\n\r\n" + returned
                + "--B0--\r\n";
    }

    private static MimeMessage mime(String raw) throws Exception {
        return new MimeMessage(
                jakarta.mail.Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }
}
