package io.clientele.campaign.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.audience.AudienceInput;
import io.clientele.campaign.audience.CampaignAudiences;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.MessageIds;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole loop through real parts: a campaign planned, approved and launched on a segment, its email step sent over
 * SMTP to GreenMail, and the received messages' own pixel, link and one-click unsubscribe header used over HTTP as a
 * mail program would — each response then in the results, on the timeline, and (the unsubscribe) in consent and
 * suppression.
 */
class CampaignEndToEndIntegrationTest extends ApplicationTestSupport {
    private static final String TARGET = "https://shop.example.com/spring?utm=e2e";

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignSteps steps;

    @Autowired
    CampaignAudiences audiences;

    @Autowired
    Launches launches;

    @Autowired
    Materials materials;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    SendStore store;

    @Autowired
    MessageRenderer renderer;

    @Autowired
    CampaignProperties properties;

    @Autowired
    ApiTokens tokens;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();
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
    void aLaunchedEmailIsReceivedAndItsOpenClickAndOneClickUnsubscribeComeBack() throws Exception {
        List<Long> audience = freshConsentingCustomers(3);
        long campaign = launchedEmailCampaign(audience);
        long step = steps.of(campaign).getFirst().id();

        SendWorker worker = new SendWorker(
                "e2e",
                store,
                renderer,
                Map.of(StepChannel.EMAIL, new SmtpEmail(ReceivedMail.sender(smtp), properties.mailFrom(), 1)),
                new SendThrottle(properties),
                properties,
                new SendProperties(0, 50, 50, 5, 0, 1, 30),
                s -> s.id() == step);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!"SENT".equals(steps.get(step).status().name()) && System.nanoTime() < deadline) {
            if (worker.runOnce() > 0) {
                Thread.sleep(20);
            }
        }

        Map<Long, MimeMessage> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            MessageIds.parse(String.valueOf(message.getHeader(MessageIds.HEADER, null)))
                    .filter(t -> t.stepId() == step)
                    .ifPresent(t -> received.put(t.customerId(), message));
        }
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(audience);

        // the first customer opens the message and clicks its link
        long reader = audience.get(0);
        Document html = Jsoup.parse(ReceivedMail.part(received.get(reader), "text/html"));
        HttpResponse<byte[]> pixel = http.send(
                HttpRequest.newBuilder(
                                local(html.select("img[width=1][height=1]").attr("src")))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pixel.statusCode()).isEqualTo(200);
        assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
        String link = html.select("a[href]").eachAttr("href").stream()
                .filter(h -> h.contains("/t/c/"))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> click =
                http.send(HttpRequest.newBuilder(local(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location")).hasValue(TARGET);

        // the second unsubscribes from the mail program's button: RFC 8058's POST, no session, twice
        long leaver = audience.get(1);
        String header = received.get(leaver).getHeader("List-Unsubscribe", null);
        assertThat(received.get(leaver).getHeader("List-Unsubscribe-Post", null))
                .isEqualTo("List-Unsubscribe=One-Click");
        URI unsubscribe = local(header.substring(1, header.length() - 1));
        assertThat(http.send(HttpRequest.newBuilder(unsubscribe).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(emailConsent(leaver)).as("a GET never unsubscribes").isTrue();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> posted = http.send(
                    HttpRequest.newBuilder(unsubscribe)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);
        }
        assertThat(emailConsent(leaver)).isFalse();
        assertThat(jdbc.sql("""
                        select count(*) from suppression
                        where customer_id = :id and channel = 'EMAIL' and reason = 'UNSUBSCRIBED'""").param("id", leaver).query(Long.class).single()).isEqualTo(1);

        String token =
                tokens.issue("e2e", Set.of(ApiScope.CAMPAIGNS_READ), "admin").secret();
        JsonNode total = json.readTree(api(token, "GET", "/api/v1/campaigns/" + campaign + "/results", null)
                        .body())
                .get("total");
        assertThat(total.get("targeted").asLong()).isEqualTo(3);
        assertThat(total.get("sent").asLong()).isEqualTo(3);
        assertThat(total.get("delivered").asLong()).isEqualTo(3);
        assertThat(total.get("opened").asLong()).isEqualTo(1);
        assertThat(total.get("clicked").asLong()).isEqualTo(1);
        assertThat(total.get("unsubscribed").asLong()).isEqualTo(1);

        assertThat(responses(reader)).containsExactlyInAnyOrder("OPENED", "CLICKED");
        assertThat(responses(leaver)).containsExactly("UNSUBSCRIBED");
        assertThat(responses(audience.get(2))).isEmpty();
    }

    private long launchedEmailCampaign(List<Long> audience) {
        SavedSegment segment = fixtures.snapshot(segments, fields, audience);
        long material = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "e2e " + UUID.randomUUID(),
                                "Spring for {{first_name|you}}",
                                "<p>{{offer.description}}</p><p><a href=\"" + TARGET + "\">Shop</a></p>",
                                "{{offer.description}} " + TARGET,
                                null,
                                null),
                        "marketer")
                .id();
        long campaign = campaigns
                .create(
                        new CampaignInput(
                                "End to end " + UUID.randomUUID(),
                                "RETENTION",
                                null,
                                null,
                                "marketer",
                                null,
                                null,
                                null,
                                null,
                                List.of(new CampaignInput.BudgetLineInput("MESSAGING", null, "10"))),
                        "marketer")
                .id();
        steps.create(
                campaign,
                new StepInput(
                        "Spring email",
                        "EMAIL",
                        String.valueOf(material),
                        "20% off",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "0.01",
                        null),
                "marketer");
        audiences.update(
                campaign, new AudienceInput(List.of(String.valueOf(segment.id())), List.of(), "9", "0"), "marketer");
        campaigns.submit(campaign, "marketer");
        campaigns.approve(campaign, "manager", "Go");
        launches.launch(campaign, "marketer");
        return campaign;
    }

    /**
     * New customers with an email address and email consent: never contacted nor suppressed, nothing counts against
     * their contact pressure, whatever other test classes ran before.
     */
    private List<Long> freshConsentingCustomers(int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String unique = java.util.UUID.randomUUID().toString();
            long id = jdbc.sql("""
                            insert into customer (first_name, last_name, email, city, source)
                            values ('Reader', :unique, :email, 'Harrowgate', 'test') returning id""")
                    .param("unique", unique)
                    .param("email", unique + "@e2e.example")
                    .query(Long.class)
                    .single();
            fixtures.consent(id, "EMAIL", true);
            ids.add(id);
        }
        return ids;
    }

    /** A link of the message, at this test's server instead of the configured public address. */
    private URI local(String link) {
        assertThat(link).startsWith(properties.publicUrl());
        return URI.create(url(link.substring(properties.publicUrl().length())));
    }

    private boolean emailConsent(long customer) {
        return jdbc.sql("select granted from customer_consent where customer_id = :id and channel = 'EMAIL'")
                .param("id", customer)
                .query(Boolean.class)
                .single();
    }

    private List<String> responses(long customer) {
        return jdbc.sql("""
                        select details ->> 'response' from interaction
                        where customer_id = :id and kind = 'CAMPAIGN_RESPONSE'""").param("id", customer).query(String.class).list();
    }
}
