package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MaterialBrowserTest extends BrowserTestSupport {
    @Test
    void aMarketerWritesAnEmailTemplateAndPreviewsItWithARealCustomer() {
        var customer = jdbc.sql("select id, first_name from customer where first_name is not null order by id limit 1")
                .query((rs, n) -> new Object[] {rs.getLong("id"), rs.getString("first_name")})
                .single();
        signIn("marketer", "demo");
        page.click("nav >> text=Campaigns");
        page.click("[data-testid=materials-link]");
        page.click("[data-testid=new-EMAIL]");
        page.fill("#name", "Spring newsletter (browser)");
        page.fill("#subject", "{{first_name|Hello}}, spring is here");
        page.fill(
                "#htmlBody",
                "<h2>Hello {{first_name|there}}</h2><p>Your code: <b>{{offer.code|none}}</b></p>"
                        + "<p><a href=\"https://shop.example/{{offer.code}}\">Shop now</a></p>"
                        + "<script>alert('x')</script>");
        page.fill("#textBody", "Hello {{first_name|there}}, your code is {{offer.code}}.");
        page.click("[data-testid=material-form] button[type=submit]");

        assertThat(page.locator("[data-testid=shown-version]")).hasAttribute("data-version", "1");
        assertThat(page.locator("[data-testid=cleaned-notice]")).isVisible();
        assertThat(page.locator("[data-testid=stored-html]")).not().containsText("script");

        page.fill("#customer", String.valueOf(customer[0]));
        page.fill("#offerCode", "SPRING25");
        page.click("[data-testid=preview-form] button[type=submit]");

        assertThat(page.locator("[data-testid=preview-subject]")).hasText(customer[1] + ", spring is here");
        assertThat(page.frameLocator("[data-testid=preview-html]").locator("h2"))
                .hasText("Hello " + customer[1]);
        assertThat(page.frameLocator("[data-testid=preview-html]").locator("b")).hasText("SPRING25");
        assertThat(page.locator("[data-testid=preview-text]"))
                .hasText("Hello " + customer[1] + ", your code is SPRING25.");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/material-email-preview.png"))
                .setFullPage(true));
        page.locator("[data-testid=preview-html]")
                .screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setPath(Path.of("target/screenshots/material-email-preview-frame.png")));
        page.click("main a[href$='/campaigns/materials']");
        // the library lists by kind and name, fifty a page, and other tests' materials share this database: the
        // Email tab, paged on to the material's name
        page.click("a.nav-link[href$='/campaigns/materials?kind=EMAIL']");
        for (int next = 1;
                !page.locator("[data-testid=materials]").innerText().contains("Spring newsletter (browser)")
                        && page.locator("li.page-item:not(.disabled) [data-testid=next-page]")
                                        .count()
                                > 0;
                next++) {
            page.navigate(url("/campaigns/materials?archived=false&kind=EMAIL&page=" + next));
        }
        assertThat(page.locator("[data-testid=materials]")).containsText("Spring newsletter (browser)");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/material-list.png"))
                .setFullPage(true));
    }

    @Test
    void theSmsCounterChangesAsTheMarketerTypes() {
        signIn("marketer", "demo");
        page.navigate(url("/campaigns/materials"));
        page.click("[data-testid=new-SMS]");
        page.fill("#name", "Weekend SMS (browser)");
        var counter = page.locator("[data-testid=sms-counter]");

        page.locator("#text").pressSequentially("Hi {{first_name}}!");
        assertThat(counter).hasAttribute("data-parts", "1");
        assertThat(counter).hasAttribute("data-encoding", "GSM_7");
        assertThat(counter).containsText("18 characters");

        page.fill("#text", "a".repeat(161));
        assertThat(counter).hasAttribute("data-parts", "2");

        page.fill("#text", "Sunny weekend ☀ 20% off");
        assertThat(counter).hasAttribute("data-encoding", "UCS_2");
        assertThat(counter).containsText("UCS-2");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/material-sms-counter.png"))
                .setFullPage(true));

        page.click("[data-testid=material-form] button[type=submit]");
        assertThat(page.locator("[data-testid=sms-count]")).containsText("1 part");
        assertThat(page.locator("[data-testid=sms-count]")).containsText("UCS-2");
    }
}
