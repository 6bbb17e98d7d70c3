package io.clientele.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.CampaignProperties;
import io.clientele.campaign.SubCampaigns;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.response.MessageIds;
import io.clientele.campaign.send.GreenMailSending;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.journey.JourneyEngine;
import io.clientele.sales.LeadSource;
import io.clientele.sales.Leads;
import io.clientele.sales.Tasks;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegments;
import io.clientele.survey.Surveys;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
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
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21's Must-show, end to end: the demo's journey "Coffee beans trial", as the demo loader builds it, run over
 * customers of its own through real SMTP (GreenMail), the real click-tracking endpoint and the public survey page
 * answered with a real HTTP client; the engine ticked at chosen times, twice at once. Those who click the accept link
 * are handed to the presales group, the others get the letter; ratings take the right branches (4–5: a lead for
 * sales, 1–2: the sub-campaign, 3: out); every customer's path is recorded once and nothing is sent twice.
 */
// early: its customers are demo customers whom other classes contact, suppress and merge (a customer of its own would
// be the better cure)
@org.junit.jupiter.api.Order(4)
class DemoJourneyIntegrationTest extends ApplicationTestSupport {
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
    Surveys surveys;

    @Autowired
    DemoJourney demo;

    @Autowired
    JourneyEngine engine;

    @Autowired
    SubCampaigns subCampaigns;

    @Autowired
    Tasks tasks;

    @Autowired
    Leads leads;

    @Autowired
    CampaignProperties properties;

    @Autowired
    ApplicationContext context;

    private GreenMail smtp;
    private String marketer;
    private String manager;

