package io.clientele.roi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.analytics.value.ProfitBasis;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.ScoringProperties;
import io.clientele.insight.ScoringRunner;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer profit net of marketing on planted data, scored as of 30 June 1996 (lookback 730 days: July 1994 – June
 * 1996, years no other test buys in, so the three planted buyers are the only ones ranked).
 *
 * <p>Receipts in March 1996: pampered 500 (profit 500), steady 300 (profit 300), quiet 100 (profit 100). Campaign C
 * emails pampered and steady (2.00 a contact) on 2 March and sends pampered a coupon (1.00) on 5 March; 100.00 is
 * booked on it on 10 March; a period cost of 300 for March goes 100 % to C. Campaign D booked 999 but sent nothing:
 * nobody's cost. Campaign E emailed quiet in 1993 (3.00 a contact), before the lookback: not counted.
 *
 * <ul>
 *   <li>pampered: direct 2 + 1 + 100 / 2 = 53.00, allocated 300 / 2 = 150.00, net 500 − 203 = 297.00;
 *   <li>steady: direct 2 + 50 = 52.00, allocated 150.00, net 300 − 202 = 98.00;
 *   <li>quiet: nothing, net 100.00.
 * </ul>
 *
 * Gross 500, 300, 100 of 900: shares above 0, 0.556, 0.889 → A, B, C. Net 297, 100, 98 of 495: shares above 0, 0.600,
 * 0.802 → pampered A, quiet B, steady C: steady and quiet swap grades.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetProfitScoringIntegrationTest extends ApplicationTestSupport {
    private static final LocalDate AS_OF = LocalDate.of(1996, 6, 30);

    @Autowired
    Materials materials;

    @Autowired
    CampaignCosts costs;

    @Autowired
    PeriodCosts periodCosts;

    @Autowired
    ScoreRuns runs;

    @Autowired
    ScoringRunner runner;

    @Autowired
    ScoringProperties properties;

    @Autowired
    ApiTokens tokens;

    private long pampered;
    private long steady;
    private long quiet;

    @BeforeAll
    void plant() {
        RoiFixtures roi = new RoiFixtures(jdbc, materials);
        pampered = roi.customer("pampered");
        steady = roi.customer("steady");
        quiet = roi.customer("quiet");
        roi.sale(pampered, "500.00", "0", "1996-03-20T12:00:00Z");
        roi.sale(steady, "300.00", "0", "1996-03-20T12:00:00Z");
        roi.sale(quiet, "150.00", "50.00", "1996-03-20T12:00:00Z");

        long c = roi.campaign("Net C " + UUID.randomUUID(), "1996-03", "(:id, 1, 'MEDIA', 100)");
        long email = roi.campaigns.frozenStep(c, StepChannel.EMAIL, roi.campaigns.emailMaterial(), null);
        long coupon = roi.campaigns.frozenStep(c, StepChannel.COUPON, null, null);
        roi.unitCost(email, "2.00");
        roi.unitCost(coupon, "1.00");
        roi.campaigns.treated(email, List.of(pampered, steady));
        roi.sent(email, "1996-03-02T10:00:00Z");
        roi.campaigns.treated(coupon, List.of(pampered));
        roi.sent(coupon, "1996-03-05T10:00:00Z");
        costs.add(c, new CampaignCosts.CostInput(1, "100.00", "INV-C", "1996-03-10", null), "test");
        periodCosts.create(
                new PeriodCosts.Input(
                        "1996-03-01", "1996-03-31", "300", "Marketing March 1996", "SHARES", Map.of(c, "100")),
                "test");

        long d = roi.campaign("Net D " + UUID.randomUUID(), "1996-04", "(:id, 1, 'MEDIA', 999)");
        costs.add(d, new CampaignCosts.CostInput(1, "999.00", "INV-D", "1996-04-10", null), "test");

        long e = roi.campaign("Net E " + UUID.randomUUID(), "1993-03", "(:id, 1, 'MEDIA', 10)");
        long old = roi.campaigns.frozenStep(e, StepChannel.EMAIL, roi.campaigns.emailMaterial(), null);
        roi.unitCost(old, "3.00");
        roi.campaigns.treated(old, List.of(quiet));
        roi.sent(old, "1993-03-02T10:00:00Z");
    }

    private ScoreRun score(ProfitBasis basis) {
        ScoreRun queued =
                runs.queue(ScoreRun.Trigger.API, AS_OF, properties.parameters().withProfit(basis), "net-profit-test");
        return runner.runOrAwait(queued, (phase, done, total) -> {});
    }

    private record Row(BigDecimal profit, BigDecimal direct, BigDecimal allocated, BigDecimal net, String grade) {}

    private Row row(ScoreRun run, long customer) {
        return jdbc.sql("""
                        select profit, marketing_direct_cost, marketing_allocated_cost, net_profit, grade
                        from customer_score where run_id = :run and customer_id = :customer""")
                .param("run", run.id())
                .param("customer", customer)
                .query((rs, n) -> new Row(
                        rs.getBigDecimal(1),
                        rs.getBigDecimal(2),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getString(5)))
                .single();
    }

    @Test
    void netProfitsEqualTheHandFiguresAndTheGradesFollowTheBasis() throws Exception {
        ScoreRun gross = score(ProfitBasis.GROSS);
        ScoreRun net = score(ProfitBasis.NET);
        assertThat(gross.status()).isEqualTo(ScoreRun.Status.COMPLETED);
        assertThat(net.status()).isEqualTo(ScoreRun.Status.COMPLETED);

        for (ScoreRun run : List.of(gross, net)) {
            assertRow(row(run, pampered), "53.00", "150.00", "297.00");
            assertRow(row(run, steady), "52.00", "150.00", "98.00");
            assertRow(row(run, quiet), "0.00", "0.00", "100.00");
        }
        // gross ranks 500, 300, 100: A, B, C; the profit column is the ranked profit
        assertThat(row(gross, pampered).profit()).isEqualByComparingTo("500.00");
        assertThat(List.of(
                        row(gross, pampered).grade(),
                        row(gross, steady).grade(),
                        row(gross, quiet).grade()))
                .containsExactly("A", "B", "C");
        // net ranks 297, 100 (quiet), 98 (steady): steady falls to C, quiet rises to B
        assertThat(row(net, pampered).profit()).isEqualByComparingTo("297.00");
        assertThat(List.of(
                        row(net, pampered).grade(),
                        row(net, quiet).grade(),
                        row(net, steady).grade()))
                .containsExactly("A", "B", "C");
        // the pyramid of the net run sums net profit: grade A is pampered's 297
        assertThat(net.summary().grade("A").profit()).isEqualByComparingTo("297.00");

        // the API gives every figure and which profit the grade ranked
        String token =
                tokens.issue("net-analyst", Role.ANALYST.scopes(), "test").secret();
        HttpResponse<String> response = api(token, "GET", "/api/v1/customers/" + steady + "/scores", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode latest = null;
        for (JsonNode entry : JsonMapper.builder().build().readTree(response.body())) {
            latest = entry.get("runId").asLong() == net.id() ? entry : latest;
        }
        assertThat(latest).as(response.body()).isNotNull();
        assertThat(latest.get("profitBasis").asString()).isEqualTo("NET");
        JsonNode scores = latest.get("scores");
        assertThat(scores.get("grossProfit").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(scores.get("marketingDirectCost").decimalValue()).isEqualByComparingTo("52.00");
        assertThat(scores.get("marketingAllocatedCost").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(scores.get("netProfit").decimalValue()).isEqualByComparingTo("98.00");
        assertThat(scores.get("grade").asString()).isEqualTo("C");

        // the customer page's value section shows the sum and the basis of its latest run (the worker may have scored
        // today since), in both languages
        Session session = session();
        session.signIn("analyst", "demo");
        HttpResponse<String> page = session.get("/customers/" + steady + "/scores");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"score-net-profit\"", "data-testid=\"score-basis\"");
        assertThat(session.get("/customers/" + steady + "/scores?lang=zh_CN").body())
                .contains("净利润");
    }

    private static void assertRow(Row row, String direct, String allocated, String net) {
        assertThat(row.direct()).isEqualByComparingTo(direct);
        assertThat(row.allocated()).isEqualByComparingTo(allocated);
        assertThat(row.net()).isEqualByComparingTo(net);
    }
}
