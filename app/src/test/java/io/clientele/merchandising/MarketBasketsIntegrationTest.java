package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserDataScopes;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rules mined over the demo's receipts find the planted pair (docs/demo-data.md, 15) with its lift. */
class MarketBasketsIntegrationTest extends ApplicationTestSupport {
    private static final LocalDate AS_OF =
            LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1);
    /** The demo's two years: other tests' receipts dated long ago stay out. */
    private static final String WINDOW = "from=" + AS_OF.minusYears(2).plusDays(1) + "&to=" + AS_OF;

    /** A count over the demo's two years, bound as {@code :from} and {@code :to}. */
    private long countInWindow(String sql, Object... more) {
        var spec = jdbc.sql(sql)
                .param(
                        "from",
                        java.sql.Timestamp.from(AS_OF.minusYears(2)
                                .plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant()))
                .param("to", java.sql.Timestamp.from(TEST_NOW));
        for (int i = 0; i < more.length; i += 2) spec = spec.param((String) more[i], more[i + 1]);
        return spec.query(Long.class).single();
    }

    @Autowired
    ApiTokens tokens;

    @Autowired
    UserDataScopes assignments;

    @Autowired
    JsonMapper json;

    String analyst;

    @BeforeEach
    void token() {
        analyst = tokens.issue("basket-analyst", Role.ANALYST.scopes(), "test").secret();
    }

    private JsonNode rules(String query) throws Exception {
        HttpResponse<String> response = api(analyst, "GET", "/api/v1/merchandising/rules?" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void findsThePlantedPairWithItsPlantedLift() throws Exception {
        JsonNode result =
                rules("level=PRODUCT&" + WINDOW + "&minSupport=0.005&minConfidence=0.3&maxLength=2&limit=1000");

        JsonNode rule = null;
        for (JsonNode r : result.get("rules")) {
            if (r.get("antecedent").get(0).get("key").asString().equals("CBL-004")
                    && r.get("consequent").get(0).get("key").asString().equals("CBL-008")) {
                rule = r;
            }
        }
        assertThat(rule).as("CBL-004 → CBL-008 among %s", result.get("rules")).isNotNull();
        assertThat(rule.get("lift").asDouble()).isCloseTo(25, within(25 * 0.05));
        assertThat(rule.get("confidence").asDouble()).isCloseTo(0.5, within(0.03));
        assertThat(rule.get("support").asDouble()).isCloseTo(0.01, within(0.001));
        assertThat(rule.get("antecedent").get(0).get("label").asString()).isEqualTo("Tessar A210 USB-C cable 1 m");
        // the strongest rule of the demo at product level
        assertThat(result.get("rules").get(0).get("lift").asDouble())
                .isGreaterThanOrEqualTo(rule.get("lift").asDouble());
        long sales =
                countInWindow("select count(*) from sale where kind = 'SALE' and sold_at >= :from and sold_at < :to");
        assertThat(result.get("receipts").asLong()).isEqualTo(sales);
    }

    @Test
    void categoryRulesFindTheAnchorsAndTheirAccessories() throws Exception {
        JsonNode result = rules("level=CATEGORY&" + WINDOW + "&minSupport=0.002&minConfidence=0.2&maxLength=2");
        boolean cameraMemory = false;
        for (JsonNode r : result.get("rules")) {
            cameraMemory |= r.get("antecedent").get(0).get("key").asString().equals("Camera")
                    && r.get("consequent").get(0).get("key").asString().equals("Memory card")
                    && r.get("confidence").asDouble() > 0.45;
        }
        assertThat(cameraMemory).as("Camera → Memory card, planted at 0.55").isTrue();
    }

    @Test
    void badInputIsNamedAndAnEmptyRangeIsSaidSo() throws Exception {
        assertProblem("minSupport=0", "minSupport");
        assertProblem("minSupport=1.5", "minSupport");
        assertProblem("minSupport=lots", "minSupport");
        assertProblem("minConfidence=2", "minConfidence");
        assertProblem("maxLength=9", "maxLength");
        assertProblem("level=SKU", "level");
        assertProblem("from=2026-02-01&to=2026-01-01", "to");
        assertProblem("from=1990-01-01&to=1990-12-31", "from");
        assertProblem("stores=NOPE", "stores");
        assertProblem("segment=999999999", "segment");
    }

    private void assertProblem(String query, String field) throws Exception {
        HttpResponse<String> response = api(analyst, "GET", "/api/v1/merchandising/rules?" + query, null);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(json.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .as(query)
                .isEqualTo(field);
    }

    @Test
    void aStoreManagerMinesOnlyTheirStores() throws Exception {
        String store = assignments.all().get("store").stores().getFirst();
        Session session = session();
        session.signIn("store", "demo");
        HttpResponse<String> response = session.get("/api/v1/merchandising/rules?level=CATEGORY&" + WINDOW);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        long theirs = countInWindow("""
                        select count(*) from sale s join store st on st.id = s.store_id
                        where st.code = :store and s.kind = 'SALE' and s.sold_at >= :from and s.sold_at < :to""", "store", store);
        assertThat(json.readTree(response.body()).get("receipts").asLong()).isEqualTo(theirs);
        String other = store.equals("S001") ? "S002" : "S001";
        assertThat(session.get("/api/v1/merchandising/rules?stores=" + other).statusCode())
                .isEqualTo(400);
    }

    @Test
    void thePageShowsTheRulesAndTheNetwork() throws Exception {
        Session session = session();
        session.signIn("analyst", "demo");
        HttpResponse<String> page =
                session.get("/merchandising/baskets?level=PRODUCT&" + WINDOW + "&minSupport=0.005&maxLength=2");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Tessar A210 USB-C cable 1 m")
                .contains("basket-network")
                .contains("data-testid=\"rules\"");
        HttpResponse<String> bad = session.get("/merchandising/baskets?minSupport=0");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("is-invalid").contains("A share above 0 and at most 1");
    }

    @Test
    void aRuleBecomesACrossSellSegmentOfWhoBoughtTheFirstSideButNotTheSecond() throws Exception {
        String body = """
                {"level": "PRODUCT", "bought": ["CBL-004"], "notBought": ["CBL-008"], "from": "%s", "to": "%s"}""".formatted(AS_OF.minusYears(2).plusDays(1), AS_OF);
        HttpResponse<String> created = api(analyst, "POST", "/api/v1/merchandising/cross-sell-segments", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        assertThat(api(analyst, "POST", "/api/v1/merchandising/cross-sell-segments", body)
                        .statusCode())
                .as("a retry answers the same segment")
                .isEqualTo(200);

        HttpResponse<String> count = api(analyst, "GET", "/api/v1/segments/" + id + "/count", null);
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        long expected = countInWindow("""
                        select count(*) from customer c
                        where exists (select 1 from sale s join sale_line l on l.sale_id = s.id
                                      join product p on p.id = l.product_id
                                      where s.customer_id = c.id and p.sku = 'CBL-004' and s.kind = 'SALE'
                                        and s.sold_at >= :from and s.sold_at < :to)
                          and not exists (select 1 from sale s join sale_line l on l.sale_id = s.id
                                          join product p on p.id = l.product_id
                                          where s.customer_id = c.id and p.sku = 'CBL-008')""");
        assertThat(expected).isPositive();
        assertThat(json.readTree(count.body()).get("count").asLong()).isEqualTo(expected);

        assertThat(api(
                                analyst,
                                "POST",
                                "/api/v1/merchandising/cross-sell-segments",
                                "{\"level\": \"PRODUCT\", \"bought\": [\"NOPE-1\"], \"notBought\": [\"CBL-008\"]}")
                        .body())
                .contains("\"field\":\"bought\"");
        assertThat(api(
                                analyst,
                                "POST",
                                "/api/v1/merchandising/cross-sell-segments",
                                "{\"level\": \"PRODUCT\", \"bought\": [\"CBL-004\"], \"notBought\": [\"CBL-004\"]}")
                        .statusCode())
                .isEqualTo(400);
        String store = tokens.issue("basket-store", Role.STORE_MANAGER.scopes(), "test")
                .secret();
        assertThat(api(store, "POST", "/api/v1/merchandising/cross-sell-segments", body)
                        .statusCode())
                .isEqualTo(403);
    }
}