    @BeforeEach
    void setUp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        marketer = tokens.issue("demo-journey-marketer-" + UUID.randomUUID(), Role.MARKETER.scopes(), "test")
                .secret();
        manager = tokens.issue("demo-journey-manager-" + UUID.randomUUID(), Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    /**
     * Customers with an email and a postal address who never answered a survey, were not contacted by the demo's
     * campaigns and journey (their contacts would count against the contact pressure) and are suppressed nowhere, consenting to email
     * and letters, below the top 500 ids that the journey tests take.
     */
    private List<Long> customers(int count) {
        CampaignFixtures fixtures = new CampaignFixtures(jdbc, materials);
        List<Long> ids = jdbc.sql("""
                        select id from (select * from customer order by id desc offset 500) c
                        where email is not null and btrim(coalesce(address_line, '')) <> ''
                          and btrim(coalesce(postal_code, '')) <> '' and btrim(coalesce(city, '')) <> ''
                          and not exists (select 1 from survey_response r where r.customer_id = c.id)
                          and not exists (select 1 from campaign_member m join campaign k on k.id = m.campaign_id
                                          where m.customer_id = c.id and k.source = 'demo')
                          and not exists (select 1 from suppression s
                                          where s.customer_id = c.id or s.address = lower(c.email))
                        order by id desc limit :count""").param("count", count).query(Long.class).list();
        for (long id : ids) {
            fixtures.consent(id, "EMAIL", true);
            fixtures.consent(id, "MAIL", true);
        }
        return ids;
    }

    private String body(String budget, String graph) {
        return """
                {"plan": {"name": "Coffee beans trial %s", "purpose": "CROSS_SELL", "owner": "marketer",
                          "budget": [{"costType": "MESSAGING", "amount": "%s"}]},
                 "graph": %s}""".formatted(UUID.randomUUID(), budget, graph);
    }

    private String graph(List<Long> customers, String name) {
        long segment = new CampaignFixtures(jdbc, materials)
                .snapshot(segments, fields, customers)
                .id();
        long trial = surveys.findByKey("coffee_trial").orElseThrow().id();
        return DemoJourney.graph(segment, demo.materials(name, "marketer"), trial, "Product improvement " + name);
    }

    private long create(String budget, String graph) throws Exception {
        var created = api(marketer, "POST", "/api/v1/journeys", body(budget, graph));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("campaign").get("id").asLong();
    }

    private long step(long journey, String node) {
        return jdbc.sql("select step_id from journey_node where campaign_id = :id and node_id = :node")
                .param("id", journey)
                .param("node", node)
                .query(Long.class)
                .single();
    }

    private int twoTicksAt(long journey, Instant now) {
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> engine.advance(journey, now));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> engine.advance(journey, now));
        return one.join() + two.join();
    }

    private Map<Long, List<String>> paths(long journey) {
        Map<Long, List<String>> paths = new HashMap<>();
        jdbc.sql("select customer_id, node_id from journey_path where campaign_id = :id order by customer_id, seq")
                .param("id", journey)
                .query(rs -> {
                    paths.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return paths;
    }

    private Map<Long, List<MimeMessage>> received(long step) throws Exception {
        Map<Long, List<MimeMessage>> byCustomer = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            MessageIds.parse(String.valueOf(message.getHeader(MessageIds.HEADER, null)))
                    .filter(t -> t.stepId() == step)
                    .ifPresent(t -> byCustomer
                            .computeIfAbsent(t.customerId(), k -> new ArrayList<>())
                            .add(message));
        }
        return byCustomer;
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

    /**
     * Follows the message's tracked link to a target starting with {@code target} as a mail client would (a GET of
     * the signed click address); answers where the redirect leads.
     */
    private String click(MimeMessage message, String target) throws Exception {
        URI uri = Jsoup.parse(html(message)).select("a[href]").eachAttr("href").stream()
                .filter(h -> h.contains("/t/c/"))
                .map(URI::create)
                .filter(u -> URLDecoder.decode(u.getRawQuery().substring("u=".length()), UTF_8)
                        .startsWith(target))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url(uri.getRawPath() + "?" + uri.getRawQuery())))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isBetween(300, 399);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Answers the trial survey on its public page, as the customer would: the rating and the four aspects. */
    private void answer(MimeMessage survey, int rating) throws Exception {
        String link = click(survey, properties.publicUrl() + "/s/coffee_trial/");
        String path = link.substring(properties.publicUrl().length());
        Session customer = session();
        assertThat(customer.get(path).statusCode()).isEqualTo(200);
        StringBuilder form = new StringBuilder("q.trial_rating=" + rating);
        for (String aspect : List.of("taste", "aroma", "freshness", "price")) {
            form.append("&q.beans.").append(aspect).append(".perceived=4");
            form.append("&q.beans.").append(aspect).append(".expected=4");
        }
        assertThat(customer.postForm(path, path, form.toString()).statusCode()).isEqualTo(302);
        // the link, used again, asks nothing more
        assertThat(customer.get(path).body()).doesNotContain("q.trial_rating");
    }

    @Test
    void theDemoJourneyRunsEndToEnd() throws Exception {
        List<Long> customers = customers(24);
        assertThat(customers).hasSize(24);
        String name = "e2e " + UUID.randomUUID();
        long journey = create("5000", graph(customers, name));
        assertThat(api(marketer, "POST", "/api/v1/campaigns/" + journey + "/submit", null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(api(manager, "POST", "/api/v1/campaigns/" + journey + "/approve", null)
                        .statusCode())
                .isEqualTo(200);
        var launched = api(marketer, "POST", "/api/v1/campaigns/" + journey + "/launch", null);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        GreenMailSending sending = new GreenMailSending(context, smtp);
        Instant t0 = TEST_NOW;

        // entry → invitation → waiting for the accept link
        assertThat(twoTicksAt(journey, t0)).isEqualTo(48);
        long invite = step(journey, "invite");
        sending.drain(invite, "demo-journey");
        Map<Long, List<MimeMessage>> invitations = received(invite);
        assertThat(invitations).hasSize(24).allSatisfy((c, m) -> assertThat(m).hasSize(1));

        // twelve accept through the real tracking endpoint: handed to the presales group
        List<Long> accepting = customers.subList(0, 12);
        for (long customer : accepting) {
            click(invitations.get(customer).getFirst(), DemoJourney.ACCEPT);
        }
        assertThat(twoTicksAt(journey, t0.plus(Duration.ofMinutes(1)))).isEqualTo(24);
        for (long customer : accepting) {
            assertThat(tasks.of(customer))
                    .filteredOn(t -> journey == t.campaignId())
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.kind()).isEqualTo(Tasks.Kind.FOLLOW_UP);
                        assertThat(t.assignee()).isIn("agent", "sales");
                        assertThat(t.title()).endsWith(": Presales group");
                    });
        }
        assertThat(jdbc.sql("""
                        select count(*) from interaction where kind = 'TASK_CREATED' and customer_id in (:ids)
                          and (details ->> 'campaignId')::bigint = :journey""")
                        .param("ids", accepting)
                        .param("journey", journey)
                        .query(Long.class)
                        .single())
                .isEqualTo(12);

        // no reply within 7 days: a letter
        assertThat(twoTicksAt(journey, t0.plus(Duration.ofDays(7)).minusSeconds(1)))
                .isZero();
        assertThat(twoTicksAt(journey, t0.plus(Duration.ofDays(7)).plusSeconds(10)))
                .isEqualTo(24);
        long letter = step(journey, "letter");
        assertThat(jdbc.sql("select customer_id from campaign_member where step_id = :s and send_status = 'PENDING'")
                        .param("s", letter)
                        .query(Long.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(customers.subList(12, 24));

        // the trial's 14 days: the survey, answered on the public page
        Instant surveyed = t0.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(2));
        assertThat(twoTicksAt(journey, surveyed.minus(Duration.ofMinutes(2)))).isZero();
        assertThat(twoTicksAt(journey, surveyed)).isEqualTo(24);
        long survey = step(journey, "survey");
        sending.drain(survey, "demo-journey");
        Map<Long, List<MimeMessage>> surveys = received(survey);
        assertThat(surveys.keySet()).containsExactlyInAnyOrderElementsOf(accepting);
        int[] ratings = {5, 4, 4, 5, 3, 3, 2, 1, 2};
        for (int i = 0; i < ratings.length; i++) {
            answer(surveys.get(accepting.get(i)).getFirst(), ratings[i]);
        }
        List<Long> high = accepting.subList(0, 4);
        List<Long> middle = accepting.subList(4, 6);
        List<Long> low = accepting.subList(6, 9);
        List<Long> silent = accepting.subList(9, 12);
        // 4 and 5 at once; the others wait the hour at "Rated 4 or 5?", then 1 and 2 at once, 3 another hour
        assertThat(twoTicksAt(journey, surveyed.plus(Duration.ofMinutes(1)))).isEqualTo(9 + 4 * 2);
        assertThat(twoTicksAt(journey, surveyed.plus(Duration.ofMinutes(62)))).isEqualTo(5 + 3 * 2);
        assertThat(twoTicksAt(journey, surveyed.plus(Duration.ofMinutes(123)))).isEqualTo(2);
        // the survey's time limit
        assertThat(twoTicksAt(journey, surveyed.plus(Duration.ofDays(14)).plusSeconds(10)))
                .isEqualTo(3);
        assertThat(twoTicksAt(journey, surveyed.plus(Duration.ofDays(60)))).isZero();

        Map<Long, List<String>> paths = paths(journey);
        assertThat(paths).hasSize(24);
        List<String> accepted = List.of("in", "invite", "accepted", "presales", "trial", "survey", "answered");
        high.forEach(c -> assertThat(paths.get(c)).containsExactlyElementsOf(with(accepted, "high", "lead", "end")));
        middle.forEach(c -> assertThat(paths.get(c)).containsExactlyElementsOf(with(accepted, "high", "low", "end")));
        low.forEach(c ->
                assertThat(paths.get(c)).containsExactlyElementsOf(with(accepted, "high", "low", "improve", "end")));
        silent.forEach(c -> assertThat(paths.get(c)).containsExactlyElementsOf(with(accepted, "end")));
        customers
                .subList(12, 24)
                .forEach(c -> assertThat(paths.get(c)).containsExactly("in", "invite", "accepted", "letter", "end"));
        assertThat(jdbc.sql("""
                        select count(*) from journey_position where campaign_id = :id and state = 'DONE'
                          and node_id = 'end'""").param("id", journey).query(Long.class).single())
                .isEqualTo(24);

        // high raters: a lead for sales
        for (long customer : accepting) {
            List<Leads.Lead> found = leads.ofCustomer(customer).stream()
                    .filter(l -> Long.valueOf(journey).equals(l.campaignId()))
                    .toList();
            assertThat(found).hasSize(high.contains(customer) ? 1 : 0);
            found.forEach(l -> {
                assertThat(l.owner()).isEqualTo("sales");
                assertThat(l.source()).isEqualTo(LeadSource.JOURNEY_NODE);
                assertThat(l.journeyNode()).isEqualTo("lead");
            });
        }
        // low raters: the sub-campaign, a draft under the journey, its budget drawn from the journey's
        assertThat(subCampaigns.children(journey)).singleElement().satisfies(child -> {
            assertThat(child.node()).isEqualTo("improve");
            assertThat(child.name()).isEqualTo("Product improvement " + name);
            assertThat(child.status().name()).isEqualTo("DRAFT");
            assertThat(child.budget()).isEqualByComparingTo("1500");
            assertThat(child.entrants()).isEqualTo(3);
        });
        assertThat(subCampaigns.remaining(journey)).isEqualByComparingTo(new BigDecimal("3500"));
        long child = subCampaigns.children(journey).getFirst().id();
        var visible = json.readTree(api(manager, "GET", "/api/v1/campaigns/" + journey + "/sub-campaigns", null)
                .body());
        assertThat(visible.get("budgetLeft").decimalValue()).isEqualByComparingTo("3500");
        assertThat(visible.get("children").get(0).get("id").asLong()).isEqualTo(child);
        assertThat(visible.get("children").get(0).get("entrants").asLong()).isEqualTo(3);
        assertThat(jdbc.sql("select customer_id from campaign_entrant where campaign_id = :id")
                        .param("id", child)
                        .query(Long.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(low);

        // nothing sent twice
        assertThat(received(invite))
                .hasSize(24)
                .allSatisfy((c, m) -> assertThat(m).hasSize(1));
        assertThat(received(survey))
                .hasSize(12)
                .allSatisfy((c, m) -> assertThat(m).hasSize(1));
        assertThat(jdbc.sql("select count(*) from survey_response where campaign_id = :id")
                        .param("id", journey)
                        .query(Long.class)
                        .single())
                .isEqualTo(9);
    }

    private static List<String> with(List<String> start, String... more) {
        List<String> all = new ArrayList<>(start);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void aSubCampaignLargerThanTheBudgetLeftIsRefusedAtSubmission() throws Exception {
        long journey = create("1000", graph(customers(2), "small " + UUID.randomUUID()));
        var submitted = api(marketer, "POST", "/api/v1/campaigns/" + journey + "/submit", null);
        assertThat(submitted.statusCode()).isEqualTo(400);
        assertThat(submitted.body()).contains("nodes[improve].config.budget");
        assertThat(jdbc.sql("select status from campaign where id = :id")
                        .param("id", journey)
                        .query(String.class)
                        .single())
                .isEqualTo("DRAFT");
    }
}
