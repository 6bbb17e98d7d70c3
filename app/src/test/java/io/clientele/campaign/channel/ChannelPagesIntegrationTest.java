package io.clientele.campaign.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** The agents page, a step's channel page for each channel, and who may open them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelPagesIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Materials materials;

    private CampaignFixtures fixtures;
    private long campaign;

    @BeforeAll
    void setUp() {
        fixtures = new CampaignFixtures(jdbc, materials);
        campaign = fixtures.runningCampaign("Channel pages " + UUID.randomUUID());
    }

    private String path(long step, String page) {
        return "/campaigns/" + campaign + "/steps/" + step + "/" + page;
    }

    @Test
    void aManagerAddsAnAgentOnThePageAndAssignsACallList() throws Exception {
        var manager = session();
        manager.signIn("manager", "demo");
        HttpResponse<String> refused = manager.postForm("/calls/agents", "/calls/agents", "username=nobody&capacity=x");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("is-invalid");
        HttpResponse<String> saved =
                manager.postForm("/calls/agents", "/calls/agents", "username=sales&capacity=40&active=true");
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(manager.get("/calls/agents").body()).contains("data-agent=\"sales\"");

        long step = fixtures.frozenStep(campaign, StepChannel.CALL, fixtures.textMaterial("CALL_SCRIPT", "Hi"), null);
        fixtures.treated(step, fixtures.reachableCustomers(3));
        HttpResponse<String> page = manager.get(path(step, "channel"));
        assertThat(page.statusCode()).isEqualTo(200);
        // the channel and the step's state by their names, not the enums'
        assertThat(page.body())
                .contains("data-testid=\"unassigned\"")
                .contains(">Call centre</span>")
                .contains("data-status=\"FROZEN\">Frozen</span>");
        assertThat(manager.postForm(path(step, "channel"), path(step, "assign"), "")
                        .statusCode())
                .isEqualTo(302);
        assertThat(manager.get(path(step, "channel")).body())
                .doesNotContain("data-testid=\"unassigned\"")
                .contains("data-agent=\"sales\"");

        var agent = session();
        agent.signIn("agent", "demo");
        assertThat(agent.get("/calls/agents").statusCode()).isEqualTo(403);
        assertThat(agent.get("/calls").statusCode()).isEqualTo(200);
        var sales = session();
        sales.signIn("sales", "demo");
        assertThat(sales.get("/calls").body()).contains("data-testid=\"calls\"");
    }

    @Test
    void letterAndCouponStepsShowTheirExportsToMarketingOnly() throws Exception {
        long mail = fixtures.frozenStep(campaign, StepChannel.MAIL, fixtures.textMaterial("LETTER", "Dear you"), null);
        long coupon = fixtures.frozenStep(campaign, StepChannel.COUPON, null, null);
        fixtures.treated(coupon, List.of(fixtures.reachableCustomers(1).getFirst()));
        var marketer = session();
        marketer.signIn("marketer", "demo");
        assertThat(marketer.get(path(mail, "channel")).body())
                .contains("letters.pdf")
                .contains("letters.csv");
        assertThat(marketer.get(path(coupon, "channel")).body()).contains("data-testid=\"coupons\"");
        assertThat(marketer.get(path(coupon, "coupons.csv")).statusCode()).isEqualTo(200);
        var analyst = session();
        analyst.signIn("analyst", "demo");
        assertThat(analyst.get(path(coupon, "channel")).statusCode()).isEqualTo(200);
        assertThat(analyst.get(path(coupon, "coupons.csv")).statusCode()).isEqualTo(403);
        assertThat(marketer.get("/campaigns/" + (campaign + 1000) + "/steps/" + coupon + "/channel")
                        .statusCode())
                .isEqualTo(404);
    }
}
