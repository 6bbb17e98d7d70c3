package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A product sold for 104 weeks of 2005 at prices among five levels, its weekly units planted as 200,000 · p^−2.0 with
 * log-normal noise; a second product always at one price. The API recovers the first's elasticity within its interval
 * and says "not enough price variation" for the second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PriceResponseIntegrationTest extends ApplicationTestSupport {
    private static final double PLANTED = -2.0;
    private static final LocalDate START = LocalDate.of(2005, 1, 3); // a Monday: one receipt per ISO week

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    String analyst;

    @BeforeAll
    void plant() {
        analyst = tokens.issue("price-analyst", Role.ANALYST.scopes(), "test").secret();
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost) values
                          ('ELASTIC-1', 'Planted elastic kettle', 'Test', 'E1', 'Test kettles', 12.00, 6.00),
                          ('FLAT-1', 'Planted flat kettle', 'Test', 'F1', 'Test kettles', 10.00, 6.00)
                        on conflict (sku) do nothing""").update();
        double[] levels = {8, 9, 10, 11, 12};
        Random random = new Random(2005);
        for (int week = 0; week < 104; week++) {
            double price = levels[random.nextInt(levels.length)];
            long units = Math.round(200_000 * Math.pow(price, PLANTED) * Math.exp(0.1 * random.nextGaussian()));
            receipt("PRICE-E-" + week, "ELASTIC-1", week, units, price);
            receipt("PRICE-F-" + week, "FLAT-1", week, 10 + week % 3, 10);
        }
    }

    private void receipt(String id, String sku, int week, long units, double price) {
        jdbc.sql("""
                        with s as (
                          insert into sale (source, receipt_id, kind, store_id, sold_at, total_amount, total_cost)
                          values ('PRICE-TEST', :id, 'SALE', (select min(id) from store), :at, :amount, 0)
                          on conflict (source, receipt_id) do nothing returning id)
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select s.id, 1, p.id, :units, p.price, p.price * :units - :amount, :amount, p.cost
                        from s, product p where p.sku = :sku""")
                .param("id", id)
                .param(
                        "at",
                        java.sql.Timestamp.from(
                                START.plusWeeks(week).atTime(12, 0).toInstant(ZoneOffset.UTC)))
                .param("amount", new java.math.BigDecimal(units * price).setScale(2, java.math.RoundingMode.HALF_UP))
                .param("units", units)
                .param("sku", sku)
                .update();
    }

    private HttpResponse<String> get(String query) throws Exception {
        return api(analyst, "GET", "/api/v1/merchandising/price-response?" + query, null);
    }

    @Test
    void recoversThePlantedElasticityAndSuggestsTheProfitMaximisingPrice() throws Exception {
        HttpResponse<String> response = get("product=ELASTIC-1&from=2005-01-01&to=2006-12-31&low=7&high=16");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asString()).isEqualTo("ESTIMATED");
        JsonNode estimate = body.get("estimate");
        assertThat(estimate.get("observations").asInt()).isEqualTo(104);
        assertThat(estimate.get("lower").asDouble()).isLessThan(PLANTED);
        assertThat(estimate.get("upper").asDouble()).isGreaterThan(PLANTED);
        double b = estimate.get("elasticity").asDouble();
        assertThat(b).isCloseTo(PLANTED, within(0.15));
        // cost 6, elastic demand: the optimum is c·b/(1+b) ≈ 12, and no point of the curve earns more
        double best = body.get("best").get("price").asDouble();
        assertThat(best).isCloseTo(6 * b / (1 + b), within(1e-6));
        double bestProfit = body.get("best").get("profit").asDouble();
        assertThat(body.get("curve")).hasSize(21);
        for (JsonNode point : body.get("curve")) {
            assertThat(point.get("profit").asDouble()).isLessThanOrEqualTo(bestProfit + 1e-9);
        }
    }

    @Test
    void saysSoWhenThePriceNeverMovedAndWhenNothingWasSold() throws Exception {
        JsonNode flat = json.readTree(
                get("product=FLAT-1&from=2005-01-01&to=2006-12-31").body());
        assertThat(flat.get("status").asString()).isEqualTo("NOT_ENOUGH_VARIATION");
        assertThat(flat.get("estimate").get("reason").asString()).contains("1 distinct price");
        assertThat(flat.get("best")).as("no suggestion without an estimate").isNull();

        HttpResponse<String> none = get("product=ELASTIC-1&from=1995-01-01&to=1995-12-31");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("\"field\":\"from\"").contains("No sale of ELASTIC-1");
        assertThat(get("product=NOPE-9").body()).contains("\"field\":\"product\"");
        assertThat(get("product=ELASTIC-1&period=YEAR").body()).contains("\"field\":\"period\"");
        assertThat(get("product=ELASTIC-1&low=12&high=8").body()).contains("\"field\":\"high\"");
        assertThat(get("product=ELASTIC-1&cost=-1").body()).contains("\"field\":\"cost\"");
    }
}
