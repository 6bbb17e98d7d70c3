package io.clientele.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ExclusionReason;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.audience.AudienceInput;
import io.clientele.campaign.audience.CampaignAudiences;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.channel.CallViewer;
import io.clientele.campaign.channel.Calls;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.send.GreenMailSending;
import io.clientele.customer.CustomerEditor;
import io.clientele.customer.CustomerInput;
import io.clientele.customer.CustomerTags;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.TestCustomers;
import io.clientele.customer.Timeline;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import io.clientele.ingest.ImportJob;
import io.clientele.ingest.ImportKind;
import io.clientele.ingest.Imports;
import io.clientele.platform.ClienteleProperties;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.summary.SegmentSummaryWorker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The canary: a customer with a unique marker in every field and in every feature (a snapshot, a sent email, a call
 * with a note, an import with a reject, an export), erased by API; then every text column of every table and every
 * file of the data folder holds the marker 0 times, the aggregates are what they were, and the address stays
 * suppressed for a new customer who gives it.
 */
class ErasureIntegrationTest extends ApplicationTestSupport {
    private static final Logger log = LoggerFactory.getLogger(ErasureIntegrationTest.class);

    @Autowired
    CustomerEditor editor;

    @Autowired
    CustomerTags tags;

    @Autowired
    Timeline timeline;

    @Autowired
    Materials materials;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    Calls calls;

    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignSteps steps;

    @Autowired
    CampaignAudiences audiences;

    @Autowired
    Launches launches;

    @Autowired
    Imports imports;

    @Autowired
    ClienteleProperties properties;

    @Autowired
    ApiTokens tokens;

    @Autowired
    PersonalData personalData;

    @Autowired
    ApplicationContext context;

    @Autowired
    SegmentSummaryWorker summaryWorker;

