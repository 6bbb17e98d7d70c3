package io.clientele.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

class SegmentBrowserTest extends BrowserTestSupport {
    @Autowired
    ScoreRuns runs;

    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    private String liveCount() {
        Locator count = page.locator("[data-testid=live-count]");
        assertThat(count).hasAttribute("data-state", "ready");
        return count.getAttribute("data-count");
    }

    @Test
    void aMarketerBuildsANestedSegmentSeesItsCountSavesExportsAndComparesIt() throws Exception {
        if (runs.latestCompleted().isEmpty()) {
            runner.runOrAwait(scoring.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test"), (p, d, t) -> {});
        }
        String city = jdbc.sql("select city from customer where city is not null group by city order by count(*) desc"
                        + " limit 1")
                .query(String.class)
                .single();
        String name = "Biggest city, TV or A " + System.nanoTime();

        signIn("marketer", "demo");
        page.click("nav >> text=Segments");
        page.click("[data-testid=new-segment]");
        String everyone = liveCount();

        // city is one of <city>
        page.click("[data-testid=builder] [data-testid=add-condition]");
        Locator cityRow = page.locator("[data-testid=condition]").first();
        cityRow.locator("[data-testid=field]").selectOption("city");
        cityRow.locator("[data-testid=op]").selectOption("in");
        Locator value = cityRow.locator("input[data-testid=value]");
        value.fill(city.substring(0, 3));
        value.fill(city);
        value.press("Enter");
        assertThat(cityRow.locator("[data-testid=chip]")).hasText(city);
        assertThat(page.locator("[data-testid=live-count]")).not().hasAttribute("data-count", everyone);
        String inCity = liveCount();

        // AND (grade A OR bought category TV in the last 365 days)
        page.locator("[data-testid=builder] [data-testid=add-group]").first().click();
        Locator group = page.locator("[data-testid=group] [data-testid=group]");
        assertThat(group.locator("[data-testid=group-op]")).hasValue("any");
        Locator grade = group.locator("[data-testid=condition]").first();
        grade.locator("[data-testid=field]").selectOption("grade");
        grade.locator("[data-testid=op]").selectOption("eq");
        grade.locator("[data-testid=value]").selectOption("A");
        group.locator("[data-testid=add-condition]").click();
        Locator tv = group.locator("[data-testid=condition]").nth(1);
        tv.locator("[data-testid=field]").selectOption("bought_category");
        tv.locator("[data-testid=op]").selectOption("has_any");
        tv.locator("input[data-testid=value]").fill("TV");
        tv.locator("[data-testid=add-value]").click();
        tv.locator("[data-testid=window]").selectOption("last");
        tv.locator("[data-testid=window-days]").fill("365");
        assertThat(page.locator("[data-testid=live-count]")).not().hasAttribute("data-count", inCity);
        String nested = liveCount();

        String condition = page.inputValue("#save-form input[name=condition]");
        assertThat(condition).contains("\"any\":[{\"field\":\"grade\"").contains("\"window\":{\"lastDays\":365}");
        String token = tokens.issue("browser-" + System.nanoTime(), Role.ANALYST.scopes(), "test")
                .secret();
        var api = api(token, "POST", "/api/v1/segments/count", "{\"condition\":" + condition + "}");
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(api.body())
                        .get("count")
                        .asLong())
                .isEqualTo(Long.parseLong(nested));

        // an unfinished condition shows where it is wrong, not a count
        tv.locator("[data-testid=chip] button").click();
        assertThat(page.locator("[data-testid=count-error]"))
                .containsText("values: 'has_any' takes at least one value");
        assertThat(page.locator(".seg-invalid")).hasCount(1);
        tv.locator("input[data-testid=value]").fill("TV");
        tv.locator("input[data-testid=value]").press("Enter");
        assertThat(page.locator("[data-testid=live-count]")).hasAttribute("data-count", nested);
        assertThat(page.locator("[data-testid=count-error]")).isHidden();

        Files.createDirectories(Path.of("target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/segment-builder.png"))
                .setFullPage(true));

        page.fill("#name", name);
        page.fill("#description", "Regulars of the biggest city who are worth most or bought a TV");
        page.check("#kind-dynamic");
        page.click("[data-testid=save]");
        assertThat(page).hasURL(Pattern.compile(".*/segments/\\d+$"));
        assertThat(page.locator("[data-testid=flash]")).containsText("saved");
        assertThat(page.locator("[data-testid=versions] tr")).hasCount(1);
        assertThat(page.locator("[data-testid=live-count]")).hasAttribute("data-count", nested);
        Locator members = page.locator("[data-testid=member-table] tbody tr");
        assertThat(members.first().locator("td a")).isVisible();
        page.locator("[data-testid=member-table] [data-sort=clv]").click();
        assertThat(page.locator("[data-testid=member-table] th").nth(3)).containsText("▼");

        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/segment-saved.png"))
                .setFullPage(true));

        Download download = page.waitForDownload(() -> page.click("[data-testid=export-saved]"));
        assertThat(download.suggestedFilename()).endsWith(".csv");
        String csv = Files.readString(download.path());
        assertThat(csv).startsWith("id,customer_number,name");
        assertThat(csv.lines().count()).isEqualTo(Long.parseLong(nested) + 1);

        long id = Long.parseLong(page.url().replaceAll(".*/segments/", ""));
        SavedSegment other = segments.create(new SavedSegments.Draft(
                        "Everyone in " + city + " " + System.nanoTime(),
                        null,
                        SavedSegment.Kind.SNAPSHOT,
                        ConditionJson.parse(
                                "{\"field\":\"city\",\"op\":\"eq\",\"values\":[\"" + city.replace("\"", "\\\"")
                                        + "\"]}",
                                fields)))
                .segment();
        page.click("nav >> text=Segments");
        page.click("[data-testid=overlap-link]");
        page.check("#seg-" + id);
        page.check("#seg-" + other.id());
        page.click("[data-testid=overlap-show]");
        Locator matrix = page.locator("[data-testid=overlap-matrix]");
        // everyone in the nested segment lives in the city, so both off-diagonal cells are the nested count
        assertThat(matrix.locator("td[data-row='0'][data-col='1']")).hasAttribute("data-count", nested);
        assertThat(matrix.locator("td[data-row='1'][data-col='0']")).hasAttribute("data-count", nested);
        assertThat(page.locator("#overlap-chart")).hasAttribute("data-ready", "true");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Path.of("target/screenshots/segment-overlap.png"))
                .setFullPage(true));
    }
}
