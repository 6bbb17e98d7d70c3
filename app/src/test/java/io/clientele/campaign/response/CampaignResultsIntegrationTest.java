package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The funnel against planted truth: a campaign with an email, an SMS and a coupon step, known members (treated,
 * control, excluded by reason), sends, bounces, opens, clicks, deliveries, redemptions and sales; every figure of the
 * API and the page equals what was planted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignResultsIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Materials materials;

    @Autowired
    CampaignResponses responses;

    @Autowired
    ApiTokens tokens;

    private final List<Long> c = new ArrayList<>();
    private long campaign;
    private long email;
    private long sms;
    private long coupon;
    private final String source = "results-" + UUID.randomUUID();

    /**
     * Email (0.05 a message): c0–c19 treated, c0–c17 sent (c18, c19 failed), c20–c24 control, c25–c27 no consent,
     * c28 suppressed; c0, c1 bounced; c2–c9 opened (c2 twice), c2, c3 and c10 clicked; c11 unsubscribed. SMS (0.10):
     * c0–c9 sent, c20–c24 control, c29 no address; c0–c6 delivered. Coupon: c0–c4 sent; c0 redeemed 20.00, c1 35.50
     * and 10.00. Launched ten days ago, ended the day before yesterday (the window ends at yesterday's start); sales in the window: c0–c5
     * and c20 (control); c6 before the launch, c7 today, after the end. Budget 100 + 50.
     */
    @BeforeAll
    void plant() {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        campaign = fixtures.runningCampaign("Results test " + UUID.randomUUID());
        Instant launched = TEST_NOW.minus(Duration.ofDays(10));
        jdbc.sql("update campaign set launched_at = :at, ends_on = :end where id = :id")
                .param("at", Timestamp.from(launched))
                .param(
                        "end",
                        java.time.LocalDate.ofInstant(TEST_NOW, java.time.ZoneOffset.UTC)
                                .minusDays(2))
                .param("id", campaign)
                .update();
        jdbc.sql("""
                        insert into campaign_budget_line (campaign_id, line_no, cost_type, amount)
                        values (:id, 1, 'MESSAGING', 100), (:id, 2, 'CREATIVE', 50)""").param("id", campaign).update();
        email = fixtures.frozenStep(campaign, StepChannel.EMAIL, ResponseTestData.emailMaterial(materials), "o");
        sms = fixtures.frozenStep(campaign, StepChannel.SMS, fixtures.textMaterial("SMS", "Hi"), null);
        coupon = fixtures.frozenStep(campaign, StepChannel.COUPON, null, null);
        jdbc.sql("update campaign_step set unit_cost = case channel when 'EMAIL' then 0.05 when 'SMS' then 0.10"
                        + " else 0 end where campaign_id = :id")
                .param("id", campaign)
                .update();
        for (int i = 0; i < 30; i++) {
            c.add(jdbc.sql("insert into customer (first_name, email, phone) values ('Funnel', :email, :phone)"
                            + " returning id")
                    .param("email", "funnel" + i + "@example.com")
                    .param("phone", "+1-555-77" + i)
                    .query(Long.class)
                    .single());
        }
        fixtures.treated(email, c.subList(0, 20));
        sent(email, 0, 18);
        jdbc.sql("update campaign_member set send_status = 'FAILED' where step_id = :step and send_status = 'PENDING'")
                .param("step", email)
                .update();
        members(email, "CONTROL", null, 20, 25);
        members(email, "EXCLUDED", "NO_CONSENT", 25, 28);
        members(email, "EXCLUDED", "SUPPRESSED", 28, 29);
        fixtures.treated(sms, c.subList(0, 10));
        sent(sms, 0, 10);
        members(sms, "CONTROL", null, 20, 25);
        members(sms, "EXCLUDED", "NO_ADDRESS", 29, 30);
        fixtures.treated(coupon, c.subList(0, 5));
        sent(coupon, 0, 5);

        record(email, 0, ResponseKind.BOUNCED, 1, null, "HARD 5.1.1");
        record(email, 1, ResponseKind.BOUNCED, 1, null, "HARD 5.1.1");
        for (int i = 2; i <= 9; i++) {
            record(email, i, ResponseKind.OPENED, 2, null, null);
        }
        record(email, 2, ResponseKind.OPENED, 3, null, null);
        for (int i : new int[] {2, 3, 10}) {
            record(email, i, ResponseKind.CLICKED, 2, null, null);
        }
        record(email, 11, ResponseKind.UNSUBSCRIBED, 2, null, "unsubscribe");
        for (int i = 0; i <= 6; i++) {
            record(sms, i, ResponseKind.DELIVERED, 5, null, "receipt");
        }
        record(coupon, 0, ResponseKind.REDEEMED, 4, new BigDecimal("20.00"), "r1");
        record(coupon, 1, ResponseKind.REDEEMED, 4, new BigDecimal("35.50"), "r2");
        record(coupon, 1, ResponseKind.REDEEMED, 3, new BigDecimal("10.00"), "r3");

        for (int i = 0; i <= 5; i++) {
            sale(i, TEST_NOW.minus(Duration.ofDays(5)));
        }
        sale(20, TEST_NOW.minus(Duration.ofDays(3)));
        sale(6, launched.minus(Duration.ofDays(10)));
        // before the test clock's now, so no other test sees a receipt from the future
        sale(7, TEST_NOW.minus(Duration.ofMinutes(30)));
    }

    private void sent(long step, int from, int to) {
        jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = :at where step_id = :step"
                        + " and customer_id in (:ids)")
                .param("at", Timestamp.from(TEST_NOW.minus(Duration.ofDays(9))))
                .param("step", step)
                .param("ids", c.subList(from, to))
                .update();
    }

    private void members(long step, String group, String reason, int from, int to) {
        for (long customer : c.subList(from, to)) {
            jdbc.sql("""
                            insert into campaign_member (step_id, customer_id, campaign_id, member_group, reason)
                            values (:step, :customer, :campaign, :group, :reason)""")
                    .param("step", step)
                    .param("customer", customer)
                    .param("campaign", campaign)
                    .param("group", group)
                    .param("reason", reason)
                    .update();
        }
    }

    private void record(long step, int customer, ResponseKind kind, int daysAgo, BigDecimal amount, String key) {
        assertThat(responses.record(new CampaignResponses.Response(
                        step, c.get(customer), kind, TEST_NOW.minus(Duration.ofDays(daysAgo)), null, amount, key)))
                .isTrue();
    }

    /** A receipt of one product, as an import writes it: its line, and the customer's last purchase. */
    private void sale(int customer, Instant at) {
        long sale = jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        select :source, :receipt, 'SALE', (select min(id) from store), :customer, :at, p.price, p.cost
                        from product p order by p.id limit 1
                        returning id""")
                .param("source", source)
                .param("receipt", UUID.randomUUID().toString())
                .param("customer", c.get(customer))
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, amount, unit_cost)
                        select :sale, 1, p.id, 1, p.price, p.price, p.cost from product p order by p.id limit 1""").param("sale", sale).update();
        jdbc.sql("update customer set last_purchase_at = (select max(sold_at) from sale where customer_id = :id"
                        + " and kind = 'SALE') where id = :id")
                .param("id", c.get(customer))
                .update();
    }

    /** The planted figures of a row: targeted … cost, in the order of {@link #FIGURES}. */
    private static final List<String> FIGURES = List.of(
            "targeted",
            "control",
            "excluded",
            "sent",
            "contacts",
            "delivered",
            "bounced",
            "opened",
            "clicked",
            "unsubscribed",
            "responded",
            "redeemed",
            "redemptions");

    private static final Map<String, List<Integer>> EXPECTED = Map.of(
            "EMAIL", List.of(29, 5, 4, 18, 18, 16, 2, 9, 3, 1, 9, 0, 0),
            "SMS", List.of(16, 5, 1, 10, 10, 7, 0, 0, 0, 0, 0, 0, 0),
            "COUPON", List.of(5, 0, 0, 5, 5, 5, 0, 0, 0, 0, 2, 2, 3),
            // distinct customers: c0–c29 targeted, c0–c17 sent (and all delivered somewhere), 33 messages
            "TOTAL", List.of(30, 5, 5, 18, 33, 18, 2, 9, 3, 1, 11, 2, 3));

    private static final Map<String, String[]> MONEY = Map.of(
            "EMAIL", new String[] {"0", "0.9"},
            "SMS", new String[] {"0", "1"},
            "COUPON", new String[] {"65.5", "0"},
            "TOTAL", new String[] {"65.5", "1.9"});

    private static void assertRow(JsonNode row, String which) {
        List<Integer> expected = EXPECTED.get(which);
        for (int i = 0; i < FIGURES.size(); i++) {
            assertThat(row.get(FIGURES.get(i)).asInt())
                    .as(which + " " + FIGURES.get(i))
                    .isEqualTo(expected.get(i));
        }
        assertThat(row.get("revenue").decimalValue()).as(which + " revenue").isEqualByComparingTo(MONEY.get(which)[0]);
        assertThat(row.get("cost").decimalValue()).as(which + " cost").isEqualByComparingTo(MONEY.get(which)[1]);
    }

    @Test
    void theApiAnswersThePlantedFigures() throws Exception {
        String token =
                tokens.issue("results-analyst", Role.ANALYST.scopes(), "test").secret();
        HttpResponse<String> response = api(token, "GET", "/api/v1/campaigns/" + campaign + "/results", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json.readTree(response.body());

        JsonNode steps = results.get("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).get("stepId").asLong()).isEqualTo(email);
        assertRow(steps.get(0), "EMAIL");
        assertThat(steps.get(1).get("stepId").asLong()).isEqualTo(sms);
        assertRow(steps.get(1), "SMS");
        assertThat(steps.get(2).get("stepId").asLong()).isEqualTo(coupon);
        assertRow(steps.get(2), "COUPON");
        JsonNode channels = results.get("channels");
        assertThat(channels).hasSize(3);
        for (JsonNode channel : channels) {
            assertRow(channel, channel.get("channel").asString());
        }
        JsonNode total = results.get("total");
        assertRow(total, "TOTAL");
        assertThat(total.get("excludedBy").toString())
                .isEqualTo("{\"EXCLUDED_SEGMENT\":0,\"NO_ADDRESS\":1,\"NO_CONSENT\":3,\"SUPPRESSED\":1,"
                        + "\"CONTACT_PRESSURE\":0}");

        JsonNode comparison = results.get("comparison");
        assertThat(comparison.get("treated").toString()).isEqualTo("{\"customers\":18,\"bought\":6}");
        assertThat(comparison.get("control").toString()).isEqualTo("{\"customers\":5,\"bought\":1}");
        assertThat(comparison.get("treatedRedeemed").asInt()).isEqualTo(2);
        assertThat(comparison.get("uplift").asDouble())
                .isCloseTo(6.0 / 18 - 1.0 / 5, org.assertj.core.data.Offset.offset(1e-9));
        // five control customers: no verdict either way, but the difference's interval all the same:
        // 0.1333 ± 1.96 · sqrt(0.3333 · 0.6667 / 18 + 0.2 · 0.8 / 5) = 0.1333 ± 0.4127
        assertThat(comparison.get("verdict").asString()).isEqualTo("TOO_FEW");
        assertThat(comparison.get("upliftLower95").asDouble())
                .isCloseTo(-0.2794, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(comparison.get("upliftUpper95").asDouble())
                .isCloseTo(0.5461, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(Instant.parse(comparison.get("from").asString())).isEqualTo(TEST_NOW.minus(Duration.ofDays(10)));
        assertThat(Instant.parse(comparison.get("to").asString())).isEqualTo(TEST_NOW.minus(Duration.ofDays(1)));
        // c7 bought after the end date's day: not counted (c0–c5 treated and c20 control are)

        JsonNode cost = results.get("cost");
        assertThat(cost.get("contactTotal").decimalValue()).isEqualByComparingTo("1.90");
        assertThat(cost.get("budgetTotal").decimalValue()).isEqualByComparingTo("150");
        assertThat(cost.get("contactCost").get("SMS").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(cost.get("shareOfBudget").asDouble())
                .isCloseTo(1.9 / 150, org.assertj.core.data.Offset.offset(1e-9));

        assertThat(api(
                                tokens.issue("results-agent", Role.SERVICE_AGENT.scopes(), "test")
                                        .secret(),
                                "GET",
                                "/api/v1/campaigns/" + campaign + "/results",
                                null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(token, "GET", "/api/v1/campaigns/999999999/results", null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void thePageShowsThem() throws Exception {
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        assertThat(marketer.get("/campaigns/" + campaign).body()).contains("/campaigns/" + campaign + "/results");
        HttpResponse<String> page = marketer.get("/campaigns/" + campaign + "/results");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(cells(body, "data-testid=\"total\""))
                .containsExactly("30", "5", "5", "18", "18", "2", "9", "3", "1", "11", "61.1%", "2", "65.50", "1.90");
        assertThat(cells(body, "data-testid=\"step-" + email + "\""))
                .containsExactly("29", "5", "4", "18", "16", "2", "9", "3", "1", "9", "50.0%", "0", "0.00", "0.90");
        // the finding is stated once: the difference, its interval, and that there are too few to tell
        assertThat(body)
                .containsOnlyOnce("too few customers to tell")
                .contains("13.3 percentage points more often than the control group (95 % interval -27.9 to 54.6)")
                .doesNotContain("Not significant")
                .contains("data-verdict=\"TOO_FEW\"")
                .contains("echarts.min.js")
                .contains("data-testid=\"contact-total\">1.90<")
                .contains("data-testid=\"budget-total\">150.00<")
                .contains("share of customers who bought")
                .contains("{\"name\":\"Targeted\",\"value\":30}")
                .contains("{\"name\":\"Redeemed\",\"value\":2}");
    }

    /** The figures of a table row of the page, in column order. */
    private static List<String> cells(String body, String row) {
        int start = body.indexOf(row);
        assertThat(start).as(row).isPositive();
        String tr = body.substring(start, body.indexOf("</tr>", start));
        List<String> cells = new ArrayList<>();
        Matcher cell = Pattern.compile("data-figure=\"[a-z-]+\">([^<]*)<").matcher(tr);
        while (cell.find()) {
            cells.add(cell.group(1));
        }
        return cells;
    }
}
