package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CampaignBrowserTest extends BrowserTestSupport {
    @Test
    void aMarketerPlansAndSubmitsAManagerApproves() {
        signIn("marketer", "demo");
        page.click("nav >> text=Campaigns");
        page.click("[data-testid=new-campaign]");
        page.fill("#name", "Holiday cross-sell");
        page.selectOption("#purpose", "CROSS_SELL");
        page.fill("#startsOn", "2027-12-01");
        page.fill("#endsOn", "2027-12-24");
        page.fill("#targetResponseRate", "3.5");
        page.fill("#targetRevenue", "80000");
        page.selectOption("[name='budget[0].costType']", "MESSAGING");
        page.fill("[name='budget[0].amount']", "2500");
        page.selectOption("[name='budget[1].costType']", "INCENTIVES");
        page.fill("[name='budget[1].amount']", "12000");
        page.click("[data-testid=campaign-form] button[type=submit]");

        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "DRAFT");
        assertThat(page.locator("[data-testid=budget-total]")).hasText("14,500.00");
        page.click("text=Submit for approval");
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "SUBMITTED");
        assertThat(page.locator("[data-testid=decision]")).hasCount(0);
        String address = page.url();

        page.click("text=Sign out");
        signIn("manager", "demo");
        page.navigate(address);
        page.fill("#comment", "Fits the Q4 plan");
        page.click("[data-testid=decision] >> text=Approve");

        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "APPROVED");
        assertThat(page.locator("[data-testid=transitions] li[data-to=APPROVED]"))
                .containsText("manager");
        assertThat(page.locator("[data-testid=transitions] li[data-to=APPROVED]"))
                .containsText("Fits the Q4 plan");
        assertThat(page).hasURL(Pattern.compile(".*/campaigns/\\d+"));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/campaign.png"))
                .setFullPage(true));
    }
}
