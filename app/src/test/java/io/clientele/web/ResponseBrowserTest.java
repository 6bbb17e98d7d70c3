package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.campaign.response.TrackingLinks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A customer unsubscribes from the page a mail link opens; a marketer sees the campaign's results with its funnel
 * chart and selects the customers who opened it in the segment builder.
 */
class ResponseBrowserTest extends BrowserTestSupport {
    @Autowired
    Materials materials;

    @Autowired
    CampaignResponses responses;

    @Autowired
    TrackingLinks links;

    @Test
    void aCustomerUnsubscribesAndAMarketerReadsTheResultsAndSegmentsTheOpeners() {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        String name = "Browser responses " + System.nanoTime();
        long campaign = fixtures.runningCampaign(name);
        long material = materials
                .create(
                        new MaterialInput("EMAIL", name, "Hello", "<p>Hello {{first_name}}</p>", "Hello", null, null),
                        "marketer")
                .id();
        long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, material, null);
        List<Long> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            customers.add(jdbc.sql("insert into customer (first_name, email) values ('Browser', :email) returning id")
                    .param("email", "browser" + i + "." + System.nanoTime() + "@example.com")
                    .query(Long.class)
                    .single());
        }
        fixtures.treated(step, customers);
        jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = now() where step_id = :step")
                .param("step", step)
                .update();
        for (long customer : customers.subList(0, 2)) {
            responses.record(
                    new CampaignResponses.Response(step, customer, ResponseKind.OPENED, TEST_NOW, null, null, null));
        }

        String unsubscribe = links.unsubscribeUrl(step, customers.get(2));
        page.navigate(url(unsubscribe.substring(unsubscribe.indexOf("/u/"))));
        assertThat(page.locator("h1")).containsText("from marketing email?");
        page.click("[data-testid=unsubscribe]");
        assertThat(page.locator("[data-testid=tracking-page]")).hasAttribute("data-state", "DONE");
        assertThat(page.locator("h1")).containsText("is unsubscribed");

        signIn("marketer", "demo");
        page.navigate(url("/campaigns/" + campaign));
        page.click("[data-testid=results-link]");
        assertThat(page.locator("#funnel-chart canvas")).hasCount(1);
        Locator total = page.locator("[data-testid=funnel] tr[data-testid=total]");
        assertThat(total.locator("[data-figure=sent]")).hasText("3");
        assertThat(total.locator("[data-figure=opened]")).hasText("2");
        assertThat(total.locator("[data-figure=unsubscribed]")).hasText("1");
        assertThat(page.locator("[data-testid=verdict]")).hasAttribute("data-verdict", "TOO_FEW");
        page.setViewportSize(1280, 1400);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/campaign-results.png"))
                .setFullPage(true));

        page.navigate(url("/segments/new"));
        page.click("[data-testid=builder] [data-testid=add-condition]");
        Locator row = page.locator("[data-testid=condition]").first();
        row.locator("[data-testid=field]").selectOption("campaign_opened");
        row.locator("[data-testid=op]").selectOption("has_any");
        Locator value = row.locator("input[data-testid=value]");
        // searched by name, the campaign is suggested by its id (a datalist choice cannot be clicked in a test)
        value.fill(name.substring(0, name.length() - 3));
        assertThat(row.locator("datalist option[value='" + campaign + "']")).hasCount(1);
        value.fill(String.valueOf(campaign));
        value.press("Enter");
        assertThat(row.locator("[data-testid=chip]")).hasText("#" + campaign + " · " + name);
        assertThat(page.locator("[data-testid=live-count]")).hasAttribute("data-count", "2");
    }
}
