package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Material;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile input through the real pages: a template with scripts and handlers previewed for a customer whose data is
 * markup and placeholders, and hostile campaign names, addresses and link targets on the tracking, timeline and
 * results pages. Nothing hostile comes out unescaped, nothing is evaluated twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIntegrationTest extends ApplicationTestSupport {
    private static final String CAMPAIGN = "<script>alert('campaign')</script> Sale";

    @Autowired
    Materials materials;

    @Autowired
    TrackingLinks links;

    @Autowired
    CampaignResponses responses;

    private long campaign;
    private long step;
    private long mallory;

    @BeforeAll
    void setUp() {
        mallory = jdbc.sql("""
                        insert into customer (first_name, last_name, city, email)
                        values ('"><script>alert(1)</script>', '{{city}} ${7*7} #{7*7}', 'javascript:alert(2)',
                                'm@"><img src=x onerror=alert(3)>.example')
                        returning id""").query(Long.class).single();
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        campaign = fixtures.runningCampaign(CAMPAIGN);
        step = fixtures.frozenStep(campaign, StepChannel.EMAIL, ResponseTestData.emailMaterial(materials), "o");
        fixtures.treated(step, List.of(mallory));
    }

    private Session marketer() throws Exception {
        Session session = session();
        session.signIn("marketer", "demo");
        return session;
    }

    @Test
    void aHostileTemplateIsCleanedAndPreviewedForAHostileCustomerWithoutRunningAnything() throws Exception {
        Material material = materials.create(
                new MaterialInput(
                        "EMAIL",
                        "Hostile " + System.nanoTime(),
                        "Hi {{first_name}}",
                        "<p onclick=\"alert(4)\">Hi {{first_name}} {{last_name}}</p><script>alert(5)</script>"
                                + "<a href=\"{{city}}\">city</a>"
                                + "<a href=\"https://shop.example/?c={{city}}\">shop</a>"
                                + "<img src=\"https://t.example/p.gif\" onerror=\"alert(6)\">",
                        "Hi {{first_name}} {{last_name}}",
                        null,
                        null),
                "marketer");
        String stored = material.current().htmlBody();
        assertThat(material.current().htmlCleaned()).isTrue();
        assertThat(stored)
                .doesNotContain("script", "onclick", "onerror", "href=\"{{city}}\"")
                .contains("href=\"https://shop.example/?c={{city}}\"");

        HttpResponse<String> page = marketer().get("/campaigns/materials/" + material.id() + "?customer=" + mallory);
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains("data-testid=\"preview-html\"");
        assertThat(body)
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x onerror")
                .doesNotContain("onerror=\"alert")
                .doesNotContain("onclick=\"alert");
        // the customer's data is rendered once, as text: a placeholder in it stays a placeholder, 7*7 stays 7*7
        assertThat(body).contains("{{city}} ${7*7} #{7*7}").doesNotContain(">49<");
        // in the sandboxed frame's document the value is escaped, and escaped again in the attribute
        assertThat(body).contains("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;");
        assertThat(body).contains("https://shop.example/?c=javascript:alert(2)");
    }

    @Test
    void trackingPagesEscapeAddressesAndRefuseMalformedTargets() throws Exception {
        String link = links.unsubscribeUrl(step, mallory);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(url(link.substring(link.indexOf("/u/")))))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .doesNotContain("<img src=x")
                .contains("m•••@&quot;&gt;&lt;img src=x onerror=alert(3)&gt;.example");

        String target = "https://x.example/\"><script>alert(7)</script>";
        String click = links.clickUrl(step, mallory, target);
        HttpResponse<String> refused = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(url(click.substring(click.indexOf("/t/c/")))))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("<script>alert(7)");
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        String encoded = URLEncoder.encode(target, StandardCharsets.UTF_8);
        assertThat(click).endsWith(encoded);
    }

    @Test
    void theTimelineAndTheResultsPageEscapeHostileNamesAndDetails() throws Exception {
        responses.record(new CampaignResponses.Response(
                step,
                mallory,
                ResponseKind.CLICKED,
                TEST_NOW,
                "https://x.example/?q=<script>alert(8)</script>",
                null,
                null));
        Session marketer = marketer();
        String customer = marketer.get("/customers/" + mallory).body();
        assertThat(customer)
                .contains("data-testid=\"campaign-response\"")
                .contains("&lt;script&gt;alert(&#39;campaign&#39;)&lt;/script&gt; Sale")
                .contains("?q=&lt;script&gt;alert(8)&lt;/script&gt;")
                .doesNotContain("<script>alert");
        HttpResponse<String> results = marketer.get("/campaigns/" + campaign + "/results");
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body())
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;campaign&#39;)&lt;/script&gt; Sale");
    }
}
