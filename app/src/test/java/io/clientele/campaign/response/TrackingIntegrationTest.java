package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
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
 * The public tracking endpoints end to end over HTTP, with no session: the pixel, the click redirect (never an open
 * redirect) and the unsubscribe page with its RFC 8058 one-click POST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrackingIntegrationTest extends ApplicationTestSupport {
    private static final String TARGET = "https://shop.example.com/spring?x=1&y=%C3%A9";

    @Autowired
    TrackingLinks links;

    @Autowired
    Materials materials;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private long campaign;
    private long step;
    private long ann;
    private long bob;

    @BeforeAll
    void setUp() {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        campaign = fixtures.runningCampaign("Tracking spring sale");
        step = fixtures.frozenStep(campaign, StepChannel.EMAIL, ResponseTestData.emailMaterial(materials), "10% off");
        ann = customer("ann.tracking@example.com");
        bob = customer("bob.tracking@example.com");
        fixtures.treated(step, List.of(ann, bob));
    }

    private long customer(String email) {
        long id = jdbc.sql("insert into customer (first_name, email) values ('Tracked', :email) returning id")
                .param("email", email)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into customer_consent (customer_id, channel, granted, source, recorded_at)
                        values (:id, 'EMAIL', true, 'web form', now())""").param("id", id).update();
        return id;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The link as the customer receives it, pointed at this test server. */
    private String local(String url) {
        return url(url.substring(url.indexOf('/', "http://".length())));
    }

    private long responses(long customer, String kind) {
        return jdbc.sql("select count(*) from campaign_response where step_id = :step and customer_id = :customer"
                        + " and kind = :kind")
                .param("step", step)
                .param("customer", customer)
                .param("kind", kind)
                .query(Long.class)
                .single();
    }

    private static String forged(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    @Test
    void thePixelRecordsAnOpenOnceAMinuteAndAnswersTheSameImageForAForgedToken() throws Exception {
        String pixel = local(links.openUrl(step, bob));
        HttpResponse<byte[]> first = http.send(
                HttpRequest.newBuilder(URI.create(pixel)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(first.body()).hasSize(43).startsWith("GIF89a".getBytes(StandardCharsets.US_ASCII));
        assertThat(responses(bob, "OPENED")).isEqualTo(1);

        // the test clock stands still: a second fetch is within the minute and counts once
        assertThat(get(pixel).statusCode()).isEqualTo(200);
        assertThat(responses(bob, "OPENED")).isEqualTo(1);

        String token = pixel.substring(pixel.lastIndexOf('/') + 1, pixel.length() - ".gif".length());
        HttpResponse<byte[]> forged = http.send(
                HttpRequest.newBuilder(URI.create(url("/t/o/" + forged(token) + ".gif")))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(forged.statusCode()).isEqualTo(200);
        assertThat(forged.body()).isEqualTo(first.body());
        // the same signature for another customer is another customer's forgery
        String other = token.replaceFirst("\\." + bob + "\\.", "." + ann + ".");
        assertThat(get(url("/t/o/" + other + ".gif")).statusCode()).isEqualTo(200);
        assertThat(get(url("/t/o/garbage.gif")).statusCode()).isEqualTo(200);
        assertThat(responses(ann, "OPENED")).isZero();
        assertThat(responses(bob, "OPENED")).isEqualTo(1);
    }

    @Test
    void aClickRedirectsToTheSignedAddressOnlyAndRecordsIt() throws Exception {
        String click = local(links.clickUrl(step, bob, TARGET));
        HttpResponse<String> response = get(click);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue(TARGET);
        assertThat(jdbc.sql("select detail from campaign_response where step_id = :step and customer_id = :customer"
                                + " and kind = 'CLICKED'")
                        .param("step", step)
                        .param("customer", bob)
                        .query(String.class)
                        .list())
                .containsExactly(TARGET);

        String token = click.substring(click.indexOf("/t/c/") + 5, click.indexOf('?'));
        String elsewhere = url(
                "/t/c/" + token + "?u=" + URLEncoder.encode("https://evil.example.net/phish", StandardCharsets.UTF_8));
        HttpResponse<String> tampered = get(elsewhere);
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.headers().firstValue("Location")).isEmpty();
        assertThat(tampered.body()).contains("data-state=\"BAD_LINK\"");
        assertThat(get(url("/t/c/" + token)).statusCode()).isEqualTo(400);
        assertThat(get(url("/t/c/" + forged(token) + "?u=" + URLEncoder.encode(TARGET, StandardCharsets.UTF_8)))
                        .statusCode())
                .isEqualTo(400);

        // even a genuinely signed link never sends anyone to a script or a non-web address
        for (String target : List.of(
                "javascript:alert(document.cookie)",
                "data:text/html,<script>x</script>",
                "//evil.example.net/",
                "ftp://files.example.com/x")) {
            HttpResponse<String> refused = get(local(links.clickUrl(step, bob, target)));
            assertThat(refused.statusCode()).as(target).isEqualTo(400);
            assertThat(refused.headers().firstValue("Location")).as(target).isEmpty();
            assertThat(refused.body()).doesNotContain("<script>x</script>");
        }
        assertThat(responses(bob, "CLICKED")).isEqualTo(1);
    }

    @Test
    void unsubscribingTakesAPostWithoutSessionOrCsrfTokenAndHappensOnce() throws Exception {
        String link = local(links.unsubscribeUrl(step, ann));
        long consentEvents = consentEvents(ann);

        // a link scanner fetching the page unsubscribes no one
        HttpResponse<String> page = get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("a•••@example.com")
                .doesNotContain("ann.tracking@example.com")
                .contains("method=\"post\"");
        assertThat(get(link).statusCode()).isEqualTo(200);
        assertThat(responses(ann, "UNSUBSCRIBED")).isZero();
        assertThat(consentGranted(ann)).isTrue();

        // the mail client's RFC 8058 one-click POST: no session, no CSRF token
        HttpResponse<String> done = post(link, "List-Unsubscribe=One-Click");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("data-state=\"DONE\"", "a•••@example.com");
        assertThat(responses(ann, "UNSUBSCRIBED")).isEqualTo(1);
        assertThat(consentGranted(ann)).isFalse();
        assertThat(jdbc.sql("select source from customer_consent where customer_id = :id and channel = 'EMAIL'")
                        .param("id", ann)
                        .query(String.class)
                        .single())
                .isEqualTo("unsubscribe");
        assertThat(consentEvents(ann)).isEqualTo(consentEvents + 1);
        assertThat(jdbc.sql("select reason || ' ' || channel from suppression where customer_id = :id")
                        .param("id", ann)
                        .query(String.class)
                        .list())
                .containsExactly("UNSUBSCRIBED EMAIL");
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :id and kind = 'CONSENT_CHANGED'")
                        .param("id", ann)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // the page's button (or a second click) changes nothing and still answers 200
        HttpResponse<String> again = post(link, "");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(responses(ann, "UNSUBSCRIBED")).isEqualTo(1);
        assertThat(consentEvents(ann)).isEqualTo(consentEvents + 1);
        assertThat(jdbc.sql("select count(*) from suppression where customer_id = :id")
                        .param("id", ann)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aForgedUnsubscribeLinkIsNotFoundAndChangesNothing() throws Exception {
        String link = local(links.unsubscribeUrl(step, bob));
        String token = link.substring(link.lastIndexOf('/') + 1);
        for (String bad : List.of(forged(token), token.replaceFirst("\\." + bob + "\\.", "." + ann + "."), "x")) {
            assertThat(get(url("/u/" + bad)).statusCode()).isEqualTo(404);
            HttpResponse<String> posted = post(url("/u/" + bad), "List-Unsubscribe=One-Click");
            assertThat(posted.statusCode()).isEqualTo(404);
            assertThat(posted.body()).contains("data-state=\"UNKNOWN\"");
        }
        assertThat(responses(bob, "UNSUBSCRIBED")).isZero();
        assertThat(consentGranted(bob)).isTrue();
        assertThat(jdbc.sql("select count(*) from suppression where customer_id = :id")
                        .param("id", bob)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theCustomerPageShowsResponsesReadably() throws Exception {
        get(local(links.clickUrl(step, ann, TARGET)));
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        String page = marketer.get("/customers/" + ann).body();
        assertThat(page)
                .contains("data-testid=\"campaign-response\"")
                .contains("Tracking spring sale")
                .contains("href=\"/campaigns/" + campaign + "\"")
                .contains("clicked")
                .contains("https://shop.example.com/spring?x=1&amp;y=%C3%A9");
    }

    private boolean consentGranted(long customer) {
        return jdbc.sql("select granted from customer_consent where customer_id = :id and channel = 'EMAIL'")
                .param("id", customer)
                .query(Boolean.class)
                .single();
    }

    private long consentEvents(long customer) {
        return jdbc.sql("select count(*) from customer_consent_event where customer_id = :id")
                .param("id", customer)
                .query(Long.class)
                .single();
    }
}
