package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.clientele.insight.Dashboard;
import io.clientele.platform.web.Formats;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;

class DashboardBrowserTest extends BrowserTestSupport {
    @Autowired
    Dashboard dashboard;

    @Autowired
    Formats formats;

    @Test
    void aMarketerSignsInSeesTheDashboardFiguresAndOpensACustomer() {
        signIn("marketer", "demo");

        Dashboard.Headlines expected = dashboard.headlines();
        LocaleContextHolder.setLocale(Locale.US);
        try {
            assertThat(page.locator("[data-testid=figure-customers] .value"))
                    .hasText(formats.number(expected.customers()));
            assertThat(page.locator("[data-testid=figure-active] .value"))
                    .hasText(formats.number(expected.activeCustomers().current()));
            assertThat(page.locator("[data-testid=figure-revenue] .value"))
                    .hasText(formats.money(expected.revenue().current()));
            assertThat(page.locator("[data-testid=figure-gross-profit] .value"))
                    .hasText(formats.money(expected.grossProfit().current()));
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
        assertThat(page.locator("[data-testid=viewer]")).containsText("marketer");
        assertThat(page.locator("#months-chart")).hasAttribute("data-ready", "true");
        assertThat(page.locator("#months-chart canvas")).hasCount(1);

        page.click("text=Customers");
        assertThat(page.locator("[data-testid=customer-table] tbody tr")).hasCount(25);
        Locator firstCustomer =
                page.locator("[data-testid=customer-table] tbody tr td a").first();
        String name = firstCustomer.textContent().strip();
        firstCustomer.click();
        assertThat(page).hasURL(Pattern.compile(".*/customers/\\d+"));
        assertThat(page.locator("[data-testid=customer-name]")).containsText(name);
    }

    @Test
    void theSearchBoxFiltersTheListAsYouType() {
        signIn("marketer", "demo");
        String card = jdbc.sql(
                        "select card_number from customer where card_number ~ '^[0-9]{10,}$' order by id desc limit 1")
                .query(String.class)
                .single();
        page.navigate(url("/customers"));
        page.fill("[data-testid=customer-search]", card);
        Locator rows = page.locator("[data-testid=customer-table] tbody tr");
        assertThat(rows).hasCount(1);
        assertThat(rows.first()).containsText(card);
        assertThat(page).hasURL(Pattern.compile(".*q=" + card + ".*"));
    }

    @Test
    void salesSeesNoAdminMenuAndIsRefusedTheAdminPage() {
        signIn("sales", "demo");
        assertThat(page.locator("nav")).not().containsText("API tokens");
        page.navigate(url("/admin/tokens"));
        assertThat(page.locator("main h1")).containsText("You may not open this page");
    }

    @Test
    void theChineseInterfaceIsOneClickAway() {
        signIn("analyst", "demo");
        page.click("text=简体中文");
        assertThat(page.locator("main h1")).hasText("仪表板");
        assertThat(page.locator("text=" + "Dashboard")).hasCount(0);
        assertThat(page.title()).isEqualTo("仪表板");
    }
}
