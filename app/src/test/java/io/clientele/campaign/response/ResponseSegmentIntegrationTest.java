package io.clientele.campaign.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The campaign conditions of segments, counted through the API against planted contacts and responses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseSegmentIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Materials materials;

    @Autowired
    CampaignResponses responses;

    @Autowired
    ApiTokens tokens;

    private String token;
    private long mail;
    private long coupon;
    private final List<Long> customers = new ArrayList<>();

    /**
     * Campaign "mail": six customers treated, five sent (ten days ago); three opened (two in the last 30 days, one 40
     * days ago), one of them clicked, a fourth clicked without the pixel showing an open (yesterday), a fifth
     * unsubscribed. Campaign "coupon": two redeemed, both also responded to "mail".
     */
    @BeforeAll
    void plant() {
        token = tokens.issue("response-segments", Role.MARKETER.scopes(), "test")
                .secret();
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        mail = fixtures.runningCampaign("Segment responses mail");
        long mailStep =
                fixtures.frozenStep(mail, StepChannel.EMAIL, ResponseTestData.emailMaterial(materials), "offer");
        coupon = fixtures.runningCampaign("Segment responses coupon");
        long couponStep = fixtures.frozenStep(coupon, StepChannel.COUPON, null, null);
        for (int i = 0; i < 6; i++) {
            customers.add(jdbc.sql("insert into customer (first_name) values ('Responder') returning id")
                    .query(Long.class)
                    .single());
        }
        fixtures.treated(mailStep, customers);
        jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = :at where step_id = :step"
                        + " and customer_id <> :unsent")
                .param("at", Timestamp.from(TEST_NOW.minus(Duration.ofDays(10))))
                .param("step", mailStep)
                .param("unsent", customers.get(5))
                .update();
        fixtures.treated(couponStep, List.of(customers.get(0), customers.get(4)));
        record(mailStep, 0, ResponseKind.OPENED, 2);
        record(mailStep, 0, ResponseKind.OPENED, 3);
        record(mailStep, 1, ResponseKind.OPENED, 5);
        record(mailStep, 2, ResponseKind.OPENED, 40);
        record(mailStep, 1, ResponseKind.CLICKED, 5);
        record(mailStep, 4, ResponseKind.CLICKED, 1);
        record(mailStep, 3, ResponseKind.UNSUBSCRIBED, 1);
        record(mailStep, 3, ResponseKind.DELIVERED, 9);
        record(couponStep, 0, ResponseKind.REDEEMED, 1);
        record(couponStep, 4, ResponseKind.REDEEMED, 60);
    }

    private void record(long step, int customer, ResponseKind kind, int daysAgo) {
        assertThat(responses.record(new CampaignResponses.Response(
                        step,
                        customers.get(customer),
                        kind,
                        TEST_NOW.minus(Duration.ofDays(daysAgo)).plusSeconds(60),
                        null,
                        null,
                        null)))
                .isTrue();
    }

    private long count(String condition) throws Exception {
        HttpResponse<String> response =
                api(token, "POST", "/api/v1/segments/count", "{\"condition\":" + condition + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("count").asLong();
    }

    private static String leaf(String field, String op, String window, long... campaigns) {
        StringBuilder values = new StringBuilder();
        for (long c : campaigns) {
            values.append(values.isEmpty() ? "" : ",").append('"').append(c).append('"');
        }
        return "{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"values\":[" + values + "]"
                + (window == null ? "" : ",\"window\":" + window) + "}";
    }

    @Test
    void eachConditionCountsThePlantedCustomers() throws Exception {
        assertThat(count(leaf("campaign_contacted", "has_any", null, mail))).isEqualTo(5);
        // opened: the pixel or a click
        assertThat(count(leaf("campaign_opened", "has_any", null, mail))).isEqualTo(4);
        assertThat(count(leaf("campaign_opened", "has_any", "{\"lastDays\":30}", mail)))
                .isEqualTo(3);
        assertThat(count(leaf("campaign_opened", "has_any", "{\"lastDays\":4}", mail)))
                .isEqualTo(2);
        assertThat(count(leaf("campaign_clicked", "has_any", null, mail))).isEqualTo(2);
        assertThat(count(leaf("campaign_unsubscribed", "has_any", null, mail))).isEqualTo(1);
        // responded: opened, clicked, a call outcome or a redemption; not a delivery or an unsubscribe
        assertThat(count(leaf("campaign_responded", "has_any", null, mail))).isEqualTo(4);
        assertThat(count(leaf("campaign_redeemed", "has_any", null, coupon))).isEqualTo(2);
        assertThat(count(leaf("campaign_redeemed", "has_any", "{\"lastDays\":30}", coupon)))
                .isEqualTo(1);
        assertThat(count(leaf("campaign_responded", "has_any", null, mail, coupon)))
                .isEqualTo(4);
        assertThat(count(leaf("campaign_responded", "has_all", null, mail, coupon)))
                .isEqualTo(2);
        assertThat(count(leaf("campaign_opened", "has_any", null, coupon))).isZero();
        long everyone = count("{\"all\":[]}");
        assertThat(count(leaf("campaign_opened", "has_none", null, mail))).isEqualTo(everyone - 4);
    }

    @Test
    void theFieldsCarryTheCampaignPickerAndAWindow() throws Exception {
        JsonNode fields =
                json.readTree(api(token, "GET", "/api/v1/segments/fields", null).body());
        JsonNode opened = null;
        for (JsonNode field : fields) {
            if (field.get("key").asString().equals("campaign_opened")) {
                opened = field;
            }
        }
        assertThat(opened).isNotNull();
        assertThat(opened.get("picker").asString()).isEqualTo("campaigns");
        assertThat(opened.get("windowed").asBoolean()).isTrue();

        Session marketer = session();
        marketer.signIn("marketer", "demo");
        HttpResponse<String> found = marketer.get("/segments/values/campaigns?q=responses%20coup");
        assertThat(found.statusCode()).isEqualTo(200);
        JsonNode choices = json.readTree(found.body());
        assertThat(choices).hasSize(1);
        assertThat(choices.get(0).get("value").asString()).isEqualTo(String.valueOf(coupon));
        assertThat(choices.get(0).get("label").asString()).isEqualTo("#" + coupon + " · Segment responses coupon");
        assertThat(marketer.get("/segments/new").body()).contains("campaign_opened");
    }
}
