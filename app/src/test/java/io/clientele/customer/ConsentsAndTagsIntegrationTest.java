package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Consents keep their history; tags are normalised and unique; both are on the timeline. */
class ConsentsAndTagsIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    CustomerEditor editor;

    @Autowired
    Customers customers;

    private String token;
    private long id;

    @BeforeEach
    void aCustomer() {
        token = tokens.issue("consent test", EnumSet.of(ApiScope.CUSTOMERS_READ, ApiScope.CUSTOMERS_WRITE), "test")
                .secret();
        id = editor.create(TestCustomers.someone());
    }

    @Test
    void everyConsentChangeIsKeptInTheHistoryAndTheLatestIsTheCurrentState() throws Exception {
        HttpResponse<String> granted = api(
                token,
                "PUT",
                "/api/v1/customers/" + id + "/consents/email",
                "{\"granted\":true,\"source\":\"web form\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        assertThat(json.readTree(granted.body()).get("channel").asString()).isEqualTo("EMAIL");
        api(token, "PUT", "/api/v1/customers/" + id + "/consents/SMS", "{\"granted\":true,\"source\":\"in-store\"}");
        api(
                token,
                "PUT",
                "/api/v1/customers/" + id + "/consents/EMAIL",
                "{\"granted\":false,\"source\":\"unsubscribe link\"}");

        CustomerProfile profile = customers.profile(id).orElseThrow();
        assertThat(profile.consents())
                .extracting(c -> c.channel() + " " + c.granted() + " " + c.source())
                .containsExactly("EMAIL false unsubscribe link", "SMS true in-store");
        JsonNode history = json.readTree(api(token, "GET", "/api/v1/customers/" + id + "/consents/history", null)
                .body());
        assertThat(history.valueStream()
                        .map(e -> e.get("channel").asString() + " "
                                + e.get("granted").asBoolean()))
                .as("newest first, nothing lost")
                .containsExactly("EMAIL false", "SMS true", "EMAIL true");
        assertThat(history.get(0).get("recordedBy").asString()).isEqualTo("token:consent test");
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :id and kind = 'CONSENT_CHANGED'")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aConsentNeedsAnAnswerAndASourceAndAKnownChannel() throws Exception {
        HttpResponse<String> missing = api(token, "PUT", "/api/v1/customers/" + id + "/consents/EMAIL", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body())
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactly("granted", "source");
        HttpResponse<String> channel =
                api(token, "PUT", "/api/v1/customers/" + id + "/consents/FAX", "{\"granted\":true,\"source\":\"x\"}");
        assertThat(channel.statusCode()).isEqualTo(400);
        assertThat(channel.body()).contains("channel: one of EMAIL, SMS, MAIL, PHONE");
        assertThat(customers.profile(id).orElseThrow().consents()).isEmpty();
    }

    @Test
    void aConsentFromThePageIsRecordedWithWhoRecordedIt() throws Exception {
        var agent = session();
        agent.signIn("agent", "demo");
        HttpResponse<String> posted = agent.postForm(
                "/customers/" + id, "/customers/" + id + "/consents", "channel=PHONE&granted=true&source=phone+call");
        assertThat(posted.statusCode()).isEqualTo(302);
        String page = agent.get("/customers/" + id).body();
        assertThat(page).contains("Consent recorded.", "phone call", "History (1 entries)");
        assertThat(jdbc.sql("select recorded_by from customer_consent_event where customer_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("agent");

        HttpResponse<String> noSource = agent.postForm(
                "/customers/" + id, "/customers/" + id + "/consents", "channel=SMS&granted=true&source=");
        assertThat(noSource.statusCode()).isEqualTo(302);
        assertThat(agent.get("/customers/" + id).body()).contains("id=\"source-error\"", "Required.");
        assertThat(customers.profile(id).orElseThrow().consents()).hasSize(1);
    }

    @Test
    void tagsAreNormalisedUniqueAndRemovable() throws Exception {
        HttpResponse<String> added = api(token, "PUT", "/api/v1/customers/" + id + "/tags/%20VIP%20%20Gold%20", null);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(json.readTree(added.body()).valueStream().map(JsonNode::asString))
                .containsExactly("vip gold");
        api(token, "PUT", "/api/v1/customers/" + id + "/tags/vip%20gold", null);
        api(token, "PUT", "/api/v1/customers/" + id + "/tags/%E8%80%81%E5%AE%A2%E6%88%B7", null);
        assertThat(customers.profile(id).orElseThrow().tags()).containsExactly("vip gold", "老客户");

        HttpResponse<String> removed = api(token, "DELETE", "/api/v1/customers/" + id + "/tags/VIP%20GOLD", null);
        assertThat(json.readTree(removed.body()).valueStream().map(JsonNode::asString))
                .containsExactly("老客户");
        assertThat(jdbc.sql("select kind from interaction where customer_id = :id and kind like 'TAG%' order by id")
                        .param("id", id)
                        .query(String.class)
                        .list())
                .as("adding a tag twice is recorded once")
                .containsExactly("TAG_ADDED", "TAG_ADDED", "TAG_REMOVED");

        HttpResponse<String> tooLong = api(token, "PUT", "/api/v1/customers/" + id + "/tags/" + "x".repeat(41), null);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tooLong.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("tag");
        assertThat(api(token, "PUT", "/api/v1/customers/999999999/tags/vip", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void tagsFromThePage() throws Exception {
        var marketer = session();
        marketer.signIn("marketer", "demo");
        marketer.postForm("/customers/" + id, "/customers/" + id + "/tags", "tag=Trade+Show+2026");
        assertThat(customers.profile(id).orElseThrow().tags()).containsExactly("trade show 2026");
        marketer.postForm("/customers/" + id, "/customers/" + id + "/tags", "tag=no%2Fslash");
        assertThat(marketer.get("/customers/" + id).body()).contains("id=\"tag-error\"", "value=\"no/slash\"");
        marketer.postForm("/customers/" + id, "/customers/" + id + "/tags/remove", "tag=trade+show+2026");
        assertThat(customers.profile(id).orElseThrow().tags()).isEmpty();
    }
}
