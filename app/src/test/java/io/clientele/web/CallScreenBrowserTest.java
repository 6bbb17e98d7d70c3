package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A service agent works their call list: opens a call, reads the personalised script, records the outcome. */
class CallScreenBrowserTest extends BrowserTestSupport {
    @Autowired
    Materials materials;

    @Test
    void anAgentOpensTheirCallReadsTheScriptAndRecordsTheOutcome() {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long script = fixtures.textMaterial("CALL_SCRIPT", "Hello {{first_name|there}}, about {{offer.description}}.");
        long campaign = fixtures.runningCampaign("Browser calls " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.CALL, script, "our spring event");
        long customer = fixtures.reachableCustomers(1).getFirst();
        fixtures.treated(step, List.of(customer));
        jdbc.sql("update campaign_member set agent = 'agent' where step_id = :step")
                .param("step", step)
                .update();
        String firstName = jdbc.sql("select coalesce(first_name, 'there') from customer where id = :id")
                .param("id", customer)
                .query(String.class)
                .single();

        signIn("agent", "demo");
        page.navigate(url("/calls"));
        page.click("a[href='/calls/" + step + "/" + customer + "']");
        assertThat(page.locator("[data-testid=script]"))
                .containsText("Hello " + firstName + ", about our spring event.");
        page.check("#outcome-INTERESTED");
        page.fill("#note", "Will come on Saturday");
        page.click("[data-testid=outcome-form] button[type=submit]");
        // back on the queue, the call is done and gone from it; its page keeps the attempt
        assertThat(page.locator("a[href='/calls/" + step + "/" + customer + "']"))
                .hasCount(0);
        page.navigate(url("/calls/" + step + "/" + customer));
        assertThat(page.locator("[data-testid=attempts]")).containsText("Will come on Saturday");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/call-screen.png"))
                .setFullPage(true));

        assertThat(jdbc.sql("""
                        select m.send_status || ' ' || r.detail from campaign_member m
                        join campaign_response r on r.step_id = m.step_id and r.customer_id = m.customer_id
                        where m.step_id = :step and m.customer_id = :customer and r.kind = 'CALL_OUTCOME'""")
                        .param("step", step)
                        .param("customer", customer)
                        .query(String.class)
                        .list())
                .containsExactly("SENT INTERESTED");
    }
}
