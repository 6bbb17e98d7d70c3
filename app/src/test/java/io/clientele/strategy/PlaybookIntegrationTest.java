package io.clientele.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.insight.DrillQuery;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoredCustomers;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The nine playbooks as seed 001 says them, changed by a manager (a wrong field refused by name, nothing stored), and
 * a class's progress: a campaign started on the class is listed on it, and its customers are counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybookIntegrationTest extends ApplicationTestSupport {
    private static final String CLASS = "MEDIUM_VOLUME_LOW_SATISFACTION";
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    FigureActions actions;

    private ScoreRun run;
    private String manager;

    @BeforeAll
    void setUp() {
        run = scoreNow();
        manager = tokens.issue("playbooks-" + UUID.randomUUID(), Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
    }

    @Test
    void theSeededPlaybooksFollowTheMatrixStrategies() throws Exception {
        JsonNode all = json.readTree(
                api(manager, "GET", "/api/v1/insight/playbooks", null).body());

        assertThat(all.size()).isEqualTo(9);
        JsonNode high = find(all, "HIGH_VOLUME_LOW_SATISFACTION");
        assertThat(high.get("salesChannel").asString()).isEqualTo("ONE_TO_ONE");
        assertThat(high.get("marketingAim").asString()).isEqualTo("CORRECT");
        JsonNode low = find(all, "LOW_VOLUME_HIGH_SATISFACTION");
        assertThat(low.get("salesChannel").asString()).isEqualTo("THROUGH_RETAILERS");
        assertThat(low.get("marketingAim").asString()).isEqualTo("PARTNER");
    }

    @Test
    void aManagerChangesAPlaybookAndAWrongFieldIsRefusedByName() throws Exception {
        String path = "/api/v1/insight/playbooks/" + CLASS;
        String good = """
                {"salesChannel": "ONE_TO_MANY", "marketingAim": "CORRECT", "campaignPurpose": "WIN_BACK",
                 "contactEveryDays": 21, "notes": "Call them after every complaint."}""";

        HttpResponse<String> changed = api(manager, "PUT", path, good);

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json.readTree(changed.body()).get("contactEveryDays").asInt())
                .isEqualTo(21);
        HttpResponse<String> refused = api(manager, "PUT", path, """
                {"salesChannel": "DOOR_TO_DOOR", "marketingAim": "CORRECT", "campaignPurpose": "WIN_BACK",
                 "templateCampaign": 987654321, "contactEveryDays": 0}""");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors").findValuesAsString("field"))
                .contains("salesChannel", "templateCampaign", "contactEveryDays");
        assertThat(jdbc.sql("select contact_every_days from class_playbook where matrix_class = :c")
                        .param("c", CLASS)
                        .query(Integer.class)
                        .single())
                .isEqualTo(21);
        assertThat(api(manager, "PUT", "/api/v1/insight/playbooks/NO_SUCH_CLASS", good)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aCampaignOnTheClassShowsAsDoneOnIt() throws Exception {
        var campaign = actions.campaign(
                DrillQuery.of(run.id(), ScoredCustomers.Filter.matrix(CLASS)),
                "Playbook progress " + UUID.randomUUID(),
                "RETENTION",
                "manager");
        long customers = jdbc.sql("select count(*) from customer_score where run_id = :run and matrix_class = :c")
                .param("run", run.id())
                .param("c", CLASS)
                .query(Long.class)
                .single();

        JsonNode progress = find(
                json.readTree(api(manager, "GET", "/api/v1/insight/playbooks/progress", null)
                        .body()),
                CLASS);

        assertThat(progress.get("customers").asLong()).isEqualTo(customers);
        assertThat(progress.get("campaigns").findValuesAsString("name"))
                .contains(campaign.plan().name());
        var page = session();
        page.signIn("analyst", "demo");
        assertThat(page.get("/insight/playbooks/progress").body())
                .contains(campaign.plan().name());
    }

    @Test
    void thePageShowsThePlaybooksAndAManagerSavesOne() throws Exception {
        var manager = session();
        manager.signIn("manager", "demo");
        String page = manager.get("/insight/playbooks").body();
        assertThat(page).contains("data-playbook=\"HIGH_VOLUME_LOW_SATISFACTION\"", "Sell one to one");

        var saved = manager.postForm(
                "/insight/playbooks",
                "/insight/playbooks/LOW_VOLUME_LOW_SATISFACTION",
                "salesChannel=THROUGH_RETAILERS&marketingAim=CORRECT&campaignPurpose=RETENTION&contactEveryDays=120");
        assertThat(saved.statusCode()).isEqualTo(302);
        var refused = manager.postForm(
                "/insight/playbooks",
                "/insight/playbooks/LOW_VOLUME_LOW_SATISFACTION",
                "salesChannel=THROUGH_RETAILERS&marketingAim=CORRECT&campaignPurpose=RETENTION&contactEveryDays=x");
        assertThat(refused.body()).contains("data-testid=\"form-errors\"");
        assertThat(jdbc.sql(
                                "select contact_every_days from class_playbook where matrix_class = 'LOW_VOLUME_LOW_SATISFACTION'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(120);
        var analyst = session();
        analyst.signIn("analyst", "demo");
        assertThat(analyst.postForm(
                                "/insight/playbooks",
                                "/insight/playbooks/LOW_VOLUME_LOW_SATISFACTION",
                                "salesChannel=THROUGH_RETAILERS&marketingAim=CORRECT&campaignPurpose=RETENTION"
                                        + "&contactEveryDays=7")
                        .statusCode())
                .isEqualTo(403);
    }

    private static JsonNode find(JsonNode list, String matrixClass) {
        for (JsonNode item : list) {
            JsonNode playbook = item.has("playbook") ? item.get("playbook") : item;
            if (playbook.get("matrixClass").asString().equals(matrixClass)) {
                return item;
            }
        }
        throw new AssertionError("no " + matrixClass + " in " + list);
    }
}
