package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.clientele.sales.Leads;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The salesperson opens their lead, converts it to an opportunity and drags its card to Won on the board. */
class PipelineBrowserTest extends BrowserTestSupport {
    @Autowired
    Leads leads;

    @Test
    void theSalespersonConvertsALeadAndDragsItsOpportunityToWon() {
        String name = "Pipeline " + UUID.randomUUID().toString().substring(0, 8);
        long customer = jdbc.sql("insert into customer (first_name, last_name) values ('Paula', :last) returning id")
                .param("last", name)
                .query(Long.class)
                .single();
        long lead = leads.create(
                        new Leads.LeadInput(customer, null, null, null, "MANUAL", null, null, null, "sales", null),
                        "test",
                        null)
                .lead()
                .id();

        signIn("sales", "demo");
        page.navigate(url("/leads"));
        page.click("[data-lead='" + lead + "'] a");
        assertThat(page.locator("[data-testid=lead-person]")).hasText("Paula " + name);
        page.fill("#title", "Espresso machine " + name);
        page.fill("#amount", "1299.50");
        page.selectOption("#stage", "Proposal");
        page.click("[data-testid=convert]");
        assertThat(page.locator("[data-testid=opportunity-stage]")).hasText("Proposal");
        long opportunity = jdbc.sql("select id from opportunity where lead_id = :lead")
                .param("lead", lead)
                .query(Long.class)
                .single();

        page.navigate(url("/pipeline"));
        String card = "[data-testid=pipeline-card][data-opportunity='" + opportunity + "']";
        assertThat(page.locator("[data-stage=Proposal] " + card)).hasCount(1);
        page.dragAndDrop(card, "[data-stage=Won] [data-drop-zone]");
        // the board reloads with what was stored
        assertThat(page.locator("[data-stage=Won] " + card)).hasCount(1);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/pipeline.png"))
                .setFullPage(true));
        assertThat(jdbc.sql("""
                        select s.name || ' ' || (o.closed_at is not null) from opportunity o
                        join pipeline_stage s on s.id = o.stage_id where o.id = :id""").param("id", opportunity).query(String.class).single())
                .isEqualTo("Won true");
        // a won card no longer drags
        assertThat(page.locator(card)).hasAttribute("draggable", "false");
        page.navigate(url("/leads/" + lead));
        assertThat(page.locator("[data-testid=lead-status]")).hasText("Qualified");
    }
}
