package io.clientele.strategy;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.insight.ScoreRun;
import io.clientele.segment.SavedSegments;
import io.clientele.web.BrowserTestSupport;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 18's must-show in Chromium: from the matrix cell "high volume · low satisfaction" a manager assigns account
 * managers in bulk (to a salesperson of this test only, so that other tests' books stay as they were) and starts a
 * campaign on the cell; from a churn-month drill-down an analyst saves a segment whose count equals the cell's.
 */
class FigureActionsBrowserTest extends BrowserTestSupport {
    private static final String CLASS = "HIGH_VOLUME_LOW_SATISFACTION";

    @Autowired
    UserAccounts users;

    @Autowired
    SavedSegments segments;

    private ScoreRun run;
    private String salesperson;

    @BeforeEach
    void scoreAndHire() {
        run = scoreNow();
        salesperson = "am-browser-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(salesperson, "Browser account manager", Role.SALES, "demo-pass");
    }

    @AfterEach
    void retire() {
        jdbc.sql("update app_user set enabled = false where username = :user")
                .param("user", salesperson)
                .update();
    }

    @Test
    void aManagerAssignsAccountManagersToTheCellAndStartsACampaignOnIt() throws Exception {
        List<Long> unowned = jdbc.sql("""
                        select c.id from customer_score s join customer c on c.id = s.customer_id
                        where s.run_id = :run and s.matrix_class = :class and c.owner_username is null""")
                .param("run", run.id())
                .param("class", CLASS)
                .query(Long.class)
                .list();
        assertThat(unowned)
                .as("the demo's cell has customers without an account manager")
                .isNotEmpty();

        signIn("manager", "demo");
        page.navigate(url("/insight"));
        page.click("[data-testid=value-matrix] td[data-matrix=" + CLASS + "] a");
        assertThat(page.locator("[data-testid=drill-filter]")).containsText("High volume, low satisfaction");
        Locator form = page.locator("[data-testid=assign-owners]");
        // the actions come with htmx: wait for them before taking every box off but this test's salesperson
        assertThat(form.locator("#assign-" + salesperson)).isVisible();
        for (Locator box : form.locator("input[name=salespeople]").all()) {
            box.uncheck();
        }
        form.locator("#assign-" + salesperson).check();
        form.locator("#assign-rule").selectOption("ROUND_ROBIN");
        // a capacity, so that the cell keeps customers without an account manager for other tests
        form.locator("#assign-capacity").fill("3");
        form.locator("[data-testid=assign]").click();

        int assigned = Math.min(3, unowned.size());
        assertThat(page.locator("[data-testid=flash]"))
                .containsText(assigned + " customers got an account manager; " + (unowned.size() - assigned));
        assertThat(jdbc.sql("select count(*) from customer where owner_username = :user and id = any(:ids)")
                        .param("user", salesperson)
                        .param("ids", unowned.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(assigned);
        // in the salesperson's book (a salesperson sees their stores' customers and those they own)
        var book = session();
        book.signIn(salesperson, "demo-pass");
        long theirs = jdbc.sql("select id from customer where owner_username = :user limit 1")
                .param("user", salesperson)
                .query(Long.class)
                .single();
        assertThat(book.get("/api/v1/customers/" + theirs).statusCode()).isEqualTo(200);

        page.locator("[data-testid=start-on-figure] [data-testid=start-campaign]")
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/campaigns/\\d+$"));
        assertThat(page.locator("[data-testid=flash]")).containsText("Draft campaign created");
        long campaign = Long.parseLong(page.url().replaceAll(".*/campaigns/", ""));
        long cell = jdbc.sql("select count(*) from customer_score where run_id = :run and matrix_class = :class")
                .param("run", run.id())
                .param("class", CLASS)
                .query(Long.class)
                .single();
        long segment = jdbc.sql("select segment_id from campaign_audience where campaign_id = :id and not exclude")
                .param("id", campaign)
                .query(Long.class)
                .single();
        assertThat(segments.count(segments.get(segment)))
                .as("the campaign's segment is the cell")
                .isEqualTo(cell);
        assertThat(page.locator("body")).containsText("Matrix class: High volume, low satisfaction");
    }

    @Test
    void anAnalystSavesAChurnCellAsASegmentThatCountsTheCell() {
        var churn = run.summary().churnByMonth().stream()
                .filter(c -> c.churned() > 0)
                .findFirst()
                .orElseThrow();

        signIn("analyst", "demo");
        page.navigate(url("/insight"));
        page.click("[data-testid=churn-table] a[href*='churnMonth=" + churn.month() + "'][href*='grade=" + churn.grade()
                + "']");
        assertThat(page.locator("[data-testid=drill-filter]")).containsText(churn.churned() + " customers");
        page.locator("[data-testid=save-segment] button[type=submit]").click();

        assertThat(page).hasURL(Pattern.compile(".*/segments/\\d+$"));
        Locator count = page.locator("[data-testid=live-count]");
        assertThat(count).hasAttribute("data-state", "ready");
        assertThat(count).hasAttribute("data-count", String.valueOf(churn.churned()));
        Locator condition = page.locator("[data-testid=condition]").first();
        assertThat(condition.locator("[data-testid=field]")).hasValue("churned_in");
        assertThat(condition.locator("[data-testid=chip]")).hasText(churn.month() + "/" + churn.grade());
    }
}
