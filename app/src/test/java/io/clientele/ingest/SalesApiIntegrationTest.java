package io.clientele.ingest;

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

/** POST /api/v1/sales: idempotent by key and by receipt, validated like the sales file. */
class SalesApiIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();

    @Autowired
    ApiTokens tokens;

    private String token;
    private String store;
    private String sku;
    private String card;

    @BeforeEach
    void setUp() {
        token = tokens.issue("POS test", EnumSet.of(ApiScope.SALES_WRITE), "test")
                .secret();
        store = jdbc.sql("select code from store order by id limit 1")
                .query(String.class)
                .single();
        sku = jdbc.sql("select sku from product order by id limit 1")
                .query(String.class)
                .single();
        card = jdbc.sql("select card_number from customer where card_number is not null order by id desc limit 1")
                .query(String.class)
                .single();
    }

    private HttpResponse<String> post(String key, String body, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/v1/sales")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String receipts(String source, String... receipts) {
        return "{\"source\":\"" + source + "\",\"receipts\":[" + String.join(",", receipts) + "]}";
    }

    private String receipt(String id, String soldAt, String lines) {
        return "{\"receiptId\":\"" + id + "\",\"storeCode\":\"" + store + "\",\"soldAt\":\"" + soldAt
                + "\",\"cardNumber\":\"" + card + "\",\"lines\":[" + lines + "]}";
    }

    private String line(String sku, int quantity, String price) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPrice\":" + price + "}";
    }

    private long receiptsOf(String source) {
        return jdbc.sql("select count(*) from sale where source = :s")
                .param("s", source)
                .query(Long.class)
                .single();
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstAnswerAndStoresNothingTwice() throws Exception {
        String source = "API-" + UUID.randomUUID();
        String body = receipts(
                source,
                receipt("P1", "2026-01-10T10:00:00Z", line(sku, 2, "10.00") + "," + line(sku, 1, "4.50")),
                receipt("P2", "2026-01-11T10:00:00Z", line(sku, -1, "10.00")));
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = post(key, body, token);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(first.body());
        assertThat(result.get("imported").asInt()).isEqualTo(2);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");

        HttpResponse<String> retry = post(key, body, token);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json.readTree(retry.body())).isEqualTo(result);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(receiptsOf(source)).isEqualTo(2);
        assertThat(jdbc.sql("select kind || ' ' || total_amount from sale where source = :s order by receipt_id")
                        .param("s", source)
                        .query(String.class)
                        .list())
                .containsExactly("SALE 24.50", "RETURN -10.00");

        HttpResponse<String> sameReceiptsNewKey = post(UUID.randomUUID().toString(), body, token);
        assertThat(json.readTree(sameReceiptsNewKey.body()).get("unchanged").asInt())
                .as("receipts are keyed by (source, receipt id) too")
                .isEqualTo(2);
        assertThat(receiptsOf(source)).isEqualTo(2);
    }

    @Test
    void aKeyReusedForAnotherBodyIsRefused() throws Exception {
        String source = "API-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        post(key, receipts(source, receipt("Q1", "2026-01-10T10:00:00Z", line(sku, 1, "1.00"))), token);
        HttpResponse<String> other =
                post(key, receipts(source, receipt("Q2", "2026-01-10T10:00:00Z", line(sku, 1, "1.00"))), token);
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("already used for a different request body");
        assertThat(receiptsOf(source)).isEqualTo(1);
    }

    @Test
    void badReceiptsAreRejectedOneByOneWithLineAndField() throws Exception {
        String source = "API-" + UUID.randomUUID();
        String body = receipts(
                source,
                receipt("B1", "2026-01-10T10:00:00Z", line(sku, 1, "1.00")),
                receipt("B2", "2026-01-10T10:00:00Z", line(sku, 1, "1.00") + "," + line("NOPE", 1, "1.00")),
                receipt("B3", "2026-01-10T10:00:00Z", ""),
                receipt("B1", "2026-01-10T10:00:00Z", line(sku, 1, "1.00")));
        HttpResponse<String> response = post(UUID.randomUUID().toString(), body, token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = json.readTree(response.body());
        assertThat(result.get("imported").asInt()).isEqualTo(1);
        assertThat(result.get("rejected").asInt()).isEqualTo(3);
        JsonNode b2 = result.get("receipts").get(1);
        assertThat(b2.get("status").asString()).isEqualTo("REJECTED");
        assertThat(b2.get("problems").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(b2.get("problems").get(0).get("field").asString()).isEqualTo("sku");
        assertThat(result.get("receipts")
                        .get(2)
                        .get("problems")
                        .get(0)
                        .get("reason")
                        .asString())
                .contains("at least one line");
        assertThat(result.get("receipts")
                        .get(3)
                        .get("problems")
                        .get(0)
                        .get("reason")
                        .asString())
                .contains("appears twice");
        assertThat(receiptsOf(source)).isEqualTo(1);
    }

    @Test
    void aMissingKeyOrScopeOrBodyIsRefused() throws Exception {
        String body = receipts("API-X", receipt("Z1", "2026-01-10T10:00:00Z", line(sku, 1, "1.00")));
        assertThat(post(null, body, token).statusCode()).isEqualTo(400);
        assertThat(post(UUID.randomUUID().toString(), "{not json", token).statusCode())
                .isEqualTo(400);
        String readOnly = tokens.issue("reader", EnumSet.of(ApiScope.CUSTOMERS_READ), "test")
                .secret();
        assertThat(post(UUID.randomUUID().toString(), body, readOnly).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aSaleMovesTheCustomersLastPurchase() throws Exception {
        String source = "API-" + UUID.randomUUID();
        post(
                UUID.randomUUID().toString(),
                receipts(source, receipt("L1", "2026-01-12T09:00:00Z", line(sku, 1, "1.00"))),
                token);
        java.time.OffsetDateTime last = jdbc.sql("select last_purchase_at from customer where card_number = :c")
                .param("c", card)
                .query(java.time.OffsetDateTime.class)
                .single();
        assertThat(last.toInstant()).isAfterOrEqualTo(java.time.Instant.parse("2026-01-12T09:00:00Z"));
    }
}
