package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserDataScopes;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipts planted in 2004 (no other test's year) for two brands in two stores: the pivot by brand × month sums them
 * exactly, a year before is empty, and a store manager sees only their store's cells.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesExplorerIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Autowired
    UserDataScopes assignments;

    @Autowired
    JsonMapper json;

    @Autowired
    SalesRollup rollup;

    String analyst;
    String managersStore;
    String otherStore;

    @BeforeAll
    void plant() {
        analyst =
                tokens.issue("explorer-analyst", Role.ANALYST.scopes(), "test").secret();
        managersStore = assignments.all().get("store").stores().getFirst();
        otherStore = managersStore.equals("S001") ? "S002" : "S001";
        ExplorerFixtures.product(jdbc, "PIV-A", "PivotBrandA", "A1", 100.00, 60.00);
        ExplorerFixtures.product(jdbc, "PIV-B", "PivotBrandB", "B1", 40.00, 30.00);
        // brand A: 2 units in January at the manager's store, 1 in February at the other; brand B: 3 in January
        // at the manager's store, one of them returned
        receipt("PIV-1", "SALE", managersStore, "2004-01-10", "PIV-A", 2, 190.00);
        receipt("PIV-2", "SALE", otherStore, "2004-02-10", "PIV-A", 1, 100.00);
        receipt("PIV-3", "SALE", managersStore, "2004-01-11", "PIV-B", 3, 120.00);
        receipt("PIV-4", "RETURN", managersStore, "2004-01-20", "PIV-B", -1, -40.00);
        // planted outside ingest: the rollup takes them in when built again
        rollup.rebuild();
    }

    private void receipt(String id, String kind, String store, String day, String sku, int units, double amount) {
        ExplorerFixtures.receipt(jdbc, id, kind, store, day, sku, units, amount);
    }

    private static Map<String, JsonNode> byCell(JsonNode cells) {
        Map<String, JsonNode> map = new HashMap<>();
        for (JsonNode cell : cells)
            map.put(cell.get("row").asString() + "/" + cell.get("column").asString(), cell);
        return map;
    }

    @Test
    void sumsTheReceiptsByBrandAndMonth() throws Exception {
        HttpResponse<String> response = api(
                analyst,
                "GET",
                "/api/v1/merchandising/sales?rows=BRAND&columns=MONTH&from=2004-01-01&to=2004-12-31&compare=true",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode pivot = json.readTree(response.body());
        Map<String, JsonNode> cells = byCell(pivot.get("cells"));
        JsonNode a = cells.get("PivotBrandA/2004-01");
        assertThat(a.get("revenue").decimalValue()).isEqualByComparingTo("190.00");
        assertThat(a.get("grossProfit").decimalValue()).isEqualByComparingTo("70.00"); // 190 − 2 × 60
        assertThat(a.get("units").asLong()).isEqualTo(2);
        assertThat(a.get("receipts").asLong()).isEqualTo(1);
        JsonNode b = cells.get("PivotBrandB/2004-01");
        assertThat(b.get("revenue").decimalValue()).isEqualByComparingTo("80.00"); // 120 − 40 returned
        assertThat(b.get("units").asLong()).isEqualTo(2);
        assertThat(b.get("receipts").asLong()).isEqualTo(1);
        assertThat(b.get("returns").asLong()).isEqualTo(1);
        assertThat(b.get("margin").decimalValue()).isEqualByComparingTo("0.2500"); // (80 − 2 × 30) / 80
        assertThat(cells.get("PivotBrandA/2004-02").get("revenue").decimalValue())
                .isEqualByComparingTo("100.00");
        assertThat(pivot.get("yearBefore").toString()).doesNotContain("PivotBrand");
    }

    @Test
    void aStoreManagerSeesOnlyTheirStore() throws Exception {
        Session session = session();
        session.signIn("store", "demo");
        HttpResponse<String> response =
                session.get("/api/v1/merchandising/sales?rows=BRAND&columns=STORE&from=2004-01-01&to=2004-12-31");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, JsonNode> cells = byCell(json.readTree(response.body()).get("cells"));
        assertThat(cells).containsKey("PivotBrandA/" + managersStore).doesNotContainKey("PivotBrandA/" + otherStore);
        assertThat(session.get("/api/v1/merchandising/sales?rows=BRAND&columns=STORE&stores=" + otherStore)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void badInputIsNamed() throws Exception {
        for (String[] c : new String[][] {
            {"rows=COLOUR&columns=MONTH", "rows"},
            {"rows=BRAND", "columns"},
            {"rows=BRAND&columns=MONTH&from=2004-02-01&to=2004-01-01", "to"},
            {"rows=BRAND&columns=MONTH&from=1980-01-01&to=1980-12-31", "from"}
        }) {
            HttpResponse<String> response = api(analyst, "GET", "/api/v1/merchandising/sales?" + c[0], null);
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(json.readTree(response.body())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .as(c[0])
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void drillsFromACellToItsReceipts() throws Exception {
        HttpResponse<String> response = api(
                analyst,
                "GET",
                "/api/v1/merchandising/sales/receipts?rows=BRAND&row=PivotBrandB&columns=MONTH&column=2004-01"
                        + "&from=2004-01-01&to=2004-12-31",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json.readTree(response.body());
        assertThat(page.get("total").asLong()).isEqualTo(2);
        JsonNode items = page.get("items");
        assertThat(items.get(0).get("receiptId").asString()).isEqualTo("PIV-3");
        assertThat(items.get(0).get("amount").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(items.get(1).get("receiptId").asString()).isEqualTo("PIV-4");
        assertThat(items.get(1).get("kind").asString()).isEqualTo("RETURN");
        assertThat(items.get(1).get("units").asLong()).isEqualTo(-1);

        Session session = session();
        session.signIn("store", "demo");
        JsonNode theirs = json.readTree(session.get("/api/v1/merchandising/sales/receipts?rows=BRAND&row=PivotBrandA"
                        + "&columns=MONTH&column=2004-02&from=2004-01-01&to=2004-12-31")
                .body());
        assertThat(theirs.get("total").asLong())
                .as("the other store's receipt is not theirs")
                .isZero();
        HttpResponse<String> bad = api(
                analyst, "GET", "/api/v1/merchandising/sales/receipts?rows=BRAND&columns=MONTH&column=2004-01", null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"row\"");
    }
}
