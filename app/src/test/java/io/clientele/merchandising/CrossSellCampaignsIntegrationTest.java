package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule as a draft cross-sell campaign by API: for whoever may save segments (an analyst's token too), a draft on the
 * rule's segment, nothing stored when the plan is refused; bad rule input, in this endpoint and the rules', named.
 */
class CrossSellCampaignsIntegrationTest extends ApplicationTestSupport {
    private static final String RULE = "\"level\":\"PRODUCT\",\"bought\":[\"CBL-004\"],\"notBought\":[\"CBL-008\"]";

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    String analyst;
    String storeManager;

    @BeforeEach
    void tokens() {
        analyst = tokens.issue("cross-sell-analyst", Role.ANALYST.scopes(), "test")
                .secret();
        storeManager = tokens.issue("cross-sell-store", Role.STORE_MANAGER.scopes(), "test")
                .secret();
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return api(token, "POST", "/api/v1/merchandising/cross-sell-campaigns", body);
    }

    private HttpResponse<String> post(String token, String body, String key) throws Exception {
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(url("/api/v1/merchandising/cross-sell-campaigns")))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private long segments() {
        return jdbc.sql("select count(*) from segment").query(Long.class).single();
    }

    @Test
    void anAnalystsTokenDraftsACampaignOnTheRulesSegment() throws Exception {
        HttpResponse<String> response = post(analyst, "{" + RULE + ",\"owner\":\"analyst\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode campaign = json.readTree(response.body());
        assertThat(campaign.get("status").asString()).isEqualTo("DRAFT");
        assertThat(campaign.get("plan").get("purpose").asString()).isEqualTo("CROSS_SELL");
        assertThat(campaign.get("plan").get("owner").asString()).isEqualTo("analyst");
        String name = campaign.get("plan").get("name").asString();
        assertThat(name).startsWith("Bought CBL-004").endsWith("but not CBL-008");
        assertThat(jdbc.sql("""
                        select s.name from campaign_audience a join segment s on s.id = a.segment_id
                        where a.campaign_id = :id and not a.exclude""")
                        .param("id", campaign.get("id").asLong())
                        .query(String.class)
                        .single())
                .isEqualTo(name);
        assertThat(jdbc.sql("select channel || ' ' || name from campaign_step where campaign_id = :id")
                        .param("id", campaign.get("id").asLong())
                        .query(String.class)
                        .list())
                .containsExactly("EMAIL Cross-sell email");
        // a retry with the same key answers the same draft
        String idempotencyKey = "cross-sell-" + System.nanoTime();
        String body = "{" + RULE + ",\"owner\":\"analyst\"}";
        HttpResponse<String> first = post(analyst, body, idempotencyKey);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> retry = post(analyst, body, idempotencyKey);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(retry.body()).get("id").asLong())
                .isEqualTo(json.readTree(first.body()).get("id").asLong());
        // the analyst still may not write campaigns otherwise
        assertThat(api(analyst, "POST", "/api/v1/campaigns", "{\"name\":\"x\",\"purpose\":\"BRAND\"}")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRefusedPlanOrRuleStoresNothing() throws Exception {
        long before = segments();
        HttpResponse<String> noOwner = post(analyst, "{" + RULE + ",\"from\":\"2001-01-01\",\"to\":\"2001-12-31\"}");
        assertThat(noOwner.statusCode()).as(noOwner.body()).isEqualTo(400);
        assertThat(noOwner.body()).contains("\"field\":\"owner\"");
        assertThat(post(analyst, "{" + RULE + ",\"owner\":\"a\\u0000b\"}").body())
                .contains("\"field\":\"owner\"");
        assertThat(post(analyst, "{\"level\":\"PRODUCT\",\"bought\":[\"CBL\\u00004\"],\"notBought\":[\"CBL-008\"]}")
                        .body())
                .contains("\"field\":\"bought");
        assertThat(post(analyst, "{\"level\":\"PRODUCT\",\"bought\":[\"\"],\"notBought\":[\"CBL-008\"]}")
                        .body())
                .contains("\"field\":\"bought");
        assertThat(post(analyst, "{" + RULE + ",\"from\":\"2026-02-01\",\"to\":\"2026-01-01\",\"owner\":\"analyst\"}")
                        .body())
                .contains("\"field\":\"to\"");
        assertThat(segments()).as("no segment left behind").isEqualTo(before);
        assertThat(post(storeManager, "{" + RULE + "}").statusCode()).isEqualTo(403);
    }

    @Test
    void rulesNameAHostileStoreOrLevel() throws Exception {
        for (String query : new String[] {"stores=a%00b", "level=%ED%A0%80", "minSupport=%00"}) {
            HttpResponse<String> response = api(analyst, "GET", "/api/v1/merchandising/rules?" + query, null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
        }
    }
}
