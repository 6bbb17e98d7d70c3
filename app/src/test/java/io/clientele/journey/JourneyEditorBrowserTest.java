package io.clientele.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegments;
import io.clientele.web.BrowserTestSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The journey editor in Chromium: a marketer draws entry → email → decision (yes to a goal, no to an exit), sees a
 * decision without a time limit marked at its node and field, fixes it, saves, validates and submits; a manager
 * approves and launches; after a tick the running journey shows counts on its nodes and edges, and a member's
 * customer page lists the path. No Content-Security-Policy violation on the way.
 */
// early: after some other classes in the same JVM (the journey and demo-journey tests among them) the browser's
// navigation from the editor to a customer page stalls with no request reaching the server; not yet understood
@org.junit.jupiter.api.Order(3)
class JourneyEditorBrowserTest extends BrowserTestSupport {
    @Autowired
    Materials materials;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    JourneyEngine engine;

    @Test
    void aMarketerDrawsAJourneyAManagerApprovesItAndTheRunningJourneyShowsCounts() {
        List<String> console = new ArrayList<>();
        page.onConsoleMessage(m -> console.add(m.text()));
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        List<Long> members = jdbc.sql(
                        "select id from customer where email is not null order by id desc limit 5 offset 300")
                .query(Long.class)
                .list();
        members.forEach(id -> fixtures.consent(id, "EMAIL", true));
        long segment = fixtures.snapshot(segments, fields, members).id();
        long material = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Journey invitation " + UUID.randomUUID(),
                                "Try our beans",
                                "<p>Dear {{first_name|customer}}, <a href=\"https://shop.example.com/t\">accept</a></p>",
                                null,
                                null,
                                null),
                        "marketer")
                .id();
        String name = "Drawn journey " + UUID.randomUUID();

        signIn("marketer", "demo");
        page.click("nav >> text=Journeys");
        page.click("[data-testid=new-journey]");
        page.click("[data-testid=journey-form] button[type=submit]");
        assertThat(page.locator("#name.is-invalid")).hasCount(1);
        page.fill("#name", name);
        page.click("[data-testid=journey-form] button[type=submit]");
        assertThat(page.locator("[data-testid=journey-status]")).hasAttribute("data-status", "DRAFT");
        String editor = page.url();
        long journey = Long.parseLong(editor.substring(editor.lastIndexOf('/') + 1));

        page.click("[data-testid=add-ENTRY]");
        page.selectOption("#f-segmentId", String.valueOf(segment));
        page.click("[data-testid=add-SEND]");
        page.selectOption("#f-materialId", String.valueOf(material));
        page.click("[data-testid=add-DECISION]");
        page.click("[data-testid=add-GOAL]");
        page.click("[data-testid=add-EXIT]");
        connect("entry1", "send1", null);
        connect("send1", "decision1", null);
        connect("decision1", "goal1", "yes");
        connect("decision1", "exit1", "no");
        assertThat(page.locator("[data-testid=edge-decision1-exit1]")).hasAttribute("data-branch", "no");

        // the decision has no time limit yet: validation marks the node and, in its panel, the field
        page.click("[data-testid=validate]");
        assertThat(page.locator("[data-testid=node-problem-decision1]")).isVisible();
        assertThat(page.locator("[data-testid=problems] li[data-field='nodes[decision1].config.within']"))
                .hasCount(1);
        page.click("[data-testid=node-decision1]");
        assertThat(page.locator("[data-testid=field-error-within]")).containsText("time limit");
        page.fill("#f-within", "7");
        page.selectOption("#f-within-unit", "D");
        page.click("[data-testid=validate]");
        assertThat(page.locator("[data-testid=journey-ok]")).containsText("No problems");
        assertThat(page.locator("[data-testid=node-problem-decision1]")).hasCount(0);

        // dragging moves the node, and the position is saved with the graph
        page.locator("[data-testid=node-entry1]").scrollIntoViewIfNeeded();
        BoundingBox entry = page.locator("[data-testid=node-entry1]").boundingBox();
        page.mouse().move(entry.x + 20, entry.y + 20);
        page.mouse().down();
        page.mouse().move(entry.x + 20, entry.y + 260, new Mouse.MoveOptions().setSteps(5));
        page.mouse().up();
        page.click("[data-testid=save]");
        assertThat(page.locator("[data-testid=journey-ok]")).containsText("Saved");
        String graph = jdbc.sql("select graph::text from journey_version where campaign_id = :id")
                .param("id", journey)
                .query(String.class)
                .single();
        assertThat(JourneyGraph.parse(graph).nodes().stream()
                        .filter(n -> n.id().equals("entry1"))
                        .findFirst()
                        .orElseThrow()
                        .y())
                .isEqualTo(270.0);
        assertThat(JourneyGraph.parse(graph).edges()).hasSize(4);

        page.click("[data-testid=submit]");
        assertThat(page.locator("[data-testid=journey-status]")).hasAttribute("data-status", "SUBMITTED");
        assertThat(page.locator("[data-testid=palette]")).isHidden();
        assertThat(page.locator("[data-testid=approve]")).hasCount(0);
        page.navigate(url("/journeys"));
        assertThat(page.locator("[data-testid=journeys] [data-journey='" + journey + "']"))
                .containsText("Submitted");

        page.click("text=Sign out");
        signIn("manager", "demo");
        page.navigate(editor);
        page.click("[data-testid=approve]");
        assertThat(page.locator("[data-testid=journey-status]")).hasAttribute("data-status", "APPROVED");
        page.click("[data-testid=launch]");
        assertThat(page.locator("[data-testid=journey-status]")).hasAttribute("data-status", "RUNNING");

        // the engine ticks (tests tick it themselves): everyone passes entry and send, and waits at the decision
        engine.advance(journey, TEST_NOW);
        String size = String.valueOf(members.size());
        assertThat(page.locator("[data-testid=count-entry1]")).hasAttribute("data-passed", size);
        assertThat(page.locator("[data-testid=count-send1]")).hasAttribute("data-passed", size);
        assertThat(page.locator("[data-testid=count-decision1]")).hasAttribute("data-waiting", size);
        assertThat(page.locator("[data-testid=count-goal1]")).hasAttribute("data-passed", "0");
        assertThat(page.locator("[data-testid=edge-count-send1-decision1]")).hasAttribute("data-passed", size);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/journey-running.png"))
                .setFullPage(true));
        page.click("[data-testid=pause]");
        assertThat(page.locator("[data-testid=journey-status]")).hasAttribute("data-status", "PAUSED");
        assertThat(page.locator("[data-testid=resume]")).isVisible();

        // the approved version stays as it is: editing drafts the next one, submitted on its own
        assertThat(page.locator("[data-testid=palette]")).isHidden();
        page.click("[data-testid=draft-version]");
        page.click("[data-testid=node-exit1]");
        page.fill("#f-label", "No reply");
        page.click("[data-testid=save]");
        assertThat(page.locator("[data-testid=journey-version]")).hasText("v2 · draft");
        assertThat(page.locator("[data-testid=submit-version]")).isVisible();
        assertThat(page.locator("[data-testid=node-exit1]")).containsText("No reply");

        // the customer page lists the journey, where the customer waits and the path taken
        page.navigate(url("/customers/" + members.getFirst()));
        Locator section = page.locator("[data-testid=customer-journeys] [data-journey='" + journey + "']");
        assertThat(section).containsText(name);
        assertThat(section.locator("[data-testid=journey-state]")).hasText("at decision1");
        assertThat(section.locator("[data-testid=journey-path] li")).hasCount(3);
        assertThat(section.locator("[data-testid=journey-path]")).containsText("send1");

        assertThat(console)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"));
    }

    @Test
    void aCustomerInNoJourneySaysSo() {
        long customer = jdbc.sql("select id from customer where id not in (select customer_id from journey_position)"
                        + " order by id limit 1")
                .query(Long.class)
                .single();
        signIn("marketer", "demo");
        page.navigate(url("/customers/" + customer));
        assertThat(page.locator("[data-testid=customer-journeys]")).containsText("In no journey.");
    }

    private void connect(String from, String to, String branch) {
        page.click("[data-testid=node-" + from + "]");
        page.selectOption("#connect-to", to);
        if (branch != null) {
            page.selectOption("#connect-branch", branch);
        }
        page.click("[data-testid=connect]");
        assertThat(page.locator("[data-testid=edge-" + from + "-" + to + "]")).hasCount(1);
    }
}
