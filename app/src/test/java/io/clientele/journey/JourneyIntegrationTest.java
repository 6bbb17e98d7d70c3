package io.clientele.journey;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.MessageIds;
import io.clientele.campaign.send.GreenMailSending;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegments;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journeys run end to end on the real engine, the real send workers over SMTP (GreenMail) and the real tracking
 * endpoint, with the engine ticked at chosen times (the application's clock is fixed): every customer's path is
 * recorded, nothing is sent or passed twice even with two ticks at once, an A/B split picks the better material, a
 * paused journey stands still.
 */
class JourneyIntegrationTest extends ApplicationTestSupport {
    private static final String ACCEPT = "https://shop.example.com/trial/accept";
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    Materials materials;

    @Autowired
    SavedSegments segments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    JourneyEngine engine;

    @Autowired
    Entries entries;

    @Autowired
    io.clientele.customer.CustomerMerge merges;

    @Autowired
    ApplicationContext context;

    private GreenMail smtp;
    private CampaignFixtures fixtures;
    private String marketer;
    private String manager;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        fixtures = new CampaignFixtures(jdbc, materials);
        marketer = tokens.issue("journey-marketer-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        manager = tokens.issue("journey-manager-" + UUID.randomUUID(), Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    /**
     * New customers with an email and a postal address, consenting to both: customers of their own, whom no other
     * test has contacted, suppressed or merged, whatever order the test classes run in.
     */
    private List<Long> customers(int count) {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String unique = UUID.randomUUID().toString();
            long id = jdbc.sql("""
                            insert into customer (first_name, last_name, email, address_line, postal_code, city, source)
                            values ('Journey', :unique, :email, '1 Bean Street', '10001', 'Harrowgate', 'test')
                            returning id""")
                    .param("unique", unique)
                    .param("email", unique + "@journey.example")
                    .query(Long.class)
                    .single();
            fixtures.consent(id, "EMAIL", true);
            fixtures.consent(id, "MAIL", true);
            ids.add(id);
        }
        return ids;
    }

    private long email(String name, String link) {
        return materials
                .create(
                        new MaterialInput(
                                "EMAIL",
                                name + " " + UUID.randomUUID(),
                                "Try our coffee beans",
                                "<p>Dear {{first_name|customer}},</p><p><a href=\"" + link + "\">Accept the trial</a>"
                                        + " or <a href=\"https://shop.example.com/beans\">see the beans</a></p>",
                                "Dear {{first_name|customer}}, accept the trial: " + link,
                                null,
                                null),
                        "marketer")
                .id();
    }

    /** Creates, submits, approves (another person) and launches the journey; answers its id. */
    private long launch(String graph) throws Exception {
        var created = api(
                marketer,
                "POST",
                "/api/v1/journeys",
                "{\"plan\": " + JourneyApiIntegrationTest.PLAN.formatted(UUID.randomUUID()) + ", \"graph\": " + graph
                        + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("campaign").get("id").asLong();
        var submitted = api(marketer, "POST", "/api/v1/campaigns/" + id + "/submit", null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        assertThat(api(manager, "POST", "/api/v1/campaigns/" + id + "/approve", null)
                        .statusCode())
                .isEqualTo(200);
        var launched = api(marketer, "POST", "/api/v1/campaigns/" + id + "/launch", null);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        return id;
    }

    private long step(long journey, String node) {
        return jdbc.sql("select step_id from journey_node where campaign_id = :id and node_id = :node")
                .param("id", journey)
                .param("node", node)
                .query(Long.class)
                .single();
    }

    /** Two ticks of the journey at once, as two server processes would run them; answers the moves of both. */
    private int twoTicksAt(long journey, Instant now) {
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> engine.advance(journey, now));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> engine.advance(journey, now));
        return one.join() + two.join();
    }

    /** Each customer's path as node ids in order. */
    private Map<Long, List<String>> paths(long journey) {
        Map<Long, List<String>> paths = new HashMap<>();
        jdbc.sql("select customer_id, node_id from journey_path where campaign_id = :id order by customer_id, seq")
                .param("id", journey)
                .query(rs -> {
                    paths.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return paths;
    }

    private Map<String, Long> members(long step) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        select coalesce(send_status, member_group), count(*) from campaign_member where step_id = :step
                        group by 1""").param("step", step).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private static String html(MimeMessage message) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/html")) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no HTML part");
    }

    /** The messages of the step received by GreenMail, by customer. */
    private Map<Long, List<MimeMessage>> received(long step) throws Exception {
        Map<Long, List<MimeMessage>> byCustomer = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String header = message.getHeader(MessageIds.HEADER, null);
            if (header != null && header.startsWith(step + ".")) {
                byCustomer
                        .computeIfAbsent(
                                Long.parseLong(header.substring(header.indexOf('.') + 1)), k -> new ArrayList<>())
                        .add(message);
            }
        }
        return byCustomer;
    }

    /** Follows a tracked link of the message as a mail client would: a GET of the signed click address. */
    private void click(MimeMessage message, String target) throws Exception {
        URI uri = Jsoup.parse(html(message)).select("a[href]").eachAttr("href").stream()
                .filter(h -> h.contains("/t/c/"))
                .map(URI::create)
                .filter(u -> java.net.URLDecoder.decode(u.getRawQuery().substring("u=".length()), UTF_8)
                        .equals(target))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url(uri.getRawPath() + "?" + uri.getRawQuery())))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(300, 399);
    }

    @Test
    void aDecisionOnTheClickedLinkSendsLettersToTheRestAndEveryPathIsRecordedOnce() throws Exception {
        List<Long> customers = customers(40);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long invitation = email("Invitation", ACCEPT);
        long letter = fixtures.textMaterial("LETTER", "Dear {{first_name|customer}}, the beans are waiting.");
        String graph = GraphRulesTest.TRIAL
                .replace("\"segmentId\": 7", "\"segmentId\": " + segment)
                .replace("https://shop.example.com/accept", ACCEPT)
                // the letter first, and up to the brace: the email's id may begin with a 2
                .replace("\"materialId\": 2}", "\"materialId\": " + letter + "}")
                .replace("\"materialId\": 1}", "\"materialId\": " + invitation + "}");
        long journey = launch(graph);
        assertThat(paths(journey))
                .hasSize(40)
                .allSatisfy((c, p) -> assertThat(p).containsExactly("in"));

        // the entry passes them on to the email step and the decision, where they wait; two ticks move each once
        Instant launched = TEST_NOW;
        assertThat(twoTicksAt(journey, launched)).isEqualTo(80);
        assertThat(twoTicksAt(journey, launched)).isZero();
        assertThat(paths(journey).values()).allSatisfy(p -> assertThat(p).containsExactly("in", "mail", "clicked"));
        long mailStep = step(journey, "mail");
        assertThat(members(mailStep)).containsExactly(Map.entry("PENDING", 40L));

        new GreenMailSending(context, smtp).drain(mailStep, "journey-test");
        Map<Long, List<MimeMessage>> mails = received(mailStep);
        assertThat(mails).hasSize(40).allSatisfy((c, m) -> assertThat(m).hasSize(1));

        // ten accept the trial, three only look at the beans: those three take "no" with the silent ones
        List<Long> accepting = customers.subList(0, 10);
        for (long customer : accepting) {
            click(mails.get(customer).getFirst(), ACCEPT);
        }
        for (long customer : customers.subList(10, 13)) {
            click(mails.get(customer).getFirst(), "https://shop.example.com/beans");
        }
        assertThat(twoTicksAt(journey, launched.plus(Duration.ofMinutes(1)))).isEqualTo(20);
        Map<Long, List<String>> paths = paths(journey);
        for (long customer : accepting) {
            assertThat(paths.get(customer)).containsExactly("in", "mail", "clicked", "tag", "end");
        }
        assertThat(jdbc.sql("select count(*) from customer_tag where tag = 'trial' and customer_id in (:ids)")
                        .param("ids", customers)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);

        // a week passes: the time limit sends the other thirty down "no", to a letter
        assertThat(twoTicksAt(journey, launched.plus(Duration.ofDays(7)).minusSeconds(1)))
                .isZero();
        assertThat(twoTicksAt(journey, launched.plus(Duration.ofDays(7)).plusSeconds(10)))
                .isEqualTo(60);
        paths = paths(journey);
        for (long customer : customers.subList(10, 40)) {
            assertThat(paths.get(customer)).containsExactly("in", "mail", "clicked", "letter", "end");
        }
        assertThat(members(step(journey, "letter"))).containsExactly(Map.entry("PENDING", 30L));
        assertThat(twoTicksAt(journey, launched.plus(Duration.ofDays(30)))).isZero();
        assertThat(received(mailStep))
                .hasSize(40)
                .allSatisfy((c, m) -> assertThat(m).hasSize(1));
        assertThat(jdbc.sql("""
                        select count(*) from journey_position where campaign_id = :id and state = 'DONE'
                          and node_id = 'end'""").param("id", journey).query(Long.class).single())
                .isEqualTo(40);

        // live counts and a customer's path, as the pages will show them
        JsonNode counts = json.readTree(api(manager, "GET", "/api/v1/journeys/" + journey + "/counts", null)
                .body());
        Map<String, String> nodes = new HashMap<>();
        counts.get("nodes")
                .forEach(n -> nodes.put(
                        n.get("node").asString(),
                        n.get("passed").asLong() + "/" + n.get("waiting").asLong()));
        assertThat(nodes)
                .containsOnly(
                        Map.entry("in", "40/0"),
                        Map.entry("mail", "40/0"),
                        Map.entry("clicked", "40/0"),
                        Map.entry("tag", "10/0"),
                        Map.entry("letter", "30/0"),
                        Map.entry("end", "40/0"));
        Map<String, Long> edges = new HashMap<>();
        counts.get("edges")
                .forEach(e -> edges.put(
                        e.get("from").asString() + ">" + e.get("to").asString(),
                        e.get("passed").asLong()));
        assertThat(edges).containsEntry("clicked>tag", 10L).containsEntry("clicked>letter", 30L);
        JsonNode mine = json.readTree(api(manager, "GET", "/api/v1/journeys/customers/" + accepting.getFirst(), null)
                .body());
        JsonNode entry = mine.valueStream()
                .filter(j -> j.get("journeyId").asLong() == journey)
                .findFirst()
                .orElseThrow();
        assertThat(entry.get("state").asString()).isEqualTo("DONE");
        assertThat(entry.get("path")
                        .valueStream()
                        .map(p -> p.get("node").asString())
                        .collect(Collectors.toList()))
                .containsExactly("in", "mail", "clicked", "tag", "end");
        assertThat(entry.get("path").get(3).get("branch").asString()).isEqualTo("yes");
    }

    @Test
    void anABSplitSendsTheBetterMaterialToTheRest() throws Exception {
        List<Long> customers = customers(240);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long a = email("A", "https://shop.example.com/a");
        long b = email("B", "https://shop.example.com/b");
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "ab", "kind": "SPLIT", "config": {"mode": "AB", "channel": "EMAIL", "materialA": %d,
                    "materialB": %d, "samplePercent": 50, "metric": "CLICKED", "significance": 0.05,
                    "decideAfter": "P1D"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "ab"}, {"from": "ab", "to": "end"}]}""".formatted(segment, a, b));
        long stepA = step(journey, "ab");
        long stepB = jdbc.sql("select step_b_id from journey_node where campaign_id = :id and node_id = 'ab'")
                .param("id", journey)
                .query(Long.class)
                .single();

        engine.advance(journey, TEST_NOW);
        long sampleA = members(stepA).get("PENDING");
        long sampleB = members(stepB).get("PENDING");
        long rest = 240 - sampleA - sampleB;
        assertThat(sampleA + sampleB).isBetween(80L, 160L);
        assertThat(sampleA).isPositive();
        assertThat(sampleB).isPositive();
        GreenMailSending sending = new GreenMailSending(context, smtp);
        sending.drain(stepA, "ab-test");
        sending.drain(stepB, "ab-test");

        // planted exactly (not by a hash, whose share on a small sample strayed to 13 % against 28 %): one in ten of
        // A's recipients clicks, four in ten of B's
        plantClicks(stepA, 10);
        plantClicks(stepB, 40);
        engine.advance(journey, TEST_NOW.plus(Duration.ofHours(23)));
        assertThat(members(stepA).get("SENT") + members(stepB).get("SENT")).isEqualTo(sampleA + sampleB);
        assertThat(winner(journey)).isNull();

        engine.advance(journey, TEST_NOW.plus(Duration.ofDays(1)).plusSeconds(10));
        assertThat(winner(journey)).isEqualTo("B");
        assertThat(members(stepB).get("PENDING")).isEqualTo(rest);
        assertThat(members(stepA)).containsExactly(Map.entry("SENT", sampleA));
        assertThat(paths(journey).values())
                .hasSize(240)
                .allSatisfy(p -> assertThat(p).containsExactly("in", "ab", "end"));
    }

    private void plantClicks(long step, int percent) {
        jdbc.sql("""
                        insert into campaign_response (step_id, customer_id, campaign_id, kind, at, detail)
                        select step_id, customer_id, campaign_id, 'CLICKED', :at, 'https://shop.example.com/x'
                        from (select m.*, row_number() over (order by customer_id) as n, count(*) over () as sent
                              from campaign_member m where step_id = :step and send_status = 'SENT') m
                        where n * 100 <= sent * :percent""")
                .param("at", java.sql.Timestamp.from(TEST_NOW.plus(Duration.ofHours(2))))
                .param("step", step)
                .param("percent", percent)
                .update();
    }

    private String winner(long journey) {
        return jdbc.sql("select winner from journey_node where campaign_id = :id and node_id = 'ab'")
                .param("id", journey)
                .query((rs, n) -> java.util.Optional.ofNullable(rs.getString(1)))
                .single()
                .orElse(null);
    }

    @Test
    void aCouponSendDrawsACodeForEachCustomerAsTheyArriveAndOnlyOnce() throws Exception {
        List<Long> customers = customers(6);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "coupon", "kind": "SEND", "config": {"channel": "COUPON", "couponPrefix": "TRY",
                    "couponValue": "5", "couponValidUntil": "2099-12-31", "offer": "5 off the beans"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "coupon"}, {"from": "coupon", "to": "end"}]}""".formatted(segment));
        assertThat(twoTicksAt(journey, TEST_NOW)).isEqualTo(12);
        assertThat(twoTicksAt(journey, TEST_NOW.plusSeconds(60))).isZero();
        long step = step(journey, "coupon");
        List<String> codes =
                jdbc.sql("""
                        select coupon_code from campaign_member
                        where step_id = :step and send_status = 'SENT' and coupon_code like 'TRY%'""").param("step", step).query(String.class).list();
        assertThat(codes).hasSize(6).doesNotHaveDuplicates();
        assertThat(members(step)).containsExactly(Map.entry("SENT", 6L));
    }

    @Test
    void aPausedJourneyStandsStillUntilResumed() throws Exception {
        List<Long> customers = customers(5);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "wait", "kind": "WAIT", "config": {"duration": "P2D"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "wait"}, {"from": "wait", "to": "end"}]}""".formatted(segment));
        assertThat(engine.advance(journey, TEST_NOW)).isEqualTo(5);
        var paused = api(marketer, "POST", "/api/v1/journeys/" + journey + "/pause", null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json.readTree(paused.body()).get("campaign").get("status").asString())
                .isEqualTo("PAUSED");
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofDays(3)))).isZero();
        JsonNode counts = json.readTree(api(marketer, "GET", "/api/v1/journeys/" + journey + "/counts", null)
                .body());
        assertThat(counts.get("nodes").get(1).get("waiting").asLong()).isEqualTo(5);

        assertThat(api(marketer, "POST", "/api/v1/journeys/" + journey + "/resume", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api(marketer, "POST", "/api/v1/journeys/" + journey + "/resume", null)
                        .statusCode())
                .isEqualTo(409);
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofDays(3)))).isEqualTo(5);
        assertThat(paths(journey).values()).allSatisfy(p -> assertThat(p).containsExactly("in", "wait", "end"));
    }

    @Test
    void aDecisionOnASurveyRatingReadsTheAnswersTheSurveyFeatureWillRecord() throws Exception {
        List<Long> customers = customers(6);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "liked", "kind": "DECISION", "config": {"on": "SURVEY_RATING", "surveyId": 9,
                    "question": "taste", "op": "GE", "value": 4, "within": "P14D"}},
                  {"id": "fan", "kind": "ACTION", "config": {"action": "ADD_TAG", "tag": "coffee fan"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "liked"}, {"from": "liked", "to": "fan", "branch": "yes"},
                           {"from": "liked", "to": "end", "branch": "no"}, {"from": "fan", "to": "end"}]}""".formatted(segment));
        assertThat(engine.advance(journey, TEST_NOW)).isEqualTo(6);
        // as the listener of SurveyAnswered will record them: two rate the taste 5, one 2, one rates something else
        answer(customers.get(0), "taste", 5);
        answer(customers.get(1), "taste", 5);
        answer(customers.get(2), "taste", 2);
        answer(customers.get(3), "price", 5);
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofHours(1)))).isEqualTo(4);
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofDays(14)).plusSeconds(1)))
                .isEqualTo(4);
        Map<Long, List<String>> paths = paths(journey);
        assertThat(paths.get(customers.get(0))).containsExactly("in", "liked", "fan", "end");
        assertThat(paths.get(customers.get(1))).containsExactly("in", "liked", "fan", "end");
        for (long other : customers.subList(2, 6)) {
            assertThat(paths.get(other)).containsExactly("in", "liked", "end");
        }
    }

    private void answer(long customer, String question, int rating) {
        jdbc.sql("""
                        insert into journey_survey_answer (survey_id, customer_id, question, rating, answered_at)
                        values (9, :customer, :question, :rating, :at)""")
                .param("customer", customer)
                .param("question", question)
                .param("rating", rating)
                .param("at", java.sql.Timestamp.from(TEST_NOW.plus(Duration.ofMinutes(30))))
                .update();
    }

    @Test
    void customersEnterWhenTheyBuyTheProductOrOnTheirBirthdayOnce() throws Exception {
        String sku = jdbc.sql("select sku from product order by id limit 1")
                .query(String.class)
                .single();
        long buyer = customers(1).getFirst();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "PURCHASE", "product": "%s"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "end"}]}""".formatted(sku));
        // the demo's receipts end before the launch: nobody has bought since
        assertThat(entries.enterContinuously(journey, TEST_NOW)).isZero();
        buy(buyer, sku, TEST_NOW.plus(Duration.ofHours(1)));
        assertThat(entries.enterContinuously(journey, TEST_NOW.plus(Duration.ofHours(2))))
                .isEqualTo(1);
        assertThat(entries.enterContinuously(journey, TEST_NOW.plus(Duration.ofHours(3))))
                .isZero();
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofHours(3)))).isEqualTo(1);
        assertThat(paths(journey)).containsOnly(Map.entry(buyer, List.of("in", "end")));

        long birthday = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "BIRTHDAY", "reentryAfterDays": 300}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "end"}]}""");
        long born = customers(1).getFirst();
        jdbc.sql("update customer set birth_date = :date where id = :id")
                .param(
                        "date",
                        TEST_NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate().minusYears(30))
                .param("id", born)
                .update();
        int entered = entries.enterContinuously(birthday, TEST_NOW.plus(Duration.ofHours(9)));
        assertThat(entered).isPositive();
        assertThat(paths(birthday)).containsKey(born);
        assertThat(jdbc.sql("""
                        select count(*) from journey_position p join customer c on c.id = p.customer_id
                        where p.campaign_id = :id
                          and to_char(c.birth_date, 'MM-DD') <> to_char(cast(:today as date), 'MM-DD')""")
                        .param("id", birthday)
                        .param(
                                "today",
                                TEST_NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate())
                        .query(Long.class)
                        .single())
                .isZero();
        // later the same day, and next year's birthday is after the re-entry's 300 days
        assertThat(entries.enterContinuously(birthday, TEST_NOW.plus(Duration.ofHours(20))))
                .isZero();
    }

    @Autowired
    io.clientele.forms.Forms forms;

    @Autowired
    io.clientele.forms.FormSubmissions formSubmissions;

    @Test
    void aPublicFormsSubmissionEntersTheJourneyItNames() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        io.clientele.forms.Forms.Form form = forms.create(
                new io.clientele.forms.Forms.FormInput(
                        "journey-" + tag,
                        "Trial sign-up " + tag,
                        "NEWSLETTER",
                        "Try our beans",
                        null,
                        null,
                        null,
                        null,
                        null,
                        false,
                        true,
                        List.of(new io.clientele.forms.Forms.FieldInput("EMAIL", "Email", true)),
                        List.of()),
                "test");
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "FORM_SUBMITTED", "formId": %d}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "end"}]}""".formatted(form.id()));
        assertThat(entries.enterContinuously(journey, TEST_NOW)).isZero();
        var stored = (io.clientele.forms.FormSubmissions.Stored) formSubmissions.submit(
                form, formSubmissions.token(form), Map.of("email", "trial." + tag + "@example.com"), null);
        long visitor = stored.submission().customerId();
        assertThat(entries.enterContinuously(journey, TEST_NOW.plus(Duration.ofMinutes(5))))
                .isEqualTo(1);
        assertThat(entries.enterContinuously(journey, TEST_NOW.plus(Duration.ofMinutes(10))))
                .isZero();
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofMinutes(10))))
                .isEqualTo(1);
        assertThat(paths(journey)).containsOnly(Map.entry(visitor, List.of("in", "end")));
    }

    /** A sale receipt of the customer for one unit of the product, as an import or the POS would store it. */
    private void buy(long customer, String sku, Instant at) {
        long sale = jdbc.sql("""
                        insert into sale (source, receipt_id, store_id, customer_id, sold_at, total_amount, total_cost)
                        values ('TEST', :receipt, (select min(id) from store), :customer, :at, 10, 5) returning id""")
                .param("receipt", "journey-" + UUID.randomUUID())
                .param("customer", customer)
                .param("at", java.sql.Timestamp.from(at))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, amount, unit_cost)
                        values (:sale, 1, (select id from product where sku = :sku), 1, 10, 10, 5)""").param("sale", sale).param("sku", sku).update();
    }

    @Test
    void buyingTheGoalsProductLeavesTheJourneyFromWhereverTheCustomerIs() throws Exception {
        String sku = jdbc.sql("select sku from product order by id desc limit 1")
                .query(String.class)
                .single();
        List<Long> customers = customers(2);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "wait", "kind": "WAIT", "config": {"duration": "P7D"}},
                  {"id": "end", "kind": "EXIT"},
                  {"id": "bought", "kind": "GOAL", "config": {"purchased": "%s"}}],
                 "edges": [{"from": "in", "to": "wait"}, {"from": "wait", "to": "end"}]}""".formatted(segment, sku));
        assertThat(engine.advance(journey, TEST_NOW)).isEqualTo(2);
        buy(customers.getFirst(), sku, TEST_NOW.plus(Duration.ofHours(1)));
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofHours(2)))).isEqualTo(1);
        assertThat(paths(journey))
                .containsOnly(
                        Map.entry(customers.getFirst(), List.of("in", "wait", "bought")),
                        Map.entry(customers.getLast(), List.of("in", "wait")));
        assertThat(jdbc.sql("""
                        select state || ' ' || reason from journey_position
                        where campaign_id = :id and customer_id = :customer""")
                        .param("id", journey)
                        .param("customer", customers.getFirst())
                        .query(String.class)
                        .single())
                .isEqualTo("DONE wait goal");
    }

    @Test
    void actionsAssignAnOwnerAndSetAnAttributeOnTheWholeBatch() throws Exception {
        List<Long> customers = customers(3);
        long segment = fixtures.snapshot(segments, fields, customers).id();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "owner", "kind": "ACTION", "config": {"action": "ASSIGN_OWNER", "username": "manager"}},
                  {"id": "trial", "kind": "ACTION",
                   "config": {"action": "SET_ATTRIBUTE", "key": "coffee_trial", "value": "accepted"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "owner"}, {"from": "owner", "to": "trial"},
                           {"from": "trial", "to": "end"}]}""".formatted(segment));
        assertThat(engine.advance(journey, TEST_NOW)).isEqualTo(9);
        assertThat(jdbc.sql("""
                        select count(*) from customer where id in (:ids) and owner_username = 'manager'
                          and custom_attributes ->> 'coffee_trial' = 'accepted'""").param("ids", customers).query(Long.class).single())
                .isEqualTo(3);
        assertThat(jdbc.sql("""
                        select count(*) from interaction where customer_id in (:ids) and kind = 'EDITED'
                          and summary = 'coffee_trial: accepted'""").param("ids", customers).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void aNewVersionOfARunningJourneyIsApprovedOnItsOwnAndAppliesToNewEntrantsOnly() throws Exception {
        List<Long> customers = customers(3);
        var segment = fixtures.snapshot(segments, fields, customers.subList(0, 2));
        String v1 = """
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_NEWLY_MATCHING", "segmentId": %d}},
                  {"id": "wait", "kind": "WAIT", "config": {"duration": "P1D"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "wait"}, {"from": "wait", "to": "end"}]}""".formatted(segment.id());
        long journey = launch(v1);
        assertThat(engine.advance(journey, TEST_NOW)).isEqualTo(2);

        String v2 = v1.replace(
                        "{\"id\": \"end\", \"kind\": \"EXIT\"}",
                        "{\"id\": \"end\", \"kind\": \"EXIT\"}, {\"id\": \"tag\", \"kind\": \"ACTION\","
                                + " \"config\": {\"action\": \"ADD_TAG\", \"tag\": \"version two\"}}")
                .replace(
                        "{\"from\": \"wait\", \"to\": \"end\"}",
                        "{\"from\": \"wait\", \"to\": \"tag\"}, {\"from\": \"tag\", \"to\": \"end\"}");
        var saved = api(marketer, "PUT", "/api/v1/journeys/" + journey + "/graph", v2);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json.readTree(saved.body()).get("version").asInt()).isEqualTo(2);
        var submitted = api(marketer, "POST", "/api/v1/journeys/" + journey + "/versions/submit", null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
        // nobody enters by it before it is approved, and its submitter cannot approve it
        assertThat(api(marketer, "POST", "/api/v1/journeys/" + journey + "/versions/2/approve", null)
                        .statusCode())
                .isEqualTo(403);
        var approved = api(manager, "POST", "/api/v1/journeys/" + journey + "/versions/2/approve", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(api(manager, "POST", "/api/v1/journeys/" + journey + "/versions/2/approve", null)
                        .statusCode())
                .isEqualTo(409);

        jdbc.sql("insert into segment_member (segment_id, customer_id) values (:segment, :customer)")
                .param("segment", segment.id())
                .param("customer", customers.get(2))
                .update();
        assertThat(entries.enterContinuously(journey, TEST_NOW.plus(Duration.ofHours(1))))
                .isEqualTo(1);
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofDays(3)))).isEqualTo(4);
        Map<Long, List<String>> paths = paths(journey);
        assertThat(paths.get(customers.get(0))).containsExactly("in", "wait", "end");
        assertThat(paths.get(customers.get(1))).containsExactly("in", "wait", "end");
        assertThat(paths.get(customers.get(2))).containsExactly("in", "wait", "tag", "end");
        assertThat(jdbc.sql("select version from journey_position where campaign_id = :id and customer_id = :c")
                        .param("id", journey)
                        .param("c", customers.get(2))
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aMergedCustomersJourneyFollowsThemToTheSurvivorPathAndAll() throws Exception {
        List<Long> customers = customers(2);
        long merged = customers.getFirst();
        long survivor = customers.getLast();
        long segment = fixtures.snapshot(segments, fields, List.of(merged)).id();
        long journey = launch("""
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": %d}},
                  {"id": "wait", "kind": "WAIT", "config": {"duration": "P1D"}},
                  {"id": "end", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "wait"}, {"from": "wait", "to": "end"}]}""".formatted(segment));
        assertThat(engine.advance(journey, TEST_NOW)).isEqualTo(1);
        merges.merge(survivor, merged, false);
        assertThat(paths(journey)).containsOnly(Map.entry(survivor, List.of("in", "wait")));
        assertThat(engine.advance(journey, TEST_NOW.plus(Duration.ofDays(2)))).isEqualTo(1);
        assertThat(paths(journey)).containsOnly(Map.entry(survivor, List.of("in", "wait", "end")));
    }
}
