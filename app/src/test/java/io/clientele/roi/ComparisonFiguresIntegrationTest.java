package io.clientele.roi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The precomputed comparison figures equal the live computation, for every model, before and after the inputs change.
 * Two campaigns of May 1997 (no other test's campaigns run then): A emails c1–c3 (0.40 a contact) on 2 May and B
 * emails c2 on 6 May; receipts of c1 and c2 in May, c1 opened A's email; a cost is booked on A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonFiguresIntegrationTest extends ApplicationTestSupport {
    private static final Performance.Filter MAY =
            new Performance.Filter(LocalDate.of(1997, 5, 1), LocalDate.of(1997, 5, 31), null);

    @Autowired
    Materials materials;

    @Autowired
    CampaignResponses responses;

    @Autowired
    CampaignCosts costs;

    @Autowired
    Performance performance;

    @Autowired
    ComparisonFigures comparison;

    @Autowired
    RoiProperties properties;

    private RoiFixtures roi;
    private long a;
    private long c1;

    @BeforeAll
    void plant() {
        roi = new RoiFixtures(jdbc, materials);
        c1 = roi.customer("c1");
        long c2 = roi.customer("c2");
        long c3 = roi.customer("c3");
        a = roi.campaign("Compare A " + UUID.randomUUID(), "1997-05", "(:id, 1, 'MEDIA', 300)");
        long aEmail = roi.campaigns.frozenStep(a, StepChannel.EMAIL, roi.campaigns.emailMaterial(), null);
        roi.unitCost(aEmail, "0.40");
        roi.campaigns.treated(aEmail, List.of(c1, c2, c3));
        roi.sent(aEmail, "1997-05-02T10:00:00Z");
        long b = roi.campaign("Compare B " + UUID.randomUUID(), "1997-05", "(:id, 1, 'MEDIA', 100)");
        long bEmail = roi.campaigns.frozenStep(b, StepChannel.EMAIL, roi.campaigns.emailMaterial(), null);
        roi.campaigns.treated(bEmail, List.of(c2));
        roi.sent(bEmail, "1997-05-06T10:00:00Z");
        roi.sale(c1, "120.00", "40.00", "1997-05-04T12:00:00Z");
        roi.sale(c2, "90.00", "30.00", "1997-05-08T12:00:00Z");
        responses.record(new CampaignResponses.Response(
                aEmail, c1, ResponseKind.OPENED, Instant.parse("1997-05-03T09:00:00Z"), null, null, null));
        costs.add(a, new CampaignCosts.CostInput(1, "250.00", "INV-A", "1997-05-20", null), "test");
    }

    private void assertStoredEqualsLive() {
        for (AttributionModel model : AttributionModel.values()) {
            int window = properties.attributionWindowDays();
            List<Performance.Figures> live = performance.compare(MAY, model, window, true);
            assertThat(live).hasSize(2);
            assertThat(comparison.compare(MAY, model, window, true))
                    .as(model.name())
                    .isEqualTo(live);
        }
    }

    @Test
    void storedFiguresEqualTheLiveOnesAndFollowTheirInputs() throws Exception {
        comparison.refresh();
        assertThat(jdbc.sql("select count(*) from campaign_figures where campaign_id = :a and not stale")
                        .param("a", a)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertStoredEqualsLive();

        // the comparison reads the stored row: change it behind the live code's back and the page shows it
        jdbc.sql("update campaign_figures set figures = jsonb_set(figures, '{LAST_TOUCH,reached}', '999')"
                        + " where campaign_id = :a")
                .param("a", a)
                .update();
        Performance.Figures stored =
                comparison.compare(MAY, AttributionModel.LAST_TOUCH, properties.attributionWindowDays(), false).stream()
                        .filter(f -> f.campaignId() == a)
                        .findFirst()
                        .orElseThrow();
        assertThat(stored.reached()).isEqualTo(999);

        // a new receipt in A's span makes it out of date; the refresh recomputes it exactly
        roi.sale(c1, "60.00", "20.00", "1997-05-10T12:00:00Z");
        comparison.refresh();
        assertStoredEqualsLive();
        Performance.Figures last =
                performance
                        .compare(MAY, AttributionModel.LAST_TOUCH, properties.attributionWindowDays(), false)
                        .stream()
                        .filter(f -> f.campaignId() == a)
                        .findFirst()
                        .orElseThrow();
        // c1's 120 + 60 (its only touch is A's email); contacts 3 × 0.40 + the booked 250
        assertThat(last.attributedRevenue()).isEqualByComparingTo("180.00");
        assertThat(last.directCost()).isEqualByComparingTo(new BigDecimal("251.20"));

        // booking a cost marks the row stale at once
        costs.add(a, new CampaignCosts.CostInput(1, "10.00", "INV-A2", "1997-05-21", null), "test");
        assertThat(jdbc.sql("select stale or computed_at > now() - interval '1 minute' from campaign_figures"
                                + " where campaign_id = :a")
                        .param("a", a)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        comparison.refresh();
        assertStoredEqualsLive();

        // the page says how fresh its figures are, in both languages
        Session session = session();
        session.signIn("marketer", "demo");
        HttpResponse<String> page = session.get("/campaigns/performance?from=1997-05-01&to=1997-05-31");
        assertThat(page.body()).contains("data-testid=\"figures-freshness\"", "data-campaign=\"" + a + "\"");
        assertThat(session.get("/campaigns/performance?from=1997-05-01&to=1997-05-31&lang=zh_CN")
                        .statusCode())
                .isEqualTo(200);
    }
}
