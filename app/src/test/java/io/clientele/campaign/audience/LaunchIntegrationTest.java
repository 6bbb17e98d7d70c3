package io.clientele.campaign.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Launches freeze each step's audience with the right group and the first reason that applies. Known truths are
 * planted on customers of a snapshot segment (consent withdrawn, no email, suppressed, in an exclusion segment, over
 * the contact-pressure limit), and each must end where it belongs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RecordApplicationEvents
class LaunchIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Campaigns campaigns;

    @Autowired
    CampaignSteps steps;

    @Autowired
    CampaignAudiences audiences;

    @Autowired
    Launches launches;

    @Autowired
    ContactPolicies policies;

    @Autowired
    Suppressions suppressions;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    Materials materials;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApplicationEvents events;

    private CampaignFixtures fixtures;
    private long email;
    private long sms;

    @BeforeAll
    void setUp() {
        fixtures = new CampaignFixtures(jdbc, materials);
        email = materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                "Launch email " + UUID.randomUUID(),
                                "Hello {{first_name|friend}}",
                                "<p>{{offer.description}}</p>",
                                "{{offer.description}}",
                                null,
                                null),
                        "marketer")
                .id();
        sms = fixtures.textMaterial("SMS", "Hello {{first_name|friend}}, {{offer.description}}");
    }

    @Test
    void everyPlantedCustomerEndsInItsGroupWithTheFirstReasonThatApplies() {
        policies.update(new ContactPolicies.Input("2", "7"), "manager");
        List<Long> ids = customers(0, 40);
        // everyone reachable and consenting on email and SMS, unless planted otherwise
        for (long id : ids) {
            consent(id, "EMAIL", true);
            consent(id, "SMS", true);
        }
        long noConsent = ids.get(0);
        consent(noConsent, "EMAIL", false);
        long noEmail = ids.get(1);
        consent(noEmail, "EMAIL", false); // no address comes first
        jdbc.sql("update customer set email = null where id = :id")
                .param("id", noEmail)
                .update();
        long suppressedAddress = ids.get(2);
        suppressions.add(
                new Suppressions.Input(
                        " " + emailOf(suppressedAddress).toUpperCase() + " ", null, "EMAIL", "HARD_BOUNCE", null),
                "marketer");
        long suppressedCustomer = ids.get(3);
        suppressions.add(
                new Suppressions.Input(null, String.valueOf(suppressedCustomer), null, "LEGAL", null), "marketer");
        long suppressedOnSmsOnly = ids.get(4);
        suppressions.add(
                new Suppressions.Input(null, String.valueOf(suppressedOnSmsOnly), "SMS", "MANUAL", null), "marketer");
        long inExclusion = ids.get(5);
        suppressions.add(
                new Suppressions.Input(null, String.valueOf(inExclusion), null, "MANUAL", null),
                "marketer"); // the exclusion segment comes first
        long sentTwice = ids.get(6);
        long sentTwiceLongAgo = ids.get(7);
        long sentOnceAndPlannedByHigher = ids.get(8);
        long sentOnceAndPlannedByLower = ids.get(9);
        contacted(sentTwice, 9, Duration.ofDays(2), Duration.ofDays(3));
        contacted(sentTwiceLongAgo, 9, Duration.ofDays(8), Duration.ofDays(30));
        contacted(sentOnceAndPlannedByHigher, 9, Duration.ofDays(1));
        contacted(sentOnceAndPlannedByLower, 9, Duration.ofDays(1));
        planned(sentOnceAndPlannedByHigher, 9);
        planned(sentOnceAndPlannedByLower, 7);

        SavedSegment include = snapshot(ids);
        SavedSegment exclude = snapshot(List.of(inExclusion));
        long id = approved(8, "0", List.of(include), List.of(exclude), emailStep("Email"), smsStep("SMS"));
        launches.launch(id, "marketer");

        Map<Long, String> byEmail = groups(id, "Email");
        Map<Long, String> bySms = groups(id, "SMS");
        assertThat(byEmail).hasSize(ids.size());
        assertThat(byEmail)
                .containsEntry(noConsent, "EXCLUDED NO_CONSENT")
                .containsEntry(noEmail, "EXCLUDED NO_ADDRESS")
                .containsEntry(suppressedAddress, "EXCLUDED SUPPRESSED")
                .containsEntry(suppressedCustomer, "EXCLUDED SUPPRESSED")
                .containsEntry(suppressedOnSmsOnly, "TREATED")
                .containsEntry(inExclusion, "EXCLUDED EXCLUDED_SEGMENT")
                .containsEntry(sentTwice, "EXCLUDED CONTACT_PRESSURE")
                .containsEntry(sentTwiceLongAgo, "TREATED")
                .containsEntry(sentOnceAndPlannedByHigher, "EXCLUDED CONTACT_PRESSURE")
                .containsEntry(sentOnceAndPlannedByLower, "TREATED");
        assertThat(bySms)
                .containsEntry(noConsent, "TREATED")
                .containsEntry(noEmail, "TREATED")
                .containsEntry(suppressedAddress, "TREATED")
                .containsEntry(suppressedCustomer, "EXCLUDED SUPPRESSED")
                .containsEntry(suppressedOnSmsOnly, "EXCLUDED SUPPRESSED")
                .containsEntry(inExclusion, "EXCLUDED EXCLUDED_SEGMENT");
        List<Long> planted = ids.subList(0, 10);
        assertThat(byEmail.entrySet().stream()
                        .filter(e -> !planted.contains(e.getKey()))
                        .map(Map.Entry::getValue)
                        .distinct())
                .containsExactly("TREATED");
        // the treated wait to be sent, with the address fixed at freezing
        assertThat(jdbc.sql("""
                        select m.send_status || ' ' || (m.address = c.email) from campaign_member m
                        join campaign_step s on s.id = m.step_id join customer c on c.id = m.customer_id
                        where m.campaign_id = :id and s.name = 'Email' and m.customer_id = :customer""")
                        .param("id", id)
                        .param("customer", sentTwiceLongAgo)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING true");

        StepCounts counts = launches.counts(id).getFirst();
        assertThat(counts.audience()).isEqualTo(ids.size());
        assertThat(counts.excluded())
                .containsEntry(io.clientele.campaign.ExclusionReason.EXCLUDED_SEGMENT, 1L)
                .containsEntry(io.clientele.campaign.ExclusionReason.NO_ADDRESS, 1L)
                .containsEntry(io.clientele.campaign.ExclusionReason.NO_CONSENT, 1L)
                .containsEntry(io.clientele.campaign.ExclusionReason.SUPPRESSED, 2L)
                .containsEntry(io.clientele.campaign.ExclusionReason.CONTACT_PRESSURE, 2L);
        assertThat(counts.treated()).isEqualTo(ids.size() - 7);
        assertThat(counts.step().status()).isEqualTo(io.clientele.campaign.CampaignStep.Status.FROZEN);
        assertThat(events.stream(StepFrozen.class))
                .extracting(StepFrozen::channel)
                .containsExactly(StepChannel.EMAIL, StepChannel.SMS);
        assertThat(launches.excluded(id, counts.step().id(), io.clientele.campaign.ExclusionReason.SUPPRESSED, 0, 10)
                        .items())
                .extracting(Launches.Excluded::customerId)
                .containsExactly(suppressedAddress, suppressedCustomer);
    }

    @Test
    void theControlGroupIsTheAskedShareAndTheSameCustomersInEveryStep() {
        SavedSegment everyone = segments.create(new SavedSegments.Draft(
                        "everyone " + UUID.randomUUID(),
                        null,
                        SavedSegment.Kind.DYNAMIC,
                        ConditionJson.parse("{\"all\":[]}", fields)))
                .segment();
        long id = approved(1, "30", List.of(everyone), List.of(), couponStep("Coupon"), smsStep("SMS"));
        launches.launch(id, "marketer");

        Map<Long, String> coupon = groups(id, "Coupon");
        Map<Long, String> sms = groups(id, "SMS");
        long customers =
                jdbc.sql("select count(*) from customer").query(Long.class).single();
        assertThat(coupon).hasSize((int) customers);
        long eligible =
                coupon.values().stream().filter(g -> !g.startsWith("EXCLUDED")).count();
        long control = coupon.values().stream().filter(g -> g.equals("CONTROL")).count();
        // 30 % of ~1,500 is 450 with a standard deviation of ~18: ±60 is over three
        assertThat((double) control / eligible).isBetween(0.26, 0.34);
        coupon.forEach((customer, group) -> {
            String other = sms.get(customer);
            if (!group.startsWith("EXCLUDED") && !other.startsWith("EXCLUDED")) {
                assertThat(other).as("customer " + customer).isEqualTo(group);
            }
        });
        // control members have no send state and no address
        assertThat(jdbc.sql("select count(*) from campaign_member where campaign_id = :id and member_group = 'CONTROL'"
                                + " and (send_status is not null or address is not null)")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyAnApprovedCampaignLaunchesAndOnlyOnce() {
        SavedSegment some = snapshot(customers(100, 5));
        long draft = draft(5, "0", List.of(some), List.of(), emailStep("Email"));
        assertThatThrownBy(() -> launches.launch(draft, "marketer"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("DRAFT");
        campaigns.submit(draft, "marketer");
        assertThatThrownBy(() -> launches.launch(draft, "marketer")).isInstanceOf(ConflictException.class);
        campaigns.approve(draft, "manager", null);
        // once approved, neither the steps nor the audience change
        assertThatThrownBy(() -> steps.create(draft, smsStep("Late"), "marketer"))
                .isInstanceOf(ConflictException.class);

        launches.launch(draft, "marketer");
        long members = members(draft);
        var again = launches.launch(draft, "manager");
        assertThat(again.status()).isEqualTo(CampaignStatus.RUNNING);
        assertThat(members(draft)).isEqualTo(members).isEqualTo(5);
        assertThat(again.transitions())
                .extracting(t -> t.to() + " by " + t.actor())
                .containsExactly(
                        "DRAFT by marketer",
                        "SUBMITTED by marketer",
                        "APPROVED by manager",
                        "SCHEDULED by marketer",
                        "RUNNING by marketer");
        assertThat(jdbc.sql("select launched_by from campaign where id = :id")
                        .param("id", draft)
                        .query(String.class)
                        .single())
                .isEqualTo("marketer");
    }

    @Test
    void deletingStepsOrCustomersDeletesTheirMembers() {
        long customer = jdbc.sql("insert into customer (first_name, last_name, email) values ('Gone', 'Soon',"
                        + " 'gone.soon@example.com') returning id")
                .query(Long.class)
                .single();
        long kept = jdbc.sql("insert into customer (first_name, last_name, email) values ('Kept', 'Member',"
                        + " 'kept.member@example.com') returning id")
                .query(Long.class)
                .single();
        long step = otherStep(1);
        fixtures.treated(step, List.of(customer, kept));
        jdbc.sql("delete from customer where id = :id").param("id", customer).update();
        assertThat(jdbc.sql("select customer_id from campaign_member where step_id = :step")
                        .param("step", step)
                        .query(Long.class)
                        .list())
                .containsExactly(kept);
        jdbc.sql("delete from campaign where id = (select campaign_id from campaign_step where id = :step)")
                .param("step", step)
                .update();
        assertThat(jdbc.sql("select count(*) from campaign_member where step_id = :step")
                        .param("step", step)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anUploadedListIsCheckedWholeBeforeAnyAddressIsStored() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Suppressions.Input common = new Suppressions.Input(null, null, "EMAIL", "UNSUBSCRIBED", "upload " + tag);
        List<String> bad =
                List.of("email,name", "a." + tag + "@example.com,Ann", "not an address", "+44 20 7946 0" + 123);
        assertThatThrownBy(() -> suppressions.addAll(upload(bad), common, "marketer"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field() + " " + p.code() + " " + p.args())
                                .containsExactly("file suppression.badLine [3]"));
        assertThat(suppressions.page("a." + tag, 0, 10).total()).isZero();

        List<String> good =
                List.of("email,name", " A." + tag + "@Example.com ,Ann", "\"b." + tag + "@example.com\"", "");
        assertThat(suppressions.addAll(upload(good), common, "marketer")).isEqualTo(2);
        assertThat(suppressions.addAll(upload(good), common, "marketer")).isZero();
        assertThat(suppressions.page("a." + tag, 0, 10).items())
                .extracting(Suppression::address, Suppression::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "a." + tag + "@example.com", io.clientele.campaign.SuppressionReason.UNSUBSCRIBED));
    }

    @Test
    void anUploadedListIsReadAsCsv() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Suppressions.Input common = new Suppressions.Input(null, null, "EMAIL", "UNSUBSCRIBED", "upload " + tag);
        // a byte order mark is not part of the first address; a quoted first cell may hold the delimiter
        List<String> lines = List.of("\uFEFFc." + tag + "@example.com;x", "\"d." + tag + "@example.com\";\"Ann; Bo\"");
        assertThat(suppressions.addAll(upload(lines), common, "marketer")).isEqualTo(2);
        assertThat(suppressions.page(tag, 0, 10).items())
                .extracting(Suppression::address)
                .containsExactlyInAnyOrder("c." + tag + "@example.com", "d." + tag + "@example.com");

        assertThatThrownBy(() -> suppressions.addAll(
                        new ByteArrayInputStream(
                                ("\uFEFFe." + tag + "@example.com").getBytes(StandardCharsets.UTF_16LE)),
                        common,
                        "marketer"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field() + " " + p.code())
                                .containsExactly("file suppression.notUtf8"));
    }

    private static InputStream upload(List<String> lines) {
        return new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCampaignWithoutStepOrSegmentCannotLaunch() {
        long id = approved(5, "0", List.of(), List.of());
        assertThatThrownBy(() -> launches.launch(id, "marketer"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field() + " " + p.code())
                                .containsExactly("steps audience.launch.noStep", "include audience.launch.noSegment"));
        assertThat(campaigns.find(id).status()).isEqualTo(CampaignStatus.APPROVED);
    }

    @Test
    void aStepNamesEveryWrongFieldAtOnceAndPinsTheMaterialVersion() throws Exception {
        long id = draft(5, "0", List.of(), List.of());
        assertThatThrownBy(() -> steps.create(
                        id,
                        new StepInput("", "FAX", "x", null, null, null, null, null, "soon", "0", "-1", null),
                        "marketer"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field())
                                .containsExactlyInAnyOrder(
                                        "name", "channel", "materialId", "sendAt", "throttlePerMinute", "unitCost"));
        assertThatThrownBy(() -> steps.create(
                        id,
                        new StepInput(
                                "Wrong kind",
                                "EMAIL",
                                String.valueOf(sms),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        "marketer"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field() + " " + p.code())
                                .containsExactly("materialId campaign.step.materialKind"));
        var step = steps.create(id, emailStep("Email"), "marketer");
        assertThat(step.materialVersion()).isEqualTo(1);
        // a retried request answers the same step
        assertThat(steps.create(id, emailStep("Email"), "marketer").id()).isEqualTo(step.id());
        assertThat(steps.of(id)).hasSize(1);
        // the campaign page names the step's material and its version, not its number
        Session page = session();
        page.signIn("marketer", "demo");
        assertThat(page.get("/campaigns/" + id).body())
                .contains(">" + materials.find(email).name() + ", version 1</a>");

        String marketer = tokens.issue("launch-marketer-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        var created = api(
                marketer,
                "POST",
                "/api/v1/campaigns/" + id + "/steps",
                "{\"name\":\"Coupon\",\"channel\":\"COUPON\",\"couponPrefix\":\"spring\",\"couponValue\":\"5\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"couponPrefix\":\"SPRING\"");
        var bad = api(marketer, "POST", "/api/v1/campaigns/" + id + "/steps", "{\"channel\":\"COUPON\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("name").contains("couponValue");
    }

    @Test
    void analystsCannotLaunchSalesCannotSeeAndOnlyManagersSetThePolicy() throws Exception {
        SavedSegment some = snapshot(customers(200, 3));
        long id = approved(5, "0", List.of(some), List.of(), emailStep("Email"));
        String analyst = tokens.issue("launch-analyst-" + UUID.randomUUID(), Role.ANALYST.scopes(), "test")
                .secret();
        String sales = tokens.issue("launch-sales-" + UUID.randomUUID(), Role.SALES.scopes(), "test")
                .secret();
        String marketer = tokens.issue("launch-marketer-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        assertThat(api(analyst, "POST", "/api/v1/campaigns/" + id + "/launch", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(analyst, "GET", "/api/v1/campaigns/" + id + "/audience", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api(sales, "GET", "/api/v1/campaigns/" + id + "/audience", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(marketer, "PUT", "/api/v1/campaigns/policy", "{\"maxContacts\":\"9\",\"windowDays\":\"1\"}")
                        .statusCode())
                .isEqualTo(403);
        Session salesPerson = session();
        salesPerson.signIn("sales", "demo");
        assertThat(salesPerson.get("/campaigns/" + id).statusCode()).isEqualTo(403);
        Session analystPerson = session();
        analystPerson.signIn("analyst", "demo");
        assertThat(analystPerson.get("/campaigns/" + id).body()).doesNotContain("data-testid=\"launch\"");
        assertThat(analystPerson
                        .postForm("/campaigns/" + id, "/campaigns/" + id + "/launch", "")
                        .statusCode())
                .isEqualTo(403);

        var launched = api(marketer, "POST", "/api/v1/campaigns/" + id + "/launch", null);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        var audience = api(analyst, "GET", "/api/v1/campaigns/" + id + "/audience", null);
        assertThat(audience.body())
                .contains("\"audience\":3")
                .contains("\"messageKey\":\"audience.reason.NO_CONSENT\"");
        assertThat(analystPerson.get("/campaigns/" + id).body()).contains("data-testid=\"counts\"");

        // the settings pages: everyone with campaigns:read reads them, only a manager changes the policy
        Session marketerPerson = session();
        marketerPerson.signIn("marketer", "demo");
        assertThat(marketerPerson.get("/campaigns/suppression").body()).contains("data-testid=\"upload-form\"");
        assertThat(marketerPerson.get("/campaigns/policy").statusCode()).isEqualTo(200);
        assertThat(marketerPerson
                        .postForm("/campaigns/policy", "/campaigns/policy", "maxContacts=9&windowDays=1")
                        .statusCode())
                .isEqualTo(403);
        Session manager = session();
        manager.signIn("manager", "demo");
        assertThat(manager.postForm("/campaigns/policy", "/campaigns/policy", "maxContacts=0&windowDays=400")
                        .body())
                .contains("is-invalid")
                .contains("A whole number from 1 to 1,000.")
                .contains("A whole number from 1 to 365.");
    }

    private long approved(
            int priority, String control, List<SavedSegment> include, List<SavedSegment> exclude, StepInput... step) {
        long id = draft(priority, control, include, exclude, step);
        campaigns.submit(id, "marketer");
        campaigns.approve(id, "manager", null);
        return id;
    }

    private long draft(
            int priority, String control, List<SavedSegment> include, List<SavedSegment> exclude, StepInput... step) {
        long id = campaigns
                .create(
                        new CampaignInput(
                                "Launch " + UUID.randomUUID(),
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
        for (StepInput s : step) {
            steps.create(id, s, "marketer");
        }
        audiences.update(
                id,
                new AudienceInput(
                        include.stream().map(s -> String.valueOf(s.id())).toList(),
                        exclude.stream().map(s -> String.valueOf(s.id())).toList(),
                        String.valueOf(priority),
                        control),
                "marketer");
        return id;
    }

    private StepInput emailStep(String name) {
        return new StepInput(
                name, "EMAIL", String.valueOf(email), "10% off", null, null, null, null, null, null, "0.01", null);
    }

    private StepInput smsStep(String name) {
        return new StepInput(
                name, "SMS", String.valueOf(sms), "10% off", null, null, null, null, null, null, null, null);
    }

    private static StepInput couponStep(String name) {
        return new StepInput(name, "COUPON", null, null, "TEST", "5", null, null, null, null, null, null);
    }

    /**
     * Customers with an email and a phone, from the {@code from}-th on, so that each test has its own,
     * whom no other test contacted or planned at priority 8 or more (that would count against the pressure planted
     * here).
     */
    private List<Long> customers(int from, int count) {
        return jdbc.sql("""
                        select id from customer c where email is not null and phone is not null
                          and not exists (select 1 from campaign_member m
                                          join campaign_step st on st.id = m.step_id
                                          join campaign k on k.id = st.campaign_id
                                          where m.customer_id = c.id and (m.sent_at is not null or k.priority >= 8))
                        order by id offset :from limit :count""")
                .param("from", from)
                .param("count", count)
                .query(Long.class)
                .list();
    }

    private SavedSegment snapshot(List<Long> members) {
        return fixtures.snapshot(segments, fields, members);
    }

    private void consent(long customer, String channel, boolean granted) {
        fixtures.consent(customer, channel, granted);
    }

    private String emailOf(long customer) {
        return jdbc.sql("select email from customer where id = :id")
                .param("id", customer)
                .query(String.class)
                .single();
    }

    /** Contacts sent to the customer this long before now, each by its own campaign of that priority. */
    private void contacted(long customer, int priority, Duration... ago) {
        for (Duration before : ago) {
            long step = otherStep(priority);
            fixtures.treated(step, List.of(customer));
            jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = :at where step_id = :step")
                    .param("at", Timestamp.from(TEST_NOW.minus(before)))
                    .param("step", step)
                    .update();
        }
    }

    /** A contact a running campaign of that priority still has to send. */
    private void planned(long customer, int priority) {
        fixtures.treated(otherStep(priority), List.of(customer));
    }

    private long otherStep(int priority) {
        long campaign = fixtures.runningCampaign("Other " + UUID.randomUUID());
        jdbc.sql("update campaign set priority = :priority where id = :id")
                .param("priority", priority)
                .param("id", campaign)
                .update();
        return fixtures.frozenStep(campaign, StepChannel.EMAIL, email, null);
    }

    /** Each member's group (and reason) in the step of that name. */
    private Map<Long, String> groups(long campaign, String step) {
        Map<Long, String> groups = new HashMap<>();
        jdbc.sql("""
                        select m.customer_id, m.member_group, m.reason from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        where m.campaign_id = :campaign and s.name = :step""").param("campaign", campaign).param("step", step).query(rs -> {
            String reason = rs.getString("reason");
            groups.put(rs.getLong("customer_id"), rs.getString("member_group") + (reason == null ? "" : " " + reason));
        });
        return groups;
    }

    private long members(long campaign) {
        return jdbc.sql("select count(*) from campaign_member where campaign_id = :id")
                .param("id", campaign)
                .query(Long.class)
                .single();
    }
}