    /** A text no other data holds, in lower case (emails are kept so), and a run of digits for the phone. */
    private final String marker =
            "qz" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);

    private final String digits =
            "9" + (100_000_000 + ThreadLocalRandom.current().nextInt(800_000_000));

    @Test
    void anErasedCustomerLeavesNoTraceInTheDatabaseOrTheDataFolderAndStaysSuppressed() throws Exception {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        String email = marker + "@canary.example";
        String customerNumber = "CN-" + UUID.randomUUID();
        long id = editor.create(new CustomerInput(
                customerNumber,
                "CARD-" + marker,
                "First" + marker,
                "Last" + marker,
                "X",
                "1980-02-03",
                email,
                "+49 30 " + digits,
                marker + " Street 1",
                "P" + marker,
                "City" + marker,
                null,
                null,
                "Occupation " + marker,
                null,
                null,
                null,
                Map.of("note", "attribute " + marker)));
        fixtures.consent(id, "EMAIL", true);
        fixtures.consent(id, "PHONE", true);
        jdbc.sql("""
                        insert into customer_consent_event (customer_id, channel, granted, source, recorded_at)
                        values (:id, 'EMAIL', true, 'form ' || :marker, now() - interval '1 day')""").param("id", id).param("marker", marker).update();
        tags.add(id, "t" + marker);
        timeline.record(id, InteractionKind.COMPLAINT, "Complaint " + marker, Map.of("text", "said " + marker));
        TestCustomers.receipt(jdbc, id, TEST_NOW.minusSeconds(86_400));

        // a snapshot segment that froze the customer
        SavedSegment snapshot = fixtures.snapshot(segments, fields, List.of(id));

        // an email sent to them over SMTP (the rendered body greets them by their first name)
        long campaign = fixtures.runningCampaign("Canary " + UUID.randomUUID());
        long emailStep = fixtures.frozenStep(campaign, StepChannel.EMAIL, fixtures.emailMaterial(), "10% off");
        fixtures.treated(emailStep, List.of(id));
        // and an SMS kept in the outbox (no gateway): its recipient and rendered text
        long smsStep = fixtures.frozenStep(
                campaign, StepChannel.SMS, fixtures.textMaterial("SMS", "Hi {{first_name}}, see you"), null);
        fixtures.treated(smsStep, List.of(id));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            new GreenMailSending(context, smtp).drain(emailStep, "canary-worker");
            new GreenMailSending(context, smtp).drain(smsStep, "canary-worker");
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(new String(
                            smtp.getReceivedMessages()[0].getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains(marker);
        } finally {
            smtp.stop();
        }

        // a survey answered with a free text
        String admin = tokens.issue("erasure " + UUID.randomUUID(), EnumSet.allOf(ApiScope.class), "admin")
                .secret();
        String key = "canary_" + UUID.randomUUID().toString().substring(0, 8);
        var survey = api(admin, "POST", "/api/v1/surveys", """
                {"key": "%s", "name": "Canary %s", "titleEn": "Trial", "titleZh": "试用", "thanksEn": "Thanks",
                 "thanksZh": "谢谢", "questions": [
                   {"key": "rate", "kind": "RATING", "required": true, "textEn": "Rate", "textZh": "评分"},
                   {"key": "comment", "kind": "FREE_TEXT", "required": false, "textEn": "More?", "textZh": "还有？"}]}""".formatted(key, key));
        assertThat(survey.statusCode()).as(survey.body()).isEqualTo(201);
        String surveyId = jdbc.sql("select id from survey where key = :key")
                .param("key", key)
                .query(Long.class)
                .single()
                .toString();
        assertThat(api(admin, "POST", "/api/v1/surveys/" + surveyId + "/activate", null)
                        .statusCode())
                .isEqualTo(200);
        var answered = api(
                admin,
                "POST",
                "/api/v1/surveys/" + surveyId + "/responses",
                "{\"customerId\": %d, \"answers\": {\"rate\": 4, \"comment\": \"I am %s\"}}".formatted(id, marker));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);

        // a place in a journey, with its path (as the engine keeps them)
        jdbc.sql("""
                        insert into journey_position (campaign_id, customer_id, entry, version, node_id, seq, entered_at,
                                                      arrived_at, due_at, reason)
                        values (:campaign, :id, 1, 1, 'wait', 1, now(), now(), now(), 'entry')""").param("campaign", campaign).param("id", id).update();
        jdbc.sql("""
                        insert into journey_path (campaign_id, customer_id, entry, seq, node_id, from_node, branch, at)
                        values (:campaign, :id, 1, 1, 'wait', 'start', null, now())""").param("campaign", campaign).param("id", id).update();

        // a call list with a call note
        long callStep = fixtures.frozenStep(
                campaign, StepChannel.CALL, fixtures.textMaterial("CALL_SCRIPT", "Hello {{first_name}}"), null);
        fixtures.treated(callStep, List.of(id));
        jdbc.sql("update campaign_member set agent = 'admin' where step_id = :step")
                .param("step", callStep)
                .update();
        calls.record(new CallViewer("admin", false), callStep, id, "INTERESTED", "Call note " + marker, 0);

        // an import naming them (kept in the data folder) with a rejected line quoting their email
        Path importFile = properties.dataDir().resolve("imports").resolve("canary-" + UUID.randomUUID() + ".csv");
        Files.createDirectories(importFile.getParent());
        Files.writeString(
                importFile,
                "external_id,last_name,email,birth_date\n" + customerNumber + ",Last" + marker + "," + email + ",\n"
                        + "CN-REJECT-" + marker + ",Other," + email + ",not-a-date\n"
                        + "CN-KEPT-" + UUID.randomUUID() + ",Someone,,\n");
        ImportJob job = imports.run(
                imports.prepare(ImportKind.CUSTOMERS, importFile, "POS", null, "test")
                        .job(),
                progress -> {});
        assertThat(job.rejected()).isEqualTo(1);

        // an export (audited)
        assertThat(entries(personalData.export(id)).get("customer-" + id + ".json"))
                .contains(marker);

        // the segment summary and the audience index read them
        summaryWorker.refreshWhenDue();
        summaryWorker.refreshWhenDue();

        assertThat(hits(marker))
                .as("the canary is planted")
                .anyMatch(hit -> hit.startsWith("segment_customer."))
                .anyMatch(hit -> hit.startsWith("call_attempt.note"))
                .anyMatch(hit -> hit.startsWith("campaign_outbox.text_body"))
                .anyMatch(hit -> hit.startsWith("survey_response_answer.text_value"))
                .anyMatch(hit -> hit.startsWith("import_reject.raw"))
                .anyMatch(hit -> hit.contains("canary-"));
        assertThat(hits(digits)).isNotEmpty();
        Map<String, Object> before = aggregates(campaign);

        assertThat(api(admin, "POST", "/api/v1/customers/" + id + "/erasure", null)
                        .statusCode())
                .isEqualTo(204);

        assertThat(hits(marker))
                .as("database columns and data files holding the marker")
                .isEmpty();
        assertThat(hits(digits))
                .as("database columns and data files holding the phone")
                .isEmpty();
        assertThat(aggregates(campaign)).as("revenue and campaign counts").isEqualTo(before);
        assertThat(api(admin, "POST", "/api/v1/customers/" + id + "/erasure", null)
                        .statusCode())
                .as("erased already")
                .isEqualTo(404);
        assertThat(api(admin, "GET", "/api/v1/customers/" + id, null).statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from journey_path where customer_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from segment_member where segment_id = :s")
                        .param("s", snapshot.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("""
                        select details::text from audit_event
                        where action = 'customer.erased' and entity_id = cast(:id as text)""").param("id", id).query(String.class).single()).contains(customerNumber);
        assertThat(Files.readString(importFile)).contains("CN-KEPT-").doesNotContain(customerNumber);

        // someone gives the same address again: a send leaves them out as suppressed
        long again = editor.create(new CustomerInput(
                null,
                null,
                "New",
                "Person",
                null,
                null,
                email.toUpperCase(),
                null,
                null,
                null,
                "Town",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of()));
        fixtures.consent(again, "EMAIL", true);
        assertThat(exclusionAtLaunch(fixtures, again)).isEqualTo(ExclusionReason.SUPPRESSED.name());
    }

    @Test
    void erasingAnUnknownCustomerIsNotFound() throws Exception {
        String admin = tokens.issue("erasure " + UUID.randomUUID(), EnumSet.allOf(ApiScope.class), "admin")
                .secret();
        assertThat(api(admin, "POST", "/api/v1/customers/987654321/erasure", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api(admin, "GET", "/api/v1/customers/987654321/privacy-export", null)
                        .statusCode())
                .isEqualTo(404);
    }

    /** What a scan read, and where the text occurs: "table.column (rows)" and data file paths. */
    private record Scan(int tables, int columns, int files, List<String> hits) {}

    private List<String> hits(String text) throws IOException {
        Scan scan = scan(text);
        log.info(
                "Scanned {} columns of {} tables and {} data files for {}: {} hits {}",
                scan.columns(),
                scan.tables(),
                scan.files(),
                text,
                scan.hits().size(),
                scan.hits());
        return scan.hits();
    }

    private Scan scan(String text) throws IOException {
        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                        select c.table_name, c.column_name, c.data_type from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema
                                                       and t.table_name = c.table_name
                        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                          and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
                               or c.data_type = 'ARRAY')
                        order by 1, 2""").query().listOfRows();
        assertThat(columns).hasSizeGreaterThan(100);
        String pattern = "%" + text + "%";
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            String value = "bytea".equals(column.get("data_type"))
                    ? "encode(\"" + name + "\", 'escape')"
                    : "\"" + name + "\"::text";
            long count = jdbc.sql("select count(*) from \"" + table + "\" where lower(" + value + ") like :pattern")
                    .param("pattern", pattern)
                    .query(Long.class)
                    .single();
            if (count > 0) {
                hits.add(table + "." + name + " (" + count + ")");
            }
        }
        long largeObjects = jdbc.sql("select count(*) from pg_largeobject_metadata")
                .query(Long.class)
                .single();
        assertThat(largeObjects).as("no large objects to scan").isZero();
        Path data = properties.dataDir();
        Path database = data.resolve("pg");
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(database))
                    .toList();
        }
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toLowerCase();
            if (content.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                hits.add(file.toString());
            }
        }
        long tables = columns.stream().map(c -> c.get("table_name")).distinct().count();
        return new Scan((int) tables, columns.size(), files.size(), hits);
    }

    private Map<String, Object> aggregates(long campaign) {
        Map<String, Object> figures = new HashMap<>();
        figures.put(
                "revenue",
                jdbc.sql("select coalesce(sum(total_amount), 0) from sale")
                        .query(BigDecimal.class)
                        .single());
        figures.put(
                "receipts",
                jdbc.sql("select count(*) from sale").query(Long.class).single());
        figures.put(
                "members",
                jdbc.sql("""
                        select string_agg(member_group || '/' || coalesce(send_status, '-') || '=' || n, ','
                                          order by member_group, send_status)
                        from (select member_group, send_status, count(*) n from campaign_member
                              where campaign_id = :c group by 1, 2) g""").param("c", campaign).query(String.class).single());
        figures.put(
                "responses",
                jdbc.sql("select count(*) from campaign_response where campaign_id = :c")
                        .param("c", campaign)
                        .query(Long.class)
                        .single());
        return figures;
    }

    /** Launches an email campaign at a snapshot of this one customer; answers why they were excluded (or null). */
    private String exclusionAtLaunch(CampaignFixtures fixtures, long customer) {
        SavedSegment audience = fixtures.snapshot(segments, fields, List.of(customer));
        long id = campaigns
                .create(
                        new CampaignInput(
                                "Suppressed " + UUID.randomUUID(),
                                "WIN_BACK",
                                null,
                                null,
                                "marketer",
                                null,
                                null,
                                null,
                                null,
                                List.of()),
                        "marketer")
                .id();
        steps.create(
                id,
                new StepInput(
                        "Email",
                        "EMAIL",
                        String.valueOf(fixtures.emailMaterial()),
                        "10% off",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "0.01",
                        null),
                "marketer");
        audiences.update(
                id, new AudienceInput(List.of(String.valueOf(audience.id())), List.of(), "5", "0"), "marketer");
        campaigns.submit(id, "marketer");
        campaigns.approve(id, "manager", null);
        launches.launch(id, "marketer");
        return jdbc.sql("select reason from campaign_member where campaign_id = :c and customer_id = :id")
                .param("c", id)
                .param("id", customer)
                .query(String.class)
                .single();
    }

    static Map<String, String> entries(byte[] zip) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
