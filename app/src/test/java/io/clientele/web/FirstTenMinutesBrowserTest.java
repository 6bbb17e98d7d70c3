package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The user guide's "Your first ten minutes" (docs/user-guide.md), step by step in Chromium on the demo the test
 * application loaded: each step's page shows what the guide says. Other tests share the application and add
 * campaigns, segments and materials of their own, so the demo's are opened by name rather than found on a list's
 * first page.
 */
class FirstTenMinutesBrowserTest extends BrowserTestSupport {
    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Test
    void theGuidedPathWorksOnTheDemo() {
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(m -> console.add(m.text()));
        // the demo load queues the first scoring run; here it is run rather than awaited from the worker
        runner.runOrAwait(
                scoring.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test"), (phase, done, total) -> {});

        // 1. sign in as the manager: the dashboard's figures
        signIn("manager", "demo");
        assertThat(page.locator("[data-testid=figure-customers]")).isVisible();
        assertThat(page.locator("[data-testid=figure-revenue]")).isVisible();

        // 2. customer value: the matrix says measured and estimated per cell; a cell lists its customers; a
        // customer's page says how their satisfaction came about
        page.click("nav >> text=Customer value");
        Locator cell = page.locator("[data-testid=value-matrix] td[data-matrix=HIGH_VOLUME_HIGH_SATISFACTION]");
        assertThat(cell.locator("[data-testid=matrix-sources]"))
                .hasText(Pattern.compile("[\\d,]+ measured · [\\d,]+ estimated"));
        cell.locator("a").click();
        assertThat(page.locator("h1")).containsText("Customers");
        page.locator("main table tbody tr a").first().click();
        assertThat(page.locator("[data-testid=score-satisfaction]"))
                .hasText(Pattern.compile(".*(measured from ratings|estimated)$"));

        // 3. segments: the four saved ones; Loyal regulars counts its customers
        for (String name : List.of(
                "Lapsed big spenders",
                "Loyal regulars",
                "Recent TV buyers",
                "Bought a coffee machine in the last 365 days")) {
            assertThat(id("segment", name)).as(name).isPositive();
        }
        page.navigate(url("/segments/" + id("segment", "Loyal regulars")));
        assertThat(page.locator("[data-testid=segment-info]")).isVisible();
        assertThat(page.locator("#name")).hasValue("Loyal regulars");
        assertThat(page.locator("[data-testid=live-count]")).hasText(Pattern.compile("[\\d,]+"));

        // 4. materials: one of each kind
        page.navigate(url("/campaigns"));
        page.click("[data-testid=materials-link]");
        assertThat(page.locator("[data-testid=material-surveys]")).containsText("Coffee beans trial");
        assertThat(page.locator("[data-testid=material-surveys]")).containsText("Product improvement");
        for (String[] material : new String[][] {
            {"EMAIL", "Win-back: we miss you"},
            {"SMS", "Regulars: double points weekend"},
            {"CALL_SCRIPT", "Win-back call"},
            {"LETTER", "Coffee beans trial: letter"}
        }) {
            page.navigate(url("/campaigns/materials/" + id("material", material[1])));
            assertThat(page.locator("main")).containsText(material[1]);
        }

        // 5.–7. campaigns: two finished with results and funnel, one running with its first answers
        for (String finished : List.of("Win back lapsed big spenders", "Loyal regulars: double points weekend")) {
            openCampaign(finished, "COMPLETED");
            page.click("[data-testid=results-link]");
            assertThat(page.locator("[data-testid=funnel]")).isVisible();
            assertThat(page.locator("[data-testid=total]")).isVisible();
        }
        assertThat(page.locator("[data-testid=comparison]")).containsText("Treated");
        openCampaign("Recent TV buyers: soundbar offer", "RUNNING");
        page.click("[data-testid=results-link]");
        assertThat(page.locator("[data-testid=funnel]")).isVisible();
        assertThat(id("campaign", "Coffee beans trial")).isPositive();

        // 8. channel mix: the cheapest mix for 20 responses within 100
        page.click("nav >> text=Channel mix");
        page.fill("#target", "20");
        page.fill("#budget", "100");
        page.click("[data-testid=mix-plan]");
        assertThat(page.locator("[data-testid=mix-cells]")).isVisible();
        assertThat(page.locator("[data-testid=mix-summary]")).containsText("responses (95% interval");

        // 9. one click to the sample-test campaign
        page.click("[data-testid=mix-create]");
        assertThat(page.locator("h1")).containsText("Channel mix plan");
        page.click("[data-testid=mix-sample-campaign]");
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "DRAFT");
        assertThat(page.locator("[data-testid=campaign-name]")).containsText("sample test");

        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    private void openCampaign(String name, String status) {
        page.navigate(url("/campaigns/" + id("campaign", name)));
        assertThat(page.locator("[data-testid=campaign-name]")).hasText(name);
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", status);
    }

    /** The demo's record of that name (the first made, so a test's namesake does not stand in for it). */
    private long id(String table, String name) {
        return jdbc.sql("select coalesce(min(id), 0) from " + table + " where name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }
}
