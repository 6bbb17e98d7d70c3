package io.clientele.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The plan's workflow through the pages' sessions: who may do what, and every transition kept. */
class CampaignWorkflowIntegrationTest extends ApplicationTestSupport {
    private static final String PLAN = "name=Spring+win-back&purpose=WIN_BACK&owner=marketer&startsOn=2027-03-01"
            + "&endsOn=2027-03-31&targetResponseRate=5&targetRevenue=50000"
            + "&budget[0].costType=MESSAGING&budget[0].description=emails&budget[0].amount=1500"
            + "&budget[1].costType=INCENTIVES&budget[1].amount=4000";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aPlanIsSubmittedApprovedByAnotherManagerAndScheduledWithEveryStepKept() throws Exception {
        Session marketer = signedIn("marketer");
        Session manager = signedIn("manager");
        long id = create(marketer);

        assertThat(status(marketer, id)).isEqualTo("DRAFT");
        marketer.postForm("/campaigns/" + id, "/campaigns/" + id + "/submit", "");
        assertThat(status(marketer, id)).isEqualTo("SUBMITTED");
        // the marketer cannot approve, and nobody changes a submitted plan
        assertThat(marketer.postForm("/campaigns/" + id, "/campaigns/" + id + "/approve", "")
                        .statusCode())
                .isEqualTo(403);
        marketer.postForm("/campaigns/" + id + "/edit", "/campaigns/" + id, PLAN.replace("Spring", "Summer"));
        assertThat(campaign(marketer, id).get("plan").get("name").asString()).isEqualTo("Spring win-back");

        manager.postForm("/campaigns/" + id, "/campaigns/" + id + "/approve", "comment=Go+ahead");
        assertThat(status(manager, id)).isEqualTo("APPROVED");
        marketer.postForm("/campaigns/" + id, "/campaigns/" + id + "/schedule", "");

        JsonNode campaign = campaign(manager, id);
        assertThat(campaign.get("status").asString()).isEqualTo("SCHEDULED");
        List<String> steps = campaign.get("transitions")
                .valueStream()
                .map(t -> t.get("to").asString() + " by " + t.get("actor").asString())
                .toList();
        assertThat(steps)
                .containsExactly(
                        "DRAFT by marketer", "SUBMITTED by marketer", "APPROVED by manager", "SCHEDULED by marketer");
        assertThat(campaign.get("transitions").get(2).get("comment").asString()).isEqualTo("Go ahead");
        assertThat(jdbc.sql("select count(*) from audit_event where entity = 'campaign' and entity_id = :id")
                        .param("id", String.valueOf(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(4);
    }

    @Test
    void aRejectionNeedsAReasonAndSendsThePlanBackToBeChanged() throws Exception {
        Session marketer = signedIn("marketer");
        Session manager = signedIn("manager");
        long id = create(marketer);
        marketer.postForm("/campaigns/" + id, "/campaigns/" + id + "/submit", "");

        manager.postForm("/campaigns/" + id, "/campaigns/" + id + "/reject", "comment=");
        assertThat(status(manager, id)).isEqualTo("SUBMITTED");
        manager.postForm("/campaigns/" + id, "/campaigns/" + id + "/reject", "comment=Budget+too+high");
        assertThat(status(manager, id)).isEqualTo("REJECTED");

        marketer.postForm("/campaigns/" + id + "/edit", "/campaigns/" + id, PLAN.replace("4000", "2000"));
        JsonNode changed = campaign(marketer, id);
        assertThat(changed.get("plan").get("budget").get(1).get("amount").decimalValue())
                .isEqualByComparingTo("2000");
        marketer.postForm("/campaigns/" + id, "/campaigns/" + id + "/submit", "");
        assertThat(status(marketer, id)).isEqualTo("SUBMITTED");
    }

    @Test
    void whoeverSubmittedAPlanCannotApproveIt() throws Exception {
        Session manager = signedIn("manager");
        long id = create(manager);
        manager.postForm("/campaigns/" + id, "/campaigns/" + id + "/submit", "");

        HttpResponse<String> own = manager.postForm("/campaigns/" + id, "/campaigns/" + id + "/approve", "");

        assertThat(own.statusCode()).isEqualTo(302);
        assertThat(status(manager, id)).isEqualTo("SUBMITTED");
        assertThat(manager.get("/campaigns/" + id).body()).contains("another marketing manager approves it");
    }

    @Test
    void badFieldsAreNamedAndNothingIsStored() throws Exception {
        Session marketer = signedIn("marketer");
        long before =
                jdbc.sql("select count(*) from campaign").query(Long.class).single();

        HttpResponse<String> response = marketer.postForm(
                "/campaigns/new", "/campaigns", "name=&purpose=SPAM&targetResponseRate=150&budget[0].costType=MEDIA");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data-testid=\"form-errors\"", "is-invalid");
        assertThat(jdbc.sql("select count(*) from campaign").query(Long.class).single())
                .isEqualTo(before);
        Session sales = signedIn("sales");
        assertThat(sales.get("/campaigns").statusCode()).isEqualTo(403);
    }

    private Session signedIn(String user) throws Exception {
        Session session = session();
        session.signIn(user, "demo");
        return session;
    }

    private long create(Session session) throws Exception {
        HttpResponse<String> created = session.postForm("/campaigns/new", "/campaigns", PLAN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private JsonNode campaign(Session session, long id) throws Exception {
        return json.readTree(session.get("/api/v1/campaigns/" + id).body());
    }

    private String status(Session session, long id) throws Exception {
        return campaign(session, id).get("status").asString();
    }
}
