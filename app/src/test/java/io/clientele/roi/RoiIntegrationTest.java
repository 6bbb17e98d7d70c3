package io.clientele.roi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Costs, settlement, allocation, attribution and ROI against figures worked out by hand. Everything happens in March
 * 2001, a month no other test's campaign runs in, so the period's allocation sees only the two planted campaigns.
 *
 * <p>Campaign A (budget: line 1 MEDIA 500, line 2 PRINT 200): an email step (0.50 a contact) sent to t1–t4 on 2 March
 * 10:00 with k1–k3 held out as control, and a coupon step (1.00 a contact) sent to t1, t2 on 5 March 10:00. Campaign B
 * (budget 100): an email step (no cost) sent to t1, b1, b2, b3 on 10 March 10:00. Receipts: t1 100 on 12 March
 * (after A-email, A-coupon, B: three touches), t2 50 on 4 March (after A-email only), t2 30 on 6 March (the receipt
 * that redeemed t2's coupon), t3 80 on 15 April (44 days after its touch: outside a 30-day window, inside 60), b1 60
 * on 15 March, control k1 40 on 5 March, k3 70 on 1 May (outside). t1 opened the email.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoiIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Materials materials;

    @Autowired
    CampaignResponses responses;

    @Autowired
    ApiTokens tokens;

    private final List<Long> t = new ArrayList<>();
    private final List<Long> k = new ArrayList<>();
    private final List<Long> b = new ArrayList<>();
    private long a;
    private long aEmail;
    private long aCoupon;
    private long other;
    private String manager;
    private String marketer;

    @BeforeAll
    void plant() {
        RoiFixtures roi = new RoiFixtures(jdbc, materials);
        CampaignFixtures fixtures = roi.campaigns;
        for (int i = 0; i < 4; i++) {
            t.add(roi.customer("t" + i));
            b.add(roi.customer("b" + i));
        }
        for (int i = 0; i < 3; i++) {
            k.add(roi.customer("k" + i));
        }
        a = roi.campaign(
                "ROI spring " + UUID.randomUUID(),
                "2001-03",
                "(:id, 1, 'MEDIA', 500), (:id, 2, 'PRINT_AND_POSTAGE', 200)");
        aEmail = fixtures.frozenStep(a, StepChannel.EMAIL, fixtures.emailMaterial(), null);
        aCoupon = fixtures.frozenStep(a, StepChannel.COUPON, null, null);
        roi.unitCost(aEmail, "0.50");
        roi.unitCost(aCoupon, "1.00");
        fixtures.treated(aEmail, t);
        roi.sent(aEmail, "2001-03-02T10:00:00Z");
        for (long control : k) {
            jdbc.sql("""
                            insert into campaign_member (step_id, customer_id, campaign_id, member_group)
                            values (:step, :customer, :campaign, 'CONTROL')""")
                    .param("step", aEmail)
                    .param("customer", control)
                    .param("campaign", a)
                    .update();
        }
        fixtures.treated(aCoupon, t.subList(0, 2));
        roi.sent(aCoupon, "2001-03-05T10:00:00Z");

        other = roi.campaign("ROI other " + UUID.randomUUID(), "2001-03", "(:id, 1, 'MEDIA', 100)");
        long bEmail = fixtures.frozenStep(other, StepChannel.EMAIL, fixtures.emailMaterial(), null);
        fixtures.treated(bEmail, List.of(t.get(0), b.get(1), b.get(2), b.get(3)));
        roi.sent(bEmail, "2001-03-10T10:00:00Z");

        roi.sale(t.get(0), "100.00", "0", "2001-03-12T12:00:00Z");
        roi.sale(t.get(1), "50.00", "0", "2001-03-04T12:00:00Z");
        String redeeming = roi.sale(t.get(1), "30.00", "0", "2001-03-06T12:00:00Z");
        roi.sale(t.get(2), "80.00", "0", "2001-04-15T12:00:00Z");
        roi.sale(b.get(1), "60.00", "0", "2001-03-15T12:00:00Z");
        roi.sale(k.get(0), "40.00", "0", "2001-03-05T12:00:00Z");
        roi.sale(k.get(2), "70.00", "0", "2001-05-01T12:00:00Z");
        responses.record(new CampaignResponses.Response(
                aCoupon,
                t.get(1),
                ResponseKind.REDEEMED,
                Instant.parse("2001-03-06T12:00:00Z"),
                redeeming,
                new BigDecimal("30.00"),
                redeeming));
        responses.record(new CampaignResponses.Response(
                aEmail, t.get(0), ResponseKind.OPENED, Instant.parse("2001-03-03T09:00:00Z"), null, null, null));

        manager = tokens.issue("roi-manager", Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
        marketer = tokens.issue("roi-marketer", Role.MARKETER.scopes(), "test").secret();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = api(manager, "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static BigDecimal money(JsonNode node) {
        return node.decimalValue().setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    @Test
    void attributedRevenueOfEachModelEqualsTheHandSums() throws Exception {
        // FIRST: t1's 100 to A-email (first of three touches); t2's 50 (one touch); the redemption 30 exactly
        // → 100 + 50 + 30 = 180.00
        assertThat(attributed("FIRST_TOUCH", 30)).isEqualByComparingTo("180.00");
        // LAST: t1's 100 goes to B (its last touch) → 50 + 30 = 80.00
        assertThat(attributed("LAST_TOUCH", 30)).isEqualByComparingTo("80.00");
        // EVEN: t1's 100 / 3 to each touch, rounded per step: email 33.33 + 50 = 83.33, coupon 33.33 + 30
        // → 83.33 + 63.33 = 146.66
        assertThat(attributed("EVEN", 30)).isEqualByComparingTo("146.66");
        // POSITION_BASED: t1's 100 as 40 (A-email, first) / 20 (A-coupon, middle) / 40 (B, last)
        // → 40 + 20 + 50 + 30 = 140.00
        assertThat(attributed("POSITION_BASED", 30)).isEqualByComparingTo("140.00");
        // a 60-day window adds t3's 80 (44 days after its only touch) → 80 + 80 = 160.00
        assertThat(attributed("LAST_TOUCH", 60)).isEqualByComparingTo("160.00");

        JsonNode body = get("/api/v1/campaigns/" + a + "/attribution?model=POSITION_BASED&windowDays=30");
        JsonNode email = body.get("steps").get(0);
        JsonNode coupon = body.get("steps").get(1);
        assertThat(money(email.get("attributed").get("receipts"))).isEqualByComparingTo("90.00"); // 40 + 50
        assertThat(money(coupon.get("attributed").get("receipts"))).isEqualByComparingTo("20.00");
        assertThat(money(coupon.get("attributed").get("coupons"))).isEqualByComparingTo("30.00");
        assertThat(coupon.get("attributed").get("redemptions").asLong()).isEqualTo(1);

        // B, last touch: t1's 100 + b1's 60 = 160.00
        JsonNode b = get("/api/v1/campaigns/" + other + "/attribution?model=LAST_TOUCH");
        assertThat(money(b.get("attributed").get("receipts"))).isEqualByComparingTo("160.00");
    }

    private BigDecimal attributed(String model, int window) throws Exception {
        JsonNode body = get("/api/v1/campaigns/" + a + "/attribution?model=" + model + "&windowDays=" + window);
        JsonNode revenue = body.get("attributed");
        return money(revenue.get("receipts")).add(money(revenue.get("coupons")));
    }

    @Test
    void incrementalRevenueAndItsIntervalEqualTheHandComputation() throws Exception {
        JsonNode body = get("/api/v1/campaigns/" + a + "/attribution?windowDays=30");
        // treated t1–t4 from the launch (1 March) for 30 days: 100, 50 + 30, 0 (t3's 80 is in April), 0
        // → mean 180 / 4 = 45; Σ(x − 45)² = 55² + 35² + 45² + 45² = 8300, s² = 8300 / 3
        // control k1–k3: 40, 0, 0 (k3's 70 is in May) → mean 40 / 3; Σ(x − m)² = 1600 − 3 (40/3)² = 3200 / 3,
        // s² = 1600 / 3
        double meanT = 45;
        double meanC = 40.0 / 3;
        double se = Math.sqrt((8300.0 / 3) / 4 + (1600.0 / 3) / 3);
        // incremental = (45 − 13.33) × 4 treated = 126.67; interval (difference ± 1.96 SE) × 4
        double lower = (meanT - meanC - 1.959963984540054 * se) * 4;
        double upper = (meanT - meanC + 1.959963984540054 * se) * 4;
        for (JsonNode incremental :
                List.of(body.get("incremental"), body.get("steps").get(0).get("incremental"))) {
            assertThat(incremental.get("treated").asLong()).isEqualTo(4);
            assertThat(incremental.get("control").asLong()).isEqualTo(3);
            assertThat(money(incremental.get("treatedMean"))).isEqualByComparingTo("45.00");
            assertThat(money(incremental.get("controlMean"))).isEqualByComparingTo("13.33");
            assertThat(money(incremental.get("incremental"))).isEqualByComparingTo("126.67");
            assertThat(incremental.get("lower95").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(lower).setScale(2, java.math.RoundingMode.HALF_EVEN));
            assertThat(incremental.get("upper95").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(upper).setScale(2, java.math.RoundingMode.HALF_EVEN));
        }
        // the hand figures of the interval itself: SE = √(691.67 + 177.78) = 29.486 → [−104.50, 357.84]
        assertThat(lower).isBetween(-104.51, -104.49);
        assertThat(upper).isBetween(357.83, 357.85);
    }

    @Test
    void costsSettlementAllocationAndRoi() throws Exception {
        // bad input first: nothing of it is stored
        assertRefused(api(manager, "POST", "/api/v1/campaigns/" + a + "/costs", cost(1, "-5")), "amount");
        assertRefused(api(manager, "POST", "/api/v1/campaigns/" + a + "/costs", cost(1, "lots")), "amount");
        assertThat(api(marketer, "POST", "/api/v1/campaigns/" + a + "/costs", cost(1, "5"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/campaigns/" + a + "/costs")).isEmpty();

        assertThat(api(manager, "POST", "/api/v1/campaigns/" + a + "/costs", cost(1, "520.00"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(api(manager, "POST", "/api/v1/campaigns/" + a + "/costs", cost(2, "150.00"))
                        .statusCode())
                .isEqualTo(201);
        // planned 500 + 200 = 700; actual 520 + 150 + contacts (4 × 0.50 + 2 × 1.00 = 4.00) = 674.00
        JsonNode settlement = get("/api/v1/campaigns/" + a + "/settlement");
        assertThat(money(settlement.get("planned"))).isEqualByComparingTo("700.00");
        assertThat(money(settlement.get("contactCost"))).isEqualByComparingTo("4.00");
        assertThat(money(settlement.get("actual"))).isEqualByComparingTo("674.00");
        assertThat(money(settlement.get("variance"))).isEqualByComparingTo("-26.00");
        assertThat(money(settlement.get("lines").get(0).get("variance"))).isEqualByComparingTo("20.00");
        assertThat(money(settlement.get("lines").get(1).get("variance"))).isEqualByComparingTo("-50.00");
        // −26 / 700 = −3.7 %: within the 10 % threshold, so no explanation is needed
        assertThat(settlement.get("explanationRequired").asBoolean()).isFalse();

        // a period cost of 1000 by contacts sent in March: A 4 + 2 = 6, B 4 → 600.00 and 400.00
        String period = """
                {"startsOn":"2001-03-01","endsOn":"2001-03-31","amount":"1000","description":"Marketing March",
                 "rule":"BY_CONTACTS"}""";
        HttpResponse<String> created = api(manager, "POST", "/api/v1/period-costs", period);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long periodId = json.readTree(created.body()).get("id").asLong();
        assertAllocated(periodId, "600.00", "400.00");
        // recomputing replaces the allocation: still 600 and 400, not twice as much
        assertThat(api(manager, "POST", "/api/v1/period-costs/" + periodId + "/allocate", null)
                        .statusCode())
                .isEqualTo(200);
        assertAllocated(periodId, "600.00", "400.00");

        // ROI, last touch, 30 days: total cost 674 + 600 = 1274; (80 − 1274) / 1274 = −0.9372;
        // incremental (126.67 − 1274) / 1274 = −0.9006; responders t1 (opened) and t2 (redeemed): 1274 / 2 = 637.00
        JsonNode performance = get("/api/v1/campaigns/" + a + "/performance?model=LAST_TOUCH&windowDays=30");
        assertThat(money(performance.get("directCost"))).isEqualByComparingTo("674.00");
        assertThat(money(performance.get("allocatedCost"))).isEqualByComparingTo("600.00");
        assertThat(money(performance.get("totalCost"))).isEqualByComparingTo("1274.00");
        assertThat(money(performance.get("attributedRevenue"))).isEqualByComparingTo("80.00");
        assertThat(performance.get("roi").decimalValue()).isEqualByComparingTo("-0.9372");
        assertThat(performance.get("incrementalRoi").decimalValue()).isEqualByComparingTo("-0.9006");
        assertThat(money(performance.get("costPerResponse"))).isEqualByComparingTo("637.00");
        assertThat(performance.get("targeted").asLong()).isEqualTo(7); // t1–t4 and k1–k3
        assertThat(performance.get("reached").asLong()).isEqualTo(4);
        assertThat(performance.get("responded").asLong()).isEqualTo(2);
        // no lead came of this campaign: sales counts none
        assertThat(performance.get("leads").asLong()).isZero();
        assertThat(performance.get("won").asLong()).isZero();

        // shares that do not cover the period are refused, and the stored allocation stays
        String shares = """
                {"startsOn":"2001-03-01","endsOn":"2001-03-31","amount":"1000","description":"Marketing March",
                 "rule":"SHARES","shares":{"%d":"70","%d":"20"}}""".formatted(a, other);
        assertRefused(api(manager, "PUT", "/api/v1/period-costs/" + periodId, shares), "shares");
        assertAllocated(periodId, "600.00", "400.00");
        // 70 % and 30 % of 1000
        assertThat(api(manager, "PUT", "/api/v1/period-costs/" + periodId, shares.replace("\"20\"", "\"30\""))
                        .statusCode())
                .isEqualTo(200);
        assertAllocated(periodId, "700.00", "300.00");

        // B: 150 booked on a plan of 100 (+50 %) cannot close without saying why
        assertThat(api(manager, "POST", "/api/v1/campaigns/" + other + "/costs", cost(1, "150"))
                        .statusCode())
                .isEqualTo(201);
        assertRefused(api(manager, "POST", "/api/v1/campaigns/" + other + "/close", "{}"), "explanation");
        assertThat(get("/api/v1/campaigns/" + other + "/settlement").hasNonNull("closed"))
                .isFalse();
        HttpResponse<String> closed =
                api(manager, "POST", "/api/v1/campaigns/" + other + "/close", "{\"explanation\":\"Extra print run\"}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(json.readTree(closed.body()).get("closed").get("explanation").asString())
                .isEqualTo("Extra print run");
        // a closed campaign's costs are final
        assertThat(api(manager, "POST", "/api/v1/campaigns/" + other + "/costs", cost(1, "1"))
                        .statusCode())
                .isEqualTo(409);
    }

    /**
     * Response rate per value grade and RFM segment of the latest scoring run, against the target: A reached t1–t4,
     * of whom t1 (opened) and t2 (redeemed) responded; each customer counts in the segment the run gave them.
     */
    @Test
    void responseRatesPerSegmentAgainstTheTarget() throws Exception {
        jdbc.sql("update campaign set target_response_rate = 0.25 where id = :id")
                .param("id", a)
                .update();
        // an edit through the application stamps updated_at with the clock, which is fixed here: the comparison's
        // stored figures (the worker may have stored them already) are marked out of date as that edit would
        jdbc.sql("update campaign_figures set stale = true where campaign_id = :id")
                .param("id", a)
                .update();
        java.util.Map<String, long[]> expected = new java.util.TreeMap<>();
        for (int i = 0; i < 4; i++) {
            List<String> keys = jdbc.sql("""
                            select coalesce(s.grade, 'NONE'), coalesce(s.rfm_segment, 'NONE')
                            from (select id from score_run where status = 'COMPLETED'
                                  order by as_of desc, finished_at desc, id desc limit 1) r
                            join customer_score s on s.run_id = r.id and s.customer_id = :customer""")
                    .param("customer", t.get(i))
                    .query((rs, n) -> List.of("GRADE:" + rs.getString(1), "RFM:" + rs.getString(2)))
                    .optional()
                    .orElse(List.of("GRADE:NONE", "RFM:NONE"));
            for (String key : keys) {
                long[] counts = expected.computeIfAbsent(key, k -> new long[2]);
                counts[0]++;
                counts[1] += i < 2 ? 1 : 0;
            }
        }
        JsonNode performance = get("/api/v1/campaigns/" + a + "/performance");
        assertThat(performance.get("targetResponseRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(performance.get("responseRate").asDouble()).isEqualTo(0.5);
        java.util.Map<String, long[]> actual = new java.util.TreeMap<>();
        for (JsonNode rate : performance.get("segments")) {
            actual.put(rate.get("kind").asString() + ":" + rate.get("key").asString(), new long[] {
                rate.get("reached").asLong(), rate.get("responded").asLong()
            });
            assertThat(rate.get("rate").asDouble())
                    .isEqualTo((double) rate.get("responded").asLong()
                            / rate.get("reached").asLong());
        }
        assertThat(actual).containsOnlyKeys(expected.keySet());
        expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).containsExactly(counts));

        // the period report carries the rate, the target and the rate per grade
        Session session = session();
        session.signIn("marketer", "demo");
        String csv = session.get("/campaigns/performance.csv?from=2001-03-01&to=2001-03-31")
                .body();
        String header = csv.lines().findFirst().orElseThrow();
        assertThat(header)
                .endsWith(",response_rate,target_response_rate,response_rate_grade_a,response_rate_grade_b,"
                        + "response_rate_grade_c,response_rate_grade_d,response_rate_not_graded");
        String row = csv.lines().filter(l -> l.startsWith(a + ",")).findFirst().orElseThrow();
        assertThat(row).contains(",0.5,0.2500,");
        // the campaign's page shows the table beside the target
        HttpResponse<String> page = session.get("/campaigns/" + a + "/roi");
        assertThat(page.body()).contains("data-testid=\"segment-rates\"");
        for (String key : expected.keySet()) {
            assertThat(page.body()).contains("data-segment=\"" + key + "\"");
        }
    }

    /** The pages render the same figures for a marketer, in both languages; the period report is CSV. */
    @Test
    void pagesShowTheFiguresAndTheReportIsCsv() throws Exception {
        Session session = session();
        session.signIn("marketer", "demo");
        HttpResponse<String> page = session.get("/campaigns/" + a + "/roi?model=FIRST_TOUCH&windowDays=30");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"attributed\">180.00<");
        assertThat(page.body()).doesNotContain("data-testid=\"cost-form\""); // marketers do not book costs
        HttpResponse<String> chinese = session.get("/campaigns/" + a + "/roi?lang=zh_CN");
        assertThat(chinese.statusCode()).isEqualTo(200);
        HttpResponse<String> compare = session.get("/campaigns/performance?from=2001-03-01&to=2001-03-31");
        assertThat(compare.statusCode()).isEqualTo(200);
        assertThat(compare.body()).contains("data-campaign=\"" + a + "\"", "data-campaign=\"" + other + "\"");
        HttpResponse<String> csv = session.get("/campaigns/performance.csv?from=2001-03-01&to=2001-03-31");
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("campaign_id,name,purpose").contains("\n" + a + ",ROI spring ");
        assertThat(session.get("/campaigns/period-costs").statusCode()).isEqualTo(200);
    }

    private static String cost(int line, String amount) {
        return """
                {"lineNo":%d,"amount":"%s","document":"INV-%d","incurredOn":"2001-03-20"}""".formatted(line, amount, line);
    }

    private void assertAllocated(long periodId, String toA, String toOther) throws Exception {
        JsonNode allocations = get("/api/v1/period-costs/" + periodId).get("allocations");
        assertThat(allocations).hasSize(2);
        for (JsonNode allocation : allocations) {
            long campaign = allocation.get("campaignId").asLong();
            assertThat(money(allocation.get("amount"))).isEqualByComparingTo(campaign == a ? toA : toOther);
        }
        assertThat(jdbc.sql("select count(*) from period_cost_allocation where period_cost_id = :id")
                        .param("id", periodId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    private static void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }
}
