package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Planted rules among new products, refreshed by a real scoring run: X → Y has the highest lift of X's rules and Y
 * the same margin as Z, so a customer who bought only X gets Y, and one who already has Y gets Z; P → Q has a higher
 * lift than P → R but R earns twenty times Q's margin, so a customer who bought P gets R. The product is a segment
 * field and a material placeholder.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NextBestProductsIntegrationTest extends ApplicationTestSupport {
    private static final AtomicInteger RECEIPTS = new AtomicInteger();

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    String marketer;
    long boughtX;
    long boughtXAndY;
    long boughtP;
    long boughtNothing;

    @BeforeAll
    void plant() {
        marketer = tokens.issue("next-best-marketer", Role.MARKETER.scopes(), "test")
                .secret();
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost) values
                          ('NBP-X', 'Planted kettle X', 'Test', 'X', 'Test next best', 40.00, 30.00),
                          ('NBP-Y', 'Planted descaler Y', 'Test', 'Y', 'Test next best', 30.00, 20.00),
                          ('NBP-Z', 'Planted filter Z', 'Test', 'Z', 'Test next best', 30.00, 20.00),
                          ('NBP-P', 'Planted grinder P', 'Test', 'P', 'Test next best', 80.00, 60.00),
                          ('NBP-Q', 'Planted brush Q', 'Test', 'Q', 'Test next best', 15.00, 10.00),
                          ('NBP-R', 'Planted espresso machine R', 'Test', 'R', 'Test next best', 400.00, 300.00)
                        on conflict (sku) do nothing""").update();
        for (int i = 0; i < 30; i++) {
            receipt(null, "NBP-X", "NBP-Y");
            receipt(null, "NBP-X", "NBP-Z");
            receipt(null, "NBP-Z");
            receipt(null, "NBP-P", "NBP-Q");
            receipt(null, "NBP-P", "NBP-R");
            receipt(null, "NBP-R");
            receipt(null, "NBP-R");
        }
        boughtX = customer("Xavier");
        receipt(boughtX, "NBP-X");
        boughtXAndY = customer("Yolanda");
        receipt(boughtXAndY, "NBP-X", "NBP-Y");
        boughtP = customer("Paula");
        receipt(boughtP, "NBP-P");
        boughtNothing = customer("Nadia");
        scoreNow();
    }

    private long customer(String name) {
        return jdbc.sql("insert into customer (first_name, last_name) values (:name, 'Nextbest') returning id")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private void receipt(@Nullable Long customer, String... skus) {
        long sale = jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        values ('NEXT-BEST-TEST', :id, 'SALE', (select min(id) from store), :customer, :at, 0, 0)
                        returning id""")
                .param("id", "NB-" + RECEIPTS.incrementAndGet())
                .param("customer", customer)
                .param("at", Timestamp.from(TEST_NOW.minus(Duration.ofDays(30))))
                .query(Long.class)
                .single();
        for (int line = 0; line < skus.length; line++) {
            jdbc.sql("""
                            insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, amount, unit_cost)
                            select :sale, :line, id, 1, price, price, cost from product where sku = :sku""")
                    .param("sale", sale)
                    .param("line", line + 1)
                    .param("sku", skus[line])
                    .update();
        }
        // the receipt's totals are its lines', as an import stores them (the dashboard reads the totals)
        jdbc.sql("""
                        update sale set (total_amount, total_cost) = (
                            select sum(amount), sum(quantity * unit_cost) from sale_line where sale_id = :sale)
                        where id = :sale""").param("sale", sale).update();
    }

    private @Nullable String nextBest(long customer) {
        return jdbc.sql("""
                        select p.sku from next_best_product n join product p on p.id = n.product_id
                        where n.customer_id = :id""")
                .param("id", customer)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void theHighestLiftRuleWhoseSecondProductTheyLackWeightedByMarginWins() {
        assertThat(nextBest(boughtX))
                .as("X → Y: the highest lift, the same margin as Z")
                .isEqualTo("NBP-Y");
        assertThat(nextBest(boughtXAndY)).as("Y is bought already: X → Z").isEqualTo("NBP-Z");
        assertThat(nextBest(boughtP))
                .as("P → R: a third of P → Q's lift, twenty times its margin")
                .isEqualTo("NBP-R");
        assertThat(nextBest(boughtNothing)).isNull();
        assertThat(jdbc.sql("""
                        select b.sku from next_best_product n join product b on b.id = n.because_product_id
                        where n.customer_id = :id""").param("id", boughtX).query(String.class).single())
                .isEqualTo("NBP-X");
    }

    @Test
    void isASegmentField() throws Exception {
        assertThat(count("NBP-Y")).isEqualTo(1);
        assertThat(count("NBP-Z")).isEqualTo(1);
        assertThat(count("NBP-R")).isEqualTo(1);
    }

    private long count(String sku) throws Exception {
        HttpResponse<String> response = api(
                marketer,
                "POST",
                "/api/v1/segments/count",
                "{\"condition\":{\"field\":\"next_best_product\",\"op\":\"EQ\",\"values\":[\"" + sku + "\"]}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("count").asLong();
    }

    @Test
    void isAMaterialPlaceholderWithItsFallback() throws Exception {
        ObjectNode material = JsonNodeFactory.instance
                .objectNode()
                .put("kind", "SMS")
                .put("name", "Next best product SMS")
                .put("text", "Hi {{first_name}}, try {{next_best_product|our bestsellers}}.");
        HttpResponse<String> created = api(marketer, "POST", "/api/v1/materials", json.writeValueAsString(material));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();

        assertThat(preview(id, boughtX)).isEqualTo("Hi Xavier, try Planted descaler Y.");
        assertThat(preview(id, boughtNothing)).isEqualTo("Hi Nadia, try our bestsellers.");
    }

    private String preview(long material, long customer) throws Exception {
        HttpResponse<String> response = api(
                marketer,
                "POST",
                "/api/v1/materials/" + material + "/preview",
                json.writeValueAsString(JsonNodeFactory.instance.objectNode().put("customerId", customer)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = json.readTree(response.body());
        return preview.get("text").asString();
    }
}
