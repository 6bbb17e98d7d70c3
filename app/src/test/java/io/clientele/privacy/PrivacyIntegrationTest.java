package io.clientele.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.material.Materials;
import io.clientele.customer.CustomerEditor;
import io.clientele.customer.CustomerInput;
import io.clientele.customer.TestCustomers;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The export archive (its files, the person's data in them, formulas neutralised, the consent of each send, the
 * audit entry) and who may export and erase: only holders of {@code privacy:manage}, on the page and the API.
 */
class PrivacyIntegrationTest extends ApplicationTestSupport {
    @Autowired
    CustomerEditor editor;

    @Autowired
    Materials materials;

    @Autowired
    ApiTokens tokens;

    @Autowired
    PersonalData personalData;

    @Autowired
    Clock clock;

    @Test
    void theExportIsOneZipOfJsonAndACsvFilePerKindWithTheConsentOfEachSendAndIsAudited() throws Exception {
        String marker = "mk" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long id = editor.create(new CustomerInput(
                null,
                null,
                "Ann" + marker,
                "=HYPERLINK(\"http://evil.example\")",
                null,
                null,
                marker + "@export.example",
                null,
                null,
                null,
                "Exportville",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("hobby", "chess " + marker)));
        TestCustomers.receipt(jdbc, id, TEST_NOW.minusSeconds(3_600));
        jdbc.sql("""
                        insert into customer_consent_event (customer_id, channel, granted, source, recorded_at)
                        values (:id, 'EMAIL', true, 'newsletter form', now() - interval '1 hour')""").param("id", id).update();
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        long campaign = fixtures.runningCampaign("Export " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.EMAIL, fixtures.emailMaterial(), null);
        fixtures.treated(step, List.of(id));

        String admin = tokens.issue("privacy " + UUID.randomUUID(), EnumSet.of(ApiScope.PRIVACY_MANAGE), "admin")
                .secret();
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url("/api/v1/customers/" + id + "/privacy-export")))
                                .header("Authorization", "Bearer " + admin)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, String> files = ErasureIntegrationTest.entries(response.body());
        assertThat(files)
                .containsKeys(
                        "customer-" + id + ".json",
                        "profile.csv",
                        "attributes.csv",
                        "consents.csv",
                        "consent_history.csv",
                        "tags.csv",
                        "timeline.csv",
                        "receipts.csv",
                        "receipt_lines.csv",
                        "scores.csv",
                        "segment_snapshots.csv",
                        "campaign_members.csv",
                        "campaign_responses.csv",
                        "calls.csv",
                        "messages.csv",
                        "suppressions.csv",
                        "survey_responses.csv",
                        "journey_positions.csv",
                        "journey_paths.csv",
                        "audit_entries.csv");
        assertThat(files.get("customer-" + id + ".json"))
                .contains("Ann" + marker)
                .contains("chess " + marker)
                .contains("\"receipts\"");
        assertThat(files.get("profile.csv"))
                .contains("Ann" + marker)
                .as("a formula is neutralised for spreadsheets")
                .contains("'=HYPERLINK")
                .doesNotContain(",=HYPERLINK")
                .doesNotContain(",\"=HYPERLINK");
        assertThat(files.get("attributes.csv")).contains("hobby,chess " + marker);
        assertThat(files.get("receipts.csv").lines()).hasSize(2);
        assertThat(files.get("campaign_members.csv"))
                .as("the consent that allowed the send")
                .contains("EMAIL,true,newsletter form");
        assertThat(jdbc.sql("""
                        select count(*) from audit_event
                        where action = 'customer.exported' and entity_id = cast(:id as text)""").param("id", id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void retentionErasesProspectsWhoNeverBoughtInTheConfiguredMonthsOnly() {
        long prospect = editor.create(TestCustomers.someone());
        long buyer = editor.create(TestCustomers.someone());
        long recent = editor.create(TestCustomers.someone());
        TestCustomers.receipt(jdbc, buyer, TEST_NOW.minusSeconds(86_400));
        // older than any demo customer, so that the policy of 100 years reaches these two only
        jdbc.sql("""
                        update customer set created_at = now() - interval '101 years',
                                            updated_at = now() - interval '101 years',
                                            last_purchase_at = null
                        where id in (:ids)""").param("ids", List.of(prospect, buyer)).update();
        assertThat(new ProspectRetention(jdbc, personalData, clock, 1200).eraseExpired())
                .isEqualTo(1);
        assertThat(jdbc.sql("select id from customer where id in (:ids) and erased_at is not null")
                        .param("ids", List.of(prospect, buyer, recent))
                        .query(Long.class)
                        .list())
                .containsExactly(prospect);
        assertThat(jdbc.sql("""
                        select details ->> 'reason' from audit_event
                        where action = 'customer.erased' and entity_id = cast(:id as text)""").param("id", prospect).query(String.class).single())
                .isEqualTo("retention");
    }

    @Test
    void onlyPrivacyManagersExportOrEraseOnThePageOrTheApi() throws Exception {
        long id = editor.create(TestCustomers.someone());
        // owned by the salesperson, so that their data scope shows the page: what is refused is the privacy action
        jdbc.sql("update customer set owner_username = 'sales' where id = :id")
                .param("id", id)
                .update();
        String everythingElse = tokens.issue(
                        "no privacy " + UUID.randomUUID(),
                        EnumSet.complementOf(EnumSet.of(ApiScope.PRIVACY_MANAGE)),
                        "admin")
                .secret();
        assertThat(api(everythingElse, "GET", "/api/v1/customers/" + id + "/privacy-export", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(everythingElse, "POST", "/api/v1/customers/" + id + "/erasure", null)
                        .statusCode())
                .isEqualTo(403);
        for (String user : List.of("manager", "marketer", "analyst", "sales", "agent")) {
            Session session = session();
            session.signIn(user, "demo");
            assertThat(session.get("/customers/" + id + "/privacy-export").statusCode())
                    .as(user)
                    .isEqualTo(403);
            assertThat(session.postForm("/customers/" + id, "/customers/" + id + "/erasure", "")
                            .statusCode())
                    .as(user)
                    .isEqualTo(403);
            if (session.get("/customers/" + id).statusCode() == 200) {
                assertThat(session.get("/customers/" + id).body()).doesNotContain("privacy-export");
            }
        }
        Session admin = session();
        admin.signIn("admin", "demo");
        assertThat(admin.get("/customers/" + id).body())
                .contains("privacy-export")
                .contains("privacy-erase");
        assertThat(admin.get("/customers/" + id + "/privacy-export").statusCode())
                .isEqualTo(200);
        var erased = admin.postForm("/customers/" + id, "/customers/" + id + "/erasure", "");
        assertThat(erased.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select erased_at is not null from customer where id = :id")
                        .param("id", id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(admin.get("/customers/" + id).statusCode()).isEqualTo(404);
    }
}
