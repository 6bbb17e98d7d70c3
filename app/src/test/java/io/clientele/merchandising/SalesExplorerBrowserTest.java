package io.clientele.merchandising;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.identity.UserDataScopes;
import io.clientele.web.BrowserTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A store manager pivots sales by brand × month for their store in Chromium and drills into receipts. Planted in 2006
 * (no other test's year): two receipts of BrowserBrandA at the manager's store in March and April, one of
 * BrowserBrandOther at another store in March, which the manager never sees.
 */
class SalesExplorerBrowserTest extends BrowserTestSupport {
    @Autowired
    UserDataScopes assignments;

    @Autowired
    SalesRollup rollup;

    @Test
    void aStoreManagerPivotsSalesByBrandAndMonthForTheirStoreAndDrillsIntoReceipts() {
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(m -> console.add(m.text()));
        String theirs = assignments.all().get("store").stores().getFirst();
        String other = theirs.equals("S001") ? "S002" : "S001";
        ExplorerFixtures.product(jdbc, "BRW-A", "BrowserBrandA", "Alpha", 50.00, 20.00);
        ExplorerFixtures.product(jdbc, "BRW-O", "BrowserBrandOther", "Omega", 80.00, 30.00);
        ExplorerFixtures.receipt(jdbc, "BRW-1", "SALE", theirs, "2006-03-05", "BRW-A", 2, 95.00);
        ExplorerFixtures.receipt(jdbc, "BRW-2", "SALE", theirs, "2006-04-07", "BRW-A", 1, 50.00);
        ExplorerFixtures.receipt(jdbc, "BRW-3", "SALE", other, "2006-03-05", "BRW-O", 1, 80.00);
        // planted outside ingest: the rollup takes them in when built again
        rollup.rebuild();

        signIn("store", "demo");
        page.click("a.nav-link[href='/merchandising/sales']");
        page.selectOption("#rows", "BRAND");
        page.selectOption("#columns", "MONTH");
        page.fill("#from", "2006-01-01");
        page.fill("#to", "2006-12-31");
        page.selectOption("#stores", theirs);
        page.click("[data-testid=pivot]");

        assertThat(page.locator("[data-testid=pivot-table] tr[data-row='BrowserBrandA']"))
                .isVisible();
        assertThat(page.locator("tr[data-row='BrowserBrandOther']")).hasCount(0);
        assertThat(page.locator("tr[data-row='BrowserBrandA'] td[data-column='2006-03'] [data-testid=cell]"))
                .hasText("95.00");
        assertThat(page.locator("tr[data-row='BrowserBrandA'] [data-figure=row-total] [data-figure=now]"))
                .hasText("145.00");
        assertThat(page.locator("#explorer-chart canvas")).hasCount(1);

        // drill from the brand to its models: the brand becomes a filter
        page.click("tr[data-row='BrowserBrandA'] [data-testid=drill-row]");
        assertThat(page.locator("tr[data-row='BrowserBrandA Alpha']")).isVisible();
        assertThat(page.locator("[data-testid=filters]")).containsText("BrowserBrandA");

        // and from March's figure to its receipt, with its line
        page.click("tr[data-row='BrowserBrandA Alpha'] td[data-column='2006-03'] [data-testid=cell]");
        assertThat(page.locator("[data-receipt='BRW-1']")).isVisible();
        assertThat(page.locator("[data-receipt='BRW-1'] [data-testid=line]")).containsText("BRW-A");
        assertThat(page.locator("[data-receipt='BRW-2']")).hasCount(0);
        assertThat(page.locator("[data-receipt='BRW-3']")).hasCount(0);
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }
}
