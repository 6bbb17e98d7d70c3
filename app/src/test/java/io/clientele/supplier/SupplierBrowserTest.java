package io.clientele.supplier;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Response;
import io.clientele.web.BrowserTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo's supplier person in Chromium: signs in, lands on its supplier, opens the sell-through and sees only its
 * two brands (in the table, the totals and the chart's legend), and is refused another brand's sell-through and the
 * customer pages.
 */
class SupplierBrowserTest extends BrowserTestSupport {
    @Test
    void aSupplierUserSignsInAndSeesOnlyItsBrands() {
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(m -> console.add(m.text()));
        Set<String> own = Set.of("Nordwave", "Lumex");

        signIn("supplier", "demo");
        assertThat(page.locator("[data-testid=supplier-name]")).hasText("Nordwave Group");
        assertThat(page.locator("[data-testid=promotions]")).containsText("Nordwave & Lumex double points");
        assertThat(page.locator("[data-testid=settlements] tr[data-closed=true]")
                        .first())
                .isVisible();
        assertThat(page.locator("nav")).not().containsText("Customers");
        String supplierPage = page.url();

        page.click("[data-testid=sell-through-link]");
        assertThat(page.locator("[data-testid=sell-through] tbody tr, [data-testid=sell-through] tr[data-brand]")
                        .first())
                .isVisible();
        assertThat(brands("[data-testid=sell-through] tr[data-brand]"))
                .isNotEmpty()
                .allMatch(own::contains);
        assertThat(brands("[data-testid=brand-totals] tr[data-brand]"))
                .isNotEmpty()
                .allMatch(own::contains);
        assertThat(page.locator("[data-testid=chart] canvas")).hasCount(1);

        // another brand's sell-through, another supplier and the customers: refused
        Response other = page.navigate(supplierPage + "/sell-through?brand=Kairo");
        assertThat(other.status()).isEqualTo(404);
        Response customers = page.navigate(url("/customers"));
        assertThat(customers.status()).isEqualTo(403);
        assertThat(console).noneMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    void aManagersPromotionWithAShareOver100PercentIsRefusedWithTheFieldMarked() {
        long before = promotions();
        signIn("manager", "demo");
        page.navigate(url("/suppliers"));
        page.click("[data-testid=suppliers] a:text('Nordwave Group')");
        page.click("details > summary");
        page.fill("#promotion-name", "Too generous");
        page.check("[data-testid=promotion-form] input[name=brands][value=Lumex]");
        page.fill("#startsOn", "2026-01-01");
        page.fill("#endsOn", "2026-01-31");
        page.fill("#supplierPercent", "150");
        page.fill("#capPerPeriod", "-5");
        page.click("[data-testid=promotion-form] button");
        assertThat(page.locator("#supplierPercent.is-invalid")).hasCount(1);
        assertThat(page.locator("#capPerPeriod.is-invalid")).hasCount(1);
        assertThat(page.locator("#promotion-name")).hasValue("Too generous");
        assertThat(promotions()).isEqualTo(before);
    }

    private long promotions() {
        return jdbc.sql("select count(*) from supplier_promotion")
                .query(Long.class)
                .single();
    }

    /** The brands the rows name (their {@code data-brand}), each once. */
    private List<String> brands(String rows) {
        return page.locator(rows).all().stream()
                .map(row -> row.getAttribute("data-brand"))
                .distinct()
                .toList();
    }
}
