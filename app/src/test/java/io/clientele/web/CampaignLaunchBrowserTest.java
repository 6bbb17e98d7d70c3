package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A marketer plans a campaign with a step and an audience, a manager approves it, the marketer launches it. */
class CampaignLaunchBrowserTest extends BrowserTestSupport {
    @Autowired
    Materials materials;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    @Test
    void aCampaignIsPlannedApprovedAndLaunchedAndItsAudienceCountedByReason() {
        String city = jdbc.sql("select city from customer where city is not null group by city order by count(*) desc"
                        + " limit 1")
                .query(String.class)
                .single();
        String segmentName = "Browser city " + UUID.randomUUID();
        SavedSegment segment = segments.create(new SavedSegments.Draft(
                        segmentName,
                        null,
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse(
                                "{\"all\":[{\"field\":\"city\",\"op\":\"in\",\"values\":[\"" + city + "\"]}]}",
                                fields)))
                .segment();
        long expected = segments.count(segment);
        String materialName = "Browser email " + UUID.randomUUID();
        long material = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                materialName,
                                "Hello {{first_name|friend}}",
                                "<p>{{offer.description}}</p>",
                                null,
                                null,
                                null),
                        "marketer")
                .id();

        signIn("marketer", "demo");
        page.navigate(url("/campaigns/new"));
        page.fill("#name", "City launch " + city);
        page.selectOption("#purpose", "RETENTION");
        page.click("[data-testid=campaign-form] button[type=submit]");
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "DRAFT");

        // a step with a mistake first: the form comes back naming the field
        page.selectOption("#step-channel", "EMAIL");
        page.click("[data-testid=add-step]");
        assertThat(page.locator("#step-name.is-invalid")).hasCount(1);
        page.fill("#step-name", "Welcome email");
        page.selectOption("#step-channel", "EMAIL");
        page.selectOption("#step-material", String.valueOf(material));
        page.fill("#step-offer", "10% off");
        page.click("[data-testid=add-step]");
        assertThat(page.locator("[data-testid=steps] tbody tr")).hasCount(1);
        assertThat(page.locator("[data-testid=steps]")).containsText("Welcome email");

        page.click("[data-testid=audience-form] summary");
        page.selectOption("#include", String.valueOf(segment.id()));
        page.fill("#controlPercent", "10");
        page.click("[data-testid=save-audience]");
        assertThat(page.locator("[data-testid=audience]")).containsText(segmentName);
        assertThat(page.locator("[data-testid=audience]")).containsText("10 %");

        page.click("text=Submit for approval");
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "SUBMITTED");
        assertThat(page.locator("[data-testid=launch]")).hasCount(0);
        String address = page.url();

        page.click("text=Sign out");
        signIn("manager", "demo");
        page.navigate(address);
        page.click("[data-testid=decision] >> text=Approve");
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "APPROVED");

        page.click("text=Sign out");
        signIn("marketer", "demo");
        page.navigate(address);
        page.click("[data-testid=launch]");
        assertThat(page.locator("[data-testid=campaign-status]")).hasAttribute("data-status", "RUNNING");
        assertThat(page.locator("[data-testid=flash]")).containsText("Launched");
        assertThat(page.locator("[data-testid=count-audience]")).hasText(String.format("%,d", expected));
        long treated = number(page.locator("[data-testid=count-treated]").textContent());
        long control = number(page.locator("[data-testid=count-control]").textContent());
        long excluded = 0;
        for (String reason :
                new String[] {"EXCLUDED_SEGMENT", "NO_ADDRESS", "NO_CONSENT", "SUPPRESSED", "CONTACT_PRESSURE"}) {
            excluded += number(page.locator("[data-testid=counts] td[data-reason=" + reason + "]")
                    .textContent());
        }
        assertThat(treated + control + excluded).isEqualTo(expected);
        assertThat(page.locator("[data-testid=counts] thead")).containsText("No consent");
        assertThat(page.locator("[data-testid=transitions] li[data-to=RUNNING]"))
                .containsText("marketer");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/campaign-launched.png"))
                .setFullPage(true));

        // the drill-down lists the customers left out for a reason
        var consent = page.locator("[data-testid=counts] td[data-reason=NO_CONSENT] a");
        if (consent.count() > 0) {
            long noConsent = number(consent.textContent());
            consent.click();
            assertThat(page.locator("h1")).containsText("No consent");
            assertThat(page.locator("[data-testid=excluded] tbody tr")).hasCount((int) Math.min(50, noConsent));
        }
    }

    private static long number(String text) {
        return Long.parseLong(text.strip().replace(",", ""));
    }
}
