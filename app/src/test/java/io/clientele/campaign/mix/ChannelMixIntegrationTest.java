package io.clientele.campaign.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Planted response rates and costs: a past campaign whose grade-A customers answered email 5 in 10 and SMS 2 in 10,
 * grade B email 1 in 10 and SMS 4 in 10, at 1.00 an email and 2.00 an SMS (grades C and D: no history, so no rate).
 * The plan equals the optimum worked out by hand; its sample test, answered far better on SMS than on email, makes a
 * rollout on SMS only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelMixIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ChannelMixPlans plans;

    @Autowired
    Scoring scoring;

    @Autowired
    ScoringRunner runner;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignSteps steps;

    @Autowired
    Launches launches;

    @Autowired
    CampaignResponses responses;

    @Autowired
    Materials materials;

    @Autowired
    ApiTokens tokens;

    private long past;
    private long gradeA;

    @BeforeAll
    void plant() {
        ScoreRun run = runner.runOrAwait(
                scoring.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test"), (phase, done, total) -> {});
        past = pastCampaign(run.id());
        gradeA = jdbc.sql("select count(*) from customer_score where run_id = :run and grade = 'A'")
                .param("run", run.id())
                .query(Long.class)
                .single();
    }

    /**
     * By hand: a response costs 2.00 by email in grade A, 10.00 by SMS in A, 10.00 by email in B, 5.00 by SMS in B.
     * So every grade-A customer by email (n_A / 2 responses), then grade B by SMS for the 8 left: 8 / 0.4 = 20. Moving
     * an A customer to SMS loses responses, and B by email costs twice as much a response as by SMS.
     */
    private MixRequest request() {
        return new MixRequest(String.valueOf(gradeA / 2 + 8), "100000", "5", List.of(String.valueOf(past)));
    }

    @Test
    void thePlannedMixIsTheOptimumWorkedOutByHand() throws Exception {
        Proposal proposal = plans.propose(request());

        long bySmsInB = (long) Math.ceil((gradeA / 2 + 8 - gradeA / 2.0) / 0.4 - 1e-9);
        assertThat(proposal.feasible()).isTrue();
        assertThat(proposal.channels())
                .extracting(Proposal.Channel::channel)
                .containsExactly(StepChannel.EMAIL, StepChannel.SMS);
        assertThat(planned(proposal, "A", StepChannel.EMAIL)).isEqualTo(gradeA);
        assertThat(planned(proposal, "A", StepChannel.SMS)).isZero();
        assertThat(planned(proposal, "B", StepChannel.EMAIL)).isZero();
        assertThat(planned(proposal, "B", StepChannel.SMS)).isEqualTo(bySmsInB);
        assertThat(proposal.cells().stream()
                        .filter(c -> c.grade().equals("C") || c.grade().equals("D"))
                        .mapToLong(Proposal.Cell::planned)
                        .sum())
                .isZero();
        assertThat(proposal.cost()).isEqualByComparingTo(BigDecimal.valueOf(gradeA + 2 * bySmsInB));
        assertThat(proposal.expectedResponses()).isGreaterThanOrEqualTo(gradeA / 2 + 8);
        assertThat(proposal.low()).isLessThan(proposal.expectedResponses());
        assertThat(proposal.high()).isGreaterThan(proposal.expectedResponses());

        // the API answers the same; a wrong field is a 400 naming it, and nothing is stored
        String token =
                tokens.issue("mix-marketer", Role.MARKETER.scopes(), "test").secret();
        MixRequest request = request();
        HttpResponse<String> api = api(
                token,
                "GET",
                "/api/v1/campaigns/mix/proposal?target=" + request.target() + "&budget=" + request.budget()
                        + "&campaigns=" + past,
                null);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        assertThat(json.readTree(api.body()).get("cost").decimalValue()).isEqualByComparingTo(proposal.cost());
        long stored = jdbc.sql("select count(*) from channel_mix_plan")
                .query(Long.class)
                .single();
        HttpResponse<String> bad =
                api(token, "POST", "/api/v1/campaigns/mix/plans", "{\"target\": \"many\", \"budget\": \"100\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("target");
        assertThat(jdbc.sql("select count(*) from channel_mix_plan")
                        .query(Long.class)
                        .single())
                .isEqualTo(stored);
    }

    @Test
    void aTargetOutOfReachMakesNoCampaign() {
        MixRequest tooMuch = new MixRequest("100000000", "10", null, List.of(String.valueOf(past)));

        assertThat(plans.propose(tooMuch).feasible()).isFalse();
        assertThatThrownBy(() -> plans.create(tooMuch, null, "marketer")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> plans.propose(new MixRequest("5", "-1", "50", null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field())
                                .containsExactly("budget", "samplePercent"));
    }

    @Test
    void afterTheSampleTestTheRolloutUsesTheBetterChannel() throws Exception {
        String key = UUID.randomUUID().toString();
        MixPlan plan = plans.create(request(), key, "marketer");
        assertThat(plans.create(request(), key, "marketer").id()).isEqualTo(plan.id());
        long sample = plan.sampleCampaignId();
        List<CampaignStep> sampleSteps = steps.of(sample);
        assertThat(sampleSteps).extracting(CampaignStep::channel).containsExactly(StepChannel.EMAIL, StepChannel.SMS);
        assertThatThrownBy(() -> plans.rollout(plan.id(), "marketer")).isInstanceOf(ConflictException.class);

        campaigns.submit(sample, "marketer");
        campaigns.approve(sample, "manager", null);
        launches.launch(sample, "marketer");
        // each step took its own slice: no customer in both, about 5 % of the graded customers each
        assertThat(jdbc.sql("""
                        select count(*) from campaign_member a join campaign_member b on a.customer_id = b.customer_id
                        where a.step_id = :email and b.step_id = :sms""")
                        .param("email", sampleSteps.get(0).id())
                        .param("sms", sampleSteps.get(1).id())
                        .query(Long.class)
                        .single())
                .isZero();
        List<Long> smsSent = sent(sampleSteps.get(1).id());
        List<Long> emailSent = sent(sampleSteps.get(0).id());
        assertThat(smsSent).hasSizeGreaterThan(10);
        assertThat(emailSent).hasSizeGreaterThan(10);
        // SMS answered by half its sample, email by nobody
        for (int i = 0; i < smsSent.size(); i += 2) {
            assertThat(responses.record(new CampaignResponses.Response(
                            sampleSteps.get(1).id(),
                            smsSent.get(i),
                            ResponseKind.CLICKED,
                            TEST_NOW.minus(Duration.ofHours(1)),
                            null,
                            null,
                            null)))
                    .isTrue();
        }

        MixPlan rolled = plans.rollout(plan.id(), "marketer");

        assertThat(rolled.rollout()).isNotNull();
        assertThat(rolled.rollout().channels())
                .filteredOn(c -> c.channel() == StepChannel.EMAIL)
                .extracting(Proposal.Channel::planned)
                .containsExactly(0L);
        List<CampaignStep> rollout = steps.of(rolled.rolloutCampaignId());
        assertThat(rollout).isNotEmpty().extracting(CampaignStep::channel).containsOnly(StepChannel.SMS);
        // outside the samples: every rollout slice starts after the two samples' buckets
        assertThat(rollout)
                .allSatisfy(step -> assertThat(
                                steps.sliceOf(step.id()).orElseThrow().fromBucket())
                        .isGreaterThanOrEqualTo(1000));
        assertThat(plans.rollout(plan.id(), "marketer").rolloutCampaignId()).isEqualTo(rolled.rolloutCampaignId());

        // the page shows the plan, the sample-test campaign and the rollout's campaign
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        String page = marketer.get("/campaigns/mix/" + plan.id()).body();
        assertThat(page)
                .contains("data-testid=\"mix-sample-campaign\"", "/campaigns/" + sample)
                .contains("data-testid=\"mix-rollout-campaign\"", "/campaigns/" + rolled.rolloutCampaignId());
    }

    @Test
    void thePageShowsThePlanAndOffersTheSampleTest() throws Exception {
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        MixRequest request = request();

        HttpResponse<String> page = marketer.get("/campaigns/mix?target=" + request.target() + "&budget="
                + request.budget() + "&samplePercent=5&campaigns=" + past);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"mix-cells\"", "data-testid=\"mix-summary\"", "data-testid=\"mix-create\"")
                .contains("Costs "
                        + String.format(
                                java.util.Locale.US,
                                "%,.2f",
                                plans.propose(request).cost()));
        Session analyst = session();
        analyst.signIn("analyst", "demo");
        assertThat(analyst.get("/campaigns/mix?target=5&budget=100").body())
                .contains("data-testid=\"mix-proposal\"")
                .doesNotContain("data-testid=\"mix-create\"");
    }

    /** Ten grade-A and ten grade-B customers per channel, sent, of whom the planted numbers responded. */
    private long pastCampaign(long run) {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long campaign = fixtures.runningCampaign("Channel mix history " + UUID.randomUUID());
        long email = fixtures.frozenStep(campaign, StepChannel.EMAIL, fixtures.emailMaterial(), null);
        long sms = fixtures.frozenStep(campaign, StepChannel.SMS, fixtures.textMaterial("SMS", "Hi"), null);
        jdbc.sql("update campaign_step set unit_cost = case channel when 'EMAIL' then 1 else 2 end"
                        + " where campaign_id = :id")
                .param("id", campaign)
                .update();
        int[][] responded = {{5, 2}, {1, 4}};
        String[] grades = {"A", "B"};
        for (int g = 0; g < 2; g++) {
            List<Long> customers = jdbc.sql("""
                            select customer_id from customer_score where run_id = :run and grade = :grade
                            order by customer_id limit 20""")
                    .param("run", run)
                    .param("grade", grades[g])
                    .query(Long.class)
                    .list();
            long[] stepIds = {email, sms};
            for (int c = 0; c < 2; c++) {
                List<Long> members = customers.subList(c * 10, c * 10 + 10);
                fixtures.treated(stepIds[c], members);
                sent(stepIds[c]);
                for (int i = 0; i < responded[g][c]; i++) {
                    responses.record(new CampaignResponses.Response(
                            stepIds[c],
                            members.get(i),
                            ResponseKind.OPENED,
                            TEST_NOW.minus(Duration.ofDays(20)),
                            null,
                            null,
                            null));
                }
            }
        }
        return campaign;
    }

    private List<Long> sent(long step) {
        jdbc.sql("""
                        update campaign_member set send_status = 'SENT', sent_at = :at
                        where step_id = :step and member_group = 'TREATED'""")
                .param("at", Timestamp.from(TEST_NOW.minus(Duration.ofHours(2))))
                .param("step", step)
                .update();
        return jdbc.sql("select customer_id from campaign_member where step_id = :step and send_status = 'SENT'"
                        + " order by customer_id")
                .param("step", step)
                .query(Long.class)
                .list();
    }

    private static long planned(Proposal proposal, String grade, StepChannel channel) {
        return proposal.cellsOf(grade).stream()
                .filter(c -> c.channel() == channel)
                .findFirst()
                .orElseThrow()
                .planned();
    }
}
