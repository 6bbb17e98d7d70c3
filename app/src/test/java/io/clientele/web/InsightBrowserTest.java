package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InsightBrowserTest extends BrowserTestSupport {
    @Test
    void anAnalystStartsARunWatchsItFinishAndDrillsFromTheFiguresToACustomer() {
        signIn("analyst", "demo");
        page.click("nav >> text=Customer value");
        page.navigate(url("/insight/runs"));
        page.fill("#churnDays", "150");
        page.click("[data-testid=start-run] button[type=submit]");

        assertThat(page.locator("[data-testid=flash]")).containsText("is queued");
        Locator newest = page.locator("[data-testid=runs] tbody tr").first();
        assertThat(newest.locator("[data-status]"))
                .hasAttribute(
                        "data-status",
                        "COMPLETED",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                .setTimeout(60_000));
        newest.locator("[data-status] a").click();

        assertThat(page.locator("[data-testid=run-info]")).containsText("as of");
        assertThat(page.locator("[data-testid=pyramid-chart] canvas")).hasCount(1);
        assertThat(page.locator("#churn-chart")).hasAttribute("data-ready", "true");
        assertThat(page.locator("main")).containsText("150 days without a purchase");
        page.setViewportSize(1024, 2400);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/insight.png"))
                .setFullPage(true));

        String gradeACount =
                page.locator("[data-testid=grades] tr[data-grade=A] td").nth(1).textContent();
        page.click("[data-testid=grades] tr[data-grade=A] a");
        assertThat(page.locator("[data-testid=drill-filter]")).containsText(gradeACount + " customers");
        assertThat(page.locator("[data-testid=scored-customers] tbody tr td:nth-child(2)")
                        .first())
                .hasText("A");

        page.selectOption("#sort", "recency");
        assertThat(page).hasURL(Pattern.compile(".*sort=recency.*"));
        Locator customer =
                page.locator("[data-testid=scored-customers] tbody tr td a").first();
        customer.click();
        assertThat(page.locator("[data-testid=score-grade]")).hasText("A");
        assertThat(page.locator("[data-testid=score-clv]")).not().hasText("–");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/customer-scores.png"))
                .setFullPage(true));

        page.navigate(url("/insight"));
        assertThat(page.locator("[data-testid=scores-age]")).containsText("Scored");
        // the run chose its model on a holdout: the three candidates with their errors, the chosen one marked
        assertThat(page.locator("[data-testid=clv-selection] tr[data-model]")).hasCount(3);
        assertThat(page.locator("[data-testid=clv-selection] tr.table-active")).hasCount(1);
        page.click("[data-testid=clv-model] a");
        assertThat(page.locator("#cumulative-chart")).hasAttribute("data-ready", "true");
        assertThat(page.locator("[data-testid=clv-by-frequency] tbody tr")).hasCount(8);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/clv-holdout.png"))
                .setFullPage(true));
    }

    @Test
    void aMarketerRefreshesTheScoresFromTheInsightPage() {
        signIn("marketer", "demo");
        page.navigate(url("/insight"));
        page.click("[data-testid=refresh-scores] button");
        assertThat(page.locator("[data-testid=flash]")).containsText("is queued");
        assertThat(page.locator("[data-testid=runs] tbody tr").first().locator("[data-status]"))
                .hasAttribute(
                        "data-status",
                        "COMPLETED",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                .setTimeout(60_000));
        page.navigate(url("/insight"));
        assertThat(page.locator("[data-testid=scores-age]")).containsText("Scored just now");
    }
}
