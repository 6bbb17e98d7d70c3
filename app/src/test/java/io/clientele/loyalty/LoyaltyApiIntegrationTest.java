package io.clientele.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * /api/v1/loyalty: a till's hold confirmed or cancelled once whatever it retries, and the refusals that store
 * nothing: a redemption above the balance, a key reused for another amount (409), a blocked card, an earning rule
 * overlapping another, an adjustment without another person approving it.
 */
class LoyaltyApiIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    ApiTokens tokens;

    private String token;
    private String card;

    @BeforeEach
    void setUp() throws Exception {
        token = tokens.issue(
                        "loyalty test",
                        EnumSet.of(
                                ApiScope.SALES_WRITE,
                                ApiScope.LOYALTY_READ,
                                ApiScope.LOYALTY_WRITE,
                                ApiScope.LOYALTY_MANAGE),
                        "test")
                .secret();
        card = "API" + UUID.randomUUID().toString().substring(0, 12);
        assertThat(post("/api/v1/loyalty/cards", null, "{\"cardNumber\":\"" + card + "\"}")
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> credited = post(
                "/api/v1/loyalty/cards/" + card + "/adjustments",
                UUID.randomUUID().toString(),
                "{\"points\":500,\"reason\":\"welcome\",\"approvedBy\":\"manager\"}");
        assertThat(credited.statusCode()).as(credited.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long balance() throws Exception {
        return json.readTree(
                        api(token, "GET", "/api/v1/loyalty/cards/" + card, null).body())
                .path("account")
                .path("balance")
                .asLong();
    }

    private long holds() {
        return jdbc.sql("select count(*) from loyalty_hold where card_number = :card")
                .param("card", card)
                .query(Long.class)
                .single();
    }

    private String hold(long points) {
        return "{\"cardNumber\":\"" + card + "\",\"points\":" + points + "}";
    }

    @Test
    void aHoldIsBurntOnceHoweverOftenTheTillRetries() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> held = post("/api/v1/loyalty/holds", key, hold(120));
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        long id = json.readTree(held.body()).get("id").asLong();
        assertThat(json.readTree(post("/api/v1/loyalty/holds", key, hold(120)).body())
                        .get("id")
                        .asLong())
                .isEqualTo(id);
        assertThat(post("/api/v1/loyalty/holds/" + id + "/confirm", null, "").statusCode())
                .isEqualTo(200);
        JsonNode again = json.readTree(
                post("/api/v1/loyalty/holds/" + id + "/confirm", null, "").body());
        assertThat(again.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(balance()).isEqualTo(380);
        assertThat(post("/api/v1/loyalty/holds/" + id + "/cancel", null, "").statusCode())
                .isEqualTo(409);

        long cancelled = json.readTree(
                        post("/api/v1/loyalty/holds", UUID.randomUUID().toString(), hold(80))
                                .body())
                .get("id")
                .asLong();
        assertThat(post("/api/v1/loyalty/holds/" + cancelled + "/cancel", null, "")
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/api/v1/loyalty/holds/" + cancelled + "/confirm", null, "")
                        .statusCode())
                .isEqualTo(409);
        assertThat(balance()).isEqualTo(380);
    }

    @Test
    void aRedemptionAboveTheBalanceIsRefusedNamingPoints() throws Exception {
        HttpResponse<String> refused =
                post("/api/v1/loyalty/holds", UUID.randomUUID().toString(), hold(501));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("points");
        post("/api/v1/loyalty/holds", UUID.randomUUID().toString(), hold(400));
        assertThat(post("/api/v1/loyalty/holds", UUID.randomUUID().toString(), hold(101))
                        .statusCode())
                .as("held points are not available")
                .isEqualTo(400);
        assertThat(holds()).isEqualTo(1);
    }

    @Test
    void aKeyReusedWithAnotherAmountIsAConflict() throws Exception {
        String key = UUID.randomUUID().toString();
        post("/api/v1/loyalty/holds", key, hold(10));
        HttpResponse<String> reused = post("/api/v1/loyalty/holds", key, hold(11));
        assertThat(reused.statusCode()).isEqualTo(409);
        assertThat(holds()).isEqualTo(1);

        String adjustment = UUID.randomUUID().toString();
        post(
                "/api/v1/loyalty/cards/" + card + "/adjustments",
                adjustment,
                "{\"points\":5,\"reason\":\"sorry\",\"approvedBy\":\"manager\"}");
        assertThat(post(
                                "/api/v1/loyalty/cards/" + card + "/adjustments",
                                adjustment,
                                "{\"points\":6,\"reason\":\"sorry\",\"approvedBy\":\"manager\"}")
                        .statusCode())
                .isEqualTo(409);
        assertThat(balance()).isEqualTo(505);
    }

    @Test
    void aBlockedCardNeitherPaysNorTakesAdjustmentsByTheTill() throws Exception {
        assertThat(post("/api/v1/loyalty/cards/" + card + "/block", null, "").statusCode())
                .isEqualTo(200);
        HttpResponse<String> refused =
                post("/api/v1/loyalty/holds", UUID.randomUUID().toString(), hold(10));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("cardNumber").contains("BLOCKED");
        assertThat(holds()).isZero();
        assertThat(balance()).isEqualTo(500);
    }

    @Test
    void aRuleOverlappingAnotherForTheSameThingIsRefused() throws Exception {
        String brand = "Brand-" + UUID.randomUUID();
        String rule = "{\"name\":\"%s\",\"kind\":\"BRAND\",\"match\":\"" + brand
                + "\",\"multiplier\":2,\"validFrom\":\"%s\",\"validTo\":\"%s\"}";
        assertThat(post("/api/v1/loyalty/rules", null, rule.formatted("spring", "2090-03-01", "2090-05-31"))
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> overlapping =
                post("/api/v1/loyalty/rules", null, rule.formatted("may", "2090-05-01", "2090-06-30"));
        assertThat(overlapping.statusCode()).isEqualTo(400);
        assertThat(overlapping.body()).contains("validFrom").contains("spring");
        assertThat(post("/api/v1/loyalty/rules", null, rule.formatted("summer", "2090-06-01", "2090-08-31"))
                        .statusCode())
                .as("adjacent periods do not overlap")
                .isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from loyalty_rule where match = :brand")
                        .param("brand", brand)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void anAdjustmentNeedsAnotherPersonWhoManagesTheProgramme() throws Exception {
        for (String approver : new String[] {"store", "nobody-of-that-name", ""}) {
            HttpResponse<String> refused = post(
                    "/api/v1/loyalty/cards/" + card + "/adjustments",
                    UUID.randomUUID().toString(),
                    "{\"points\":5,\"reason\":\"sorry\",\"approvedBy\":\"" + approver + "\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("approvedBy");
        }
        assertThat(balance()).isEqualTo(500);
    }

    @Test
    void programmeSettingsAreCheckedWholeAndApplyFromNowOn() throws Exception {
        String settings = "{\"name\":\"Clientele Rewards\",\"pointsPerUnit\":%s,\"pointValue\":0.01,"
                + "\"expiryMonths\":%d,\"receiptCap\":null,\"redeemOnEarningReceipt\":false,"
                + "\"rewardCodePrefix\":\"PTS-\",\"holdMinutes\":15}";
        HttpResponse<String> refused = api(token, "PUT", "/api/v1/loyalty/programme", settings.formatted("2", 0));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("expiryMonths");
        assertThat(json.readTree(api(token, "GET", "/api/v1/loyalty/programme", null)
                                .body())
                        .get("pointsPerUnit")
                        .decimalValue())
                .as("nothing of a refused change is stored")
                .isEqualByComparingTo("1");
        try {
            HttpResponse<String> changed = api(token, "PUT", "/api/v1/loyalty/programme", settings.formatted("2", 24));
            assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
            assertThat(json.readTree(changed.body()).get("pointsPerUnit").decimalValue())
                    .isEqualByComparingTo("2");
        } finally {
            api(token, "PUT", "/api/v1/loyalty/programme", settings.formatted("1", 24));
        }
    }
}
