package io.clientele.roi;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.web.BrowserTestSupport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A campaign's costs and ROI page in Chromium. A completed campaign of June 2002 (a month no other test's campaign
 * or period cost covers): budget line 1 MEDIA 500, an email step at 0.50 a contact sent to four customers on 3 June,
 * one of whom buys for 100 on 10 June. The manager books a negative cost (refused, nothing stored), then 620 on line
 * 1: actual 620 + 2.00 contacts = 622 against 500 planned, a variance of 122 (24.4 %) beyond the 10 % threshold, so
 * the close asks for an explanation; closed, the page shows the settlement and ROI (100 − 622) / 622 = −83.9 %.
 */
class RoiBrowserTest extends BrowserTestSupport {
    @Autowired
    Materials materials;

    @Test
    void aManagerBooksACostClosesTheCampaignAndSeesItsSettlementAndRoi() {
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(m -> console.add(m.text()));
        long campaign = plant();

        signIn("manager", "demo");
        page.navigate(url("/campaigns/" + campaign + "/roi"));
        assertThat(page.locator("[data-testid=attributed]")).hasText("100.00");

        page.fill("#amount", "-5");
        page.fill("#document", "INV-2002-17");
        page.fill("#incurredOn", "2002-06-20");
        page.click("[data-testid=cost-form] button");
        assertThat(page.locator("#amount.is-invalid")).hasCount(1);
        assertThat(page.locator("#amount-error")).hasText("Cannot be negative.");
        assertThat(booked(campaign)).isZero();

        page.fill("#amount", "620");
        page.fill("#document", "INV-2002-17");
        page.fill("#incurredOn", "2002-06-20");
        page.selectOption("#lineNo", "1");
        page.click("[data-testid=cost-form] button");
        assertThat(page.locator("[data-line='1'] [data-figure=actual]")).hasText("620.00");
        assertThat(page.locator("[data-testid=costs]")).containsText("INV-2002-17");
        assertThat(booked(campaign)).isEqualTo(1);

        // 24.4 % over the plan: closing without a word is refused
        page.click("[data-testid=close-form] button");
        assertThat(page.locator("#explanation.is-invalid")).hasCount(1);
        assertThat(page.locator("[data-testid=closed]")).hasCount(0);
        page.fill("#explanation", "The print run was reordered after a misprint.");
        page.click("[data-testid=close-form] button");

        assertThat(page.locator("[data-testid=closed]")).containsText("manager");
        assertThat(page.locator("[data-testid=actual-total]")).hasText("622.00");
        assertThat(page.locator("[data-testid=variance]")).hasText("122.00 (24.4%)");
        assertThat(page.locator("[data-testid=total-cost]")).hasText("622.00");
        assertThat(page.locator("[data-testid=roi]")).hasText("-83.9%");
        assertThat(page.locator("[data-testid=cost-form]")).hasCount(0);
        assertThat(jdbc.sql("select actual from campaign_close where campaign_id = :id")
                        .param("id", campaign)
                        .query(java.math.BigDecimal.class)
                        .single())
                .isEqualByComparingTo("622.00");
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    private long booked(long campaign) {
        return jdbc.sql("select count(*) from campaign_cost where campaign_id = :id")
                .param("id", campaign)
                .query(Long.class)
                .single();
    }

    private long plant() {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long campaign = fixtures.runningCampaign("ROI browser " + UUID.randomUUID());
        jdbc.sql("""
                        update campaign set status = 'COMPLETED', launched_at = '2002-06-01T00:00:00Z',
                                            starts_on = '2002-06-01', ends_on = '2002-06-30'
                        where id = :id""").param("id", campaign).update();
        jdbc.sql("insert into campaign_budget_line (campaign_id, line_no, cost_type, amount)"
                        + " values (:id, 1, 'MEDIA', 500)")
                .param("id", campaign)
                .update();
        long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, fixtures.emailMaterial(), null);
        jdbc.sql("update campaign_step set unit_cost = 0.50 where id = :id")
                .param("id", step)
                .update();
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            customers.add(jdbc.sql("insert into customer (first_name, email) values ('Roi', :email) returning id")
                    .param("email", "roi-browser-" + UUID.randomUUID() + "@example.com")
                    .query(Long.class)
                    .single());
        }
        fixtures.treated(step, customers);
        jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = :at where step_id = :step")
                .param("at", Timestamp.from(Instant.parse("2002-06-03T10:00:00Z")))
                .param("step", step)
                .update();
        jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        values ('roi-browser', :receipt, 'SALE', (select min(id) from store), :customer, :at, 100, 0)""")
                .param("receipt", UUID.randomUUID().toString())
                .param("customer", customers.getFirst())
                .param("at", Timestamp.from(Instant.parse("2002-06-10T12:00:00Z")))
                .update();
        return campaign;
    }
}
