package io.clientele.merchandising;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.clientele.segment.SavedSegments;
import io.clientele.web.BrowserTestSupport;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 17's must-show, the analyst's half, in Chromium: an analyst (who may save segments but not write campaigns)
 * turns the demo's planted rule CBL-004 → CBL-008 into its cross-sell segment and a draft cross-sell campaign on it
 * with an email step,
 * which they can read but not edit; and reads the price what-if of the demo's planted elastic cable.
 */
class CrossSellBrowserTest extends BrowserTestSupport {
    private static final LocalDate AS_OF =
            LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(1);
    private static final String WINDOW = "from=" + AS_OF.minusYears(2).plusDays(1) + "&to=" + AS_OF;

    @Autowired
    SavedSegments segments;

    @Test
    void anAnalystTurnsARuleIntoASegmentAndADraftCampaign() {
        signIn("analyst", "demo");
        page.navigate(url(
                "/merchandising/baskets?level=PRODUCT&" + WINDOW + "&minSupport=0.005&minConfidence=0.3&maxLength=2"));
        Locator rule = page.locator("[data-testid=rules] tbody tr")
                .filter(new Locator.FilterOptions().setHas(page.locator("td:first-child span[title=CBL-004]")))
                .first();
        assertThat(rule).containsText("Aurelia A210 HDMI cable 2 m");
        rule.locator("[data-testid=cross-sell-campaign]").click();

        assertThat(page).hasURL(Pattern.compile(".*/campaigns/\\d+$"));
        assertThat(page.locator("[data-testid=flash]")).containsText("Draft campaign");
        long campaign = Long.parseLong(page.url().replaceAll(".*/campaigns/", ""));
        assertThat(jdbc.sql("select status || ' ' || purpose || ' ' || owner_username from campaign where id = :id")
                        .param("id", campaign)
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT CROSS_SELL analyst");
        long segment = jdbc.sql("select segment_id from campaign_audience where campaign_id = :id and not exclude")
                .param("id", campaign)
                .query(Long.class)
                .single();
        var saved = segments.get(segment);
        assertThat(saved.name()).startsWith("Bought CBL-004").endsWith("but not CBL-008");
        assertThat(segments.count(saved)).as("customers to offer CBL-008 to").isPositive();
        // its campaign step: an email offering each customer's next best product, the rule's other side otherwise
        assertThat(page.locator("[data-testid=steps]")).containsText("Cross-sell email");
        assertThat(jdbc.sql("""
                        select t.channel || ' ' || v.subject from campaign_step t
                        join material_version v on v.material_id = t.material_id and v.version = t.material_version
                        where t.campaign_id = :id""").param("id", campaign).query(String.class).single())
                .startsWith("EMAIL ")
                .contains("{{next_best_product|");
        // the draft is theirs to read; editing it and approving it stay with campaign writers and managers
        assertThat(page.locator("body")).containsText(saved.name());
        var edit = page.navigate(url("/campaigns/" + campaign + "/edit"));
        assertThat(edit.status()).isEqualTo(403);
    }

    @Test
    void anAnalystReadsThePlantedElasticityAndAPricesWhatIf() {
        signIn("analyst", "demo");
        page.navigate(url("/merchandising/prices?product=CBL-006&" + WINDOW));
        assertThat(page.locator("[data-testid=elasticity]")).isVisible();
        assertThat(page.locator("#price-curve canvas")).isVisible();
        String best = page.locator("[data-testid=best-price]").innerText();
        page.fill("#price", best);
        page.locator("[data-testid=estimate]").click();
        assertThat(page.locator("[data-testid=what-if]")).containsText(best);
        // a category, in Chinese
        page.navigate(url("/merchandising/prices?level=CATEGORY&category=Headphones&" + WINDOW + "&lang=zh_CN"));
        assertThat(page.locator("h1")).hasText("价格与利润");
        assertThat(page.locator("[data-testid=price-subject]")).containsText("Headphones");
    }
}
