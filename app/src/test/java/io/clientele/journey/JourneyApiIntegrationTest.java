package io.clientele.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The journey API: drafts with their graph, validation naming node and field, submission through the campaign's. */
class JourneyApiIntegrationTest extends ApplicationTestSupport {
    static final String PLAN = """
            {"name": "Coffee beans trial %s", "purpose": "CROSS_SELL", "owner": "marketer",
             "budget": [{"costType": "MESSAGING", "amount": "500"}]}""";

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    Materials materials;

    private String marketer;
    private String manager;
    private long email;
    private long letter;

    @BeforeEach
    void setUp() {
        marketer = tokens.issue("journey-marketer-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        manager = tokens.issue("journey-manager-" + UUID.randomUUID(), Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        email = fixtures.emailMaterial();
        letter = fixtures.textMaterial("LETTER", "Dear {{first_name|customer}}, still thinking about coffee?");
    }

    private String graph() {
        return GraphRulesTest.TRIAL
                // the letter first, and up to the brace: the email's id may begin with a 2
                .replace("\"materialId\": 2}", "\"materialId\": " + letter + "}")
                .replace("\"materialId\": 1}", "\"materialId\": " + email + "}");
    }

    private String body(String graph) {
        return "{\"plan\": " + PLAN.formatted(UUID.randomUUID()) + ", \"graph\": " + graph + "}";
    }

    private long journeys() {
        return jdbc.sql("select count(*) from campaign where kind = 'JOURNEY'")
                .query(Long.class)
                .single();
    }

    @Test
    void aMalformedGraphIsRefusedWithTheFieldNamedAndNothingStored() throws Exception {
        long before = journeys();
        var bad = api(marketer, "POST", "/api/v1/journeys", body(graph().replace("\"P7D\"", "\"a week\"")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("nodes[clicked].config.within");
        var noPlan = api(
                marketer,
                "POST",
                "/api/v1/journeys",
                "{\"plan\": {\"purpose\": \"CROSS_SELL\"}, \"graph\": " + graph() + "}");
        assertThat(noPlan.statusCode()).isEqualTo(400);
        assertThat(noPlan.body()).contains("name");
        assertThat(journeys()).isEqualTo(before);
    }

    @Test
    void aDraftIsValidatedSubmittedAsTheCampaignsPlanAndApprovedByAManager() throws Exception {
        var created = api(marketer, "POST", "/api/v1/journeys", body(graph().replace(", \"within\": \"P7D\"", "")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode journey = json.readTree(created.body());
        long id = journey.get("campaign").get("id").asLong();
        assertThat(journey.get("campaign").get("kind").asString()).isEqualTo("JOURNEY");
        assertThat(journey.get("graph").get("nodes").size()).isEqualTo(6);

        JsonNode validation = json.readTree(api(marketer, "POST", "/api/v1/journeys/" + id + "/validate", null)
                .body());
        assertThat(validation.get("valid").asBoolean()).isFalse();
        assertThat(validation.get("errors").get(0).get("field").asString()).isEqualTo("nodes[clicked].config.within");
        assertThat(validation.get("errors").get(0).get("message").asString()).contains("time limit");

        var refused = api(marketer, "POST", "/api/v1/campaigns/" + id + "/submit", null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("nodes[clicked].config.within");
        assertThat(status(id)).isEqualTo("DRAFT");
        assertThat(steps(id)).isZero();

        var saved = api(marketer, "PUT", "/api/v1/journeys/" + id + "/graph", graph());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json.readTree(api(marketer, "POST", "/api/v1/journeys/" + id + "/validate", null)
                                .body())
                        .get("valid")
                        .asBoolean())
                .isTrue();
        var submitted = api(marketer, "POST", "/api/v1/campaigns/" + id + "/submit", null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(steps(id)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from journey_node where campaign_id = :id and step_id is not null")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        // a submitted version does not change
        assertThat(api(marketer, "PUT", "/api/v1/journeys/" + id + "/graph", graph())
                        .statusCode())
                .isEqualTo(409);
        assertThat(api(marketer, "POST", "/api/v1/campaigns/" + id + "/approve", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(manager, "POST", "/api/v1/campaigns/" + id + "/approve", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(json.readTree(api(manager, "GET", "/api/v1/journeys/" + id, null)
                                .body())
                        .get("submittedAt")
                        .isNull())
                .isFalse();
    }

    private String status(long id) {
        return jdbc.sql("select status from campaign where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private long steps(long id) {
        return jdbc.sql("select count(*) from campaign_step where campaign_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }
}
