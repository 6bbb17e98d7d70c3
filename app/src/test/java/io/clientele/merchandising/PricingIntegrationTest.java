package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
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
 * The demo's planted elasticity (docs/demo-data.md, 16) recovered from the loaded receipts, with the suggested price
 * at the top of the profit curve; a category whose prices all moved together, its elasticity recovered from the
 * pooled receipts of its two products; the what-if price; the page in both languages; and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PricingIntegrationTest extends ApplicationTestSupport {
    private static final LocalDate AS_OF =
            LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1);
    private static final String DEMO_WINDOW = "from=" + AS_OF.minusYears(2).plusDays(1) + "&to=" + AS_OF;
    private static final double DEMO_PLANTED = -2.5;
    private static final double CATEGORY_PLANTED = -1.5;
    private static final LocalDate START = LocalDate.of(2003, 1, 6); // a Monday

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    String analyst;

    @BeforeAll
    void plant() {
        analyst = tokens.issue("pricing-analyst", Role.ANALYST.scopes(), "test").secret();
        // two toasters of different list prices whose prices moved together: the category's units follow the share
        // of the list price paid to the power −1.5, whatever the mix
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost) values
                          ('TOAST-1', 'Planted small toaster', 'Test', 'T1', 'Test toasters', 20.00, 12.00),
                          ('TOAST-2', 'Planted large toaster', 'Test', 'T2', 'Test toasters', 50.00, 30.00)
                        on conflict (sku) do nothing""").update();
        double[] shares = {0.7, 0.8, 0.9, 1.0, 1.1};
        Random random = new Random(2003);
        for (int week = 0; week < 104; week++) {
            double share = shares[random.nextInt(shares.length)];
            double noise = Math.exp(0.08 * random.nextGaussian());
            receipt(
                    "TOAST-A-" + week,
                    "TOAST-1",
                    week,
                    Math.round(300 * Math.pow(share, CATEGORY_PLANTED) * noise),
                    20 * share);
            receipt(
                    "TOAST-B-" + week,
                    "TOAST-2",
                    week,
                    Math.round(100 * Math.pow(share, CATEGORY_PLANTED) * noise),
                    50 * share);
        }
    }

    private void receipt(String id, String sku, int week, long units, double price) {
        jdbc.sql("""
                        with s as (
                          insert into sale (source, receipt_id, kind, store_id, sold_at, total_amount, total_cost)
                          values ('PRICING-TEST', :id, 'SALE', (select min(id) from store), :at, :amount, 0)
                          on conflict (source, receipt_id) do nothing returning id)
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select s.id, 1, p.id, :units, p.price, p.price * :units - :amount, :amount, p.cost
                        from s, product p where p.sku = :sku""")
                .param("id", id)
                .param("at", Timestamp.from(START.plusWeeks(week).atTime(12, 0).toInstant(ZoneOffset.UTC)))
                .param("amount", BigDecimal.valueOf(units * price).setScale(2, RoundingMode.HALF_UP))
                .param("units", units)
                .param("sku", sku)
                .update();
    }

    private JsonNode ok(String query) throws Exception {
        HttpResponse<String> response = get(query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String query) throws Exception {
        return api(analyst, "GET", "/api/v1/merchandising/price-response?" + query, null);
    }

    @Test
    void recoversTheDemosPlantedElasticityAndItsBestPriceTopsTheProfitCurve() throws Exception {
        JsonNode body = ok("product=CBL-006&" + DEMO_WINDOW);
        assertThat(body.get("status").asString()).as(body.toString()).isEqualTo("ESTIMATED");
        JsonNode estimate = body.get("estimate");
        assertThat(estimate.get("lower").asDouble()).as(estimate.toString()).isLessThan(DEMO_PLANTED);
        assertThat(estimate.get("upper").asDouble()).as(estimate.toString()).isGreaterThan(DEMO_PLANTED);
        // the schedule's prices, 70% to 100% of the list price, and the optimum strictly inside them
        double list = body.get("listPrice").asDouble();
        assertThat(body.get("low").asDouble()).isCloseTo(0.7 * list, within(0.02 * list));
        double best = body.get("best").get("price").asDouble();
        assertThat(best)
                .isGreaterThan(body.get("low").asDouble())
                .isLessThan(body.get("high").asDouble());
        double bestProfit = body.get("best").get("profit").asDouble();
        for (JsonNode point : body.get("curve")) {
            assertThat(point.get("profit").asDouble()).isLessThanOrEqualTo(bestProfit + 1e-9);
        }
        // and around it, a cent either way and further: the what-if earns less on both sides
        for (double step : new double[] {-1, -0.1, -0.01, 0.01, 0.1, 1}) {
            JsonNode around = ok("product=CBL-006&" + DEMO_WINDOW + "&price=" + String.format("%.2f", best + step));
            assertThat(around.get("whatIf").get("profit").asDouble()).isLessThan(bestProfit);
        }
    }

    @Test
    void estimatesACategoryAsOneAverageProduct() throws Exception {
        JsonNode body = ok("category=Test%20toasters&from=2003-01-01&to=2004-12-31&low=20&high=60&price=30");
        assertThat(body.get("level").asString()).isEqualTo("CATEGORY");
        assertThat(body.get("sku")).as("a category has no SKU").isNull();
        assertThat(body.get("status").asString()).isEqualTo("ESTIMATED");
        JsonNode estimate = body.get("estimate");
        assertThat(estimate.get("observations").asInt()).isEqualTo(104);
        assertThat(estimate.get("lower").asDouble()).isLessThan(CATEGORY_PLANTED);
        assertThat(estimate.get("upper").asDouble()).isGreaterThan(CATEGORY_PLANTED);
        assertThat(estimate.get("elasticity").asDouble()).isCloseTo(CATEGORY_PLANTED, within(0.1));
        // the mean list price of the units: 300 at 20 and 100 at 50 in every week, so (300·20 + 100·50) / 400
        assertThat(body.get("listPrice").asDouble()).isCloseTo(27.5, within(0.01));
        assertThat(body.get("unitCost").asDouble()).isCloseTo(16.5, within(0.01));
        // elastic: c·b/(1+b) = 16.5 · 3 = 49.5 at b = −1.5, inside the range asked
        double b = estimate.get("elasticity").asDouble();
        assertThat(body.get("best").get("price").asDouble()).isCloseTo(16.5 * b / (1 + b), within(1e-6));
        JsonNode whatIf = body.get("whatIf");
        assertThat(whatIf.get("price").asDouble()).isEqualTo(30.0);
        assertThat(whatIf.get("revenue").asDouble())
                .isCloseTo(30 * whatIf.get("units").asDouble(), within(1e-6));
        assertThat(whatIf.get("profit").asDouble())
                .isCloseTo((30 - 16.5) * whatIf.get("units").asDouble(), within(1e-6));
    }

    @Test
    void refusesBadInputNamingTheField() throws Exception {
        assertThat(get("product=CBL-006&low=20&high=10").body()).contains("\"field\":\"high\"");
        assertThat(get("product=CBL-006&price=0").body()).contains("\"field\":\"price\"");
        assertThat(get("product=CBL-006&price=abc").body()).contains("\"field\":\"price\"");
        assertThat(get("product=CBL-006&category=Test%20toasters").body()).contains("\"field\":\"category\"");
        assertThat(get("category=Nope%20category").body()).contains("\"field\":\"category\"");
        assertThat(get("category=Test%20toasters&from=1990-01-01&to=1990-12-31").body())
                .contains("\"field\":\"from\"");
        for (String hostile : new String[] {"A\u0000B", "\uD800"}) {
            String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8);
            HttpResponse<String> product = get("product=" + encoded);
            assertThat(product.statusCode()).as(product.body()).isEqualTo(400);
            assertThat(product.body()).contains("\"field\":\"product\"");
            HttpResponse<String> category = get("category=" + encoded);
            assertThat(category.statusCode()).as(category.body()).isEqualTo(400);
            assertThat(category.body()).contains("\"field\":\"category\"");
        }
    }

    @Test
    void thePageShowsTheEstimateTheBestPriceAndTheWhatIfInBothLanguages() throws Exception {
        Session session = session();
        session.signIn("analyst", "demo");
        HttpResponse<String> page =
                session.get("/merchandising/prices?level=CATEGORY&category=Test+toasters&from=2003-01-01&to=2004-12-31"
                        + "&low=20&high=50&price=30");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"elasticity\"")
                .contains("Most profitable price")
                .contains("data-testid=\"what-if\"")
                .contains("price-curve");
        HttpResponse<String> chinese = session.get(
                "/merchandising/prices?product=CBL-006&" + DEMO_WINDOW + "&period=MONTH&lang=zh_CN",
                "Accept-Language",
                "zh-CN");
        assertThat(chinese.body()).contains("价格与利润");
        // three weeks: too few periods for an interval
        HttpResponse<String> flat = session.get(
                "/merchandising/prices?product=CBL-006&from=" + AS_OF.minusDays(20) + "&to=" + AS_OF + "&lang=en");
        assertThat(flat.body()).contains("data-testid=\"no-variation\"").contains("periods with sales");
        HttpResponse<String> bad = session.get("/merchandising/prices?product=CBL-006&low=9&high=3");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"high-error\"");
    }
}
