package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import io.clientele.customer.CustomerEditor;
import io.clientele.customer.Customers;
import io.clientele.customer.TestCustomers;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CustomerBrowserTest extends BrowserTestSupport {
    @Autowired
    CustomerEditor editor;

    @Autowired
    Customers customers;

    @Test
    void aManagerEditsACustomerThenFindsAndMergesItsDuplicate() {
        int n = TestCustomers.unique();
        long kept = editor.create(TestCustomers.person(
                "Lin", "Browser" + n, "1992-09-09", "lin.browser" + n + "@clientele.test", "+86 10 6666 " + n));
        long duplicate = editor.create(TestCustomers.person(
                "Lín", "BROWSER" + n, "1992-09-09", "Lin.Browser" + n + "@Clientele.test", "86-10-6666-" + n));
        TestCustomers.receipt(jdbc, duplicate, TEST_NOW.minus(Duration.ofDays(200)));

        signIn("manager", "demo");
        page.navigate(url("/customers/" + kept));
        page.click("[data-testid=edit-customer]");
        page.fill("#email", "lin.browser" + n + "@");
        page.click("[data-testid=save-customer]");
        assertThat(page.locator("#email")).hasClass(Pattern.compile("is-invalid"));
        assertThat(page.locator("#email-error")).hasText("Not an email address.");

        page.fill("#email", "lin.browser" + n + "@clientele.test");
        page.fill("#city", "Beijing");
        page.click("[data-testid=save-customer]");
        assertThat(page).hasURL(Pattern.compile(".*/customers/" + kept));
        assertThat(page.locator("[data-testid=flash]")).hasText("Changes saved.");
        assertThat(page.locator("[data-testid=profile]")).containsText("Beijing");
        assertThat(page.locator("[data-testid=timeline] li").first()).hasAttribute("data-kind", "EDITED");
        assertThat(page.locator("[data-testid=possible-duplicates]")).containsText("BROWSER" + n);

        page.click("text=All customers");
        page.click("[data-testid=duplicates-link]");
        Locator pair = page.locator(
                "[data-testid=duplicate-pair][data-first='" + kept + "'][data-second='" + duplicate + "']");
        assertThat(pair.locator(".card-header .badge")).hasCount(3);
        assertThat(pair.locator("[data-participant=sales]").last()).hasText("Receipts: 1");
        pair.locator("[data-testid=merge-keep-first]").click();

        assertThat(page.locator("h1")).hasText("Merge preview");
        assertThat(page.locator("[data-testid=merge-moves] [data-participant=sales] td")
                        .last())
                .hasText("1");
        assertThat(page.locator("[data-testid=merge-preview] [data-field=city] td")
                        .last())
                .containsText("Beijing");
        page.click("[data-testid=confirm-merge]");

        assertThat(page).hasURL(Pattern.compile(".*/customers/" + kept));
        assertThat(page.locator("[data-testid=flash]")).containsText("was merged into");
        assertThat(page.locator("[data-testid=customer-receipts]")).hasText("1");
        assertThat(page.locator("[data-testid=timeline] li").first()).hasAttribute("data-kind", "MERGED");
        page.click("[data-testid=toggle-lines]");
        assertThat(page.locator("[data-testid=receipt-lines] tbody tr")).hasCount(1);
        org.assertj.core.api.Assertions.assertThat(customers.profile(duplicate)).isEmpty();
    }
}
