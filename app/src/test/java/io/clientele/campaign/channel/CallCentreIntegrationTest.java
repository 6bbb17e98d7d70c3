package io.clientele.campaign.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.campaign.material.Materials;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Call lists shared among agents by each mode, the agent's own screen, and outcomes recorded once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallCentreIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    Materials materials;

    @Autowired
    CallAgents agents;

    @Autowired
    CallAssignments assignments;

    @Autowired
    Calls calls;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    PlatformTransactionManager transactions;

    private CampaignFixtures fixtures;
    private long script;
    private int north;
    private int south;
    private int west;

    @BeforeAll
    void setUp() {
        fixtures = new CampaignFixtures(jdbc, materials);
        script = fixtures.textMaterial(
                "CALL_SCRIPT", "Hello {{first_name|there}}, this is about {{offer.description}}.");
        List<Integer> regions = jdbc.sql("select id from region order by id limit 3")
                .query(Integer.class)
                .list();
        north = regions.get(0);
        south = regions.get(1);
        west = regions.get(2);
    }

    @BeforeEach
    void noAgents() {
        jdbc.sql("delete from call_agent").update();
    }

    private void agent(String username, Integer region, int capacity) {
        agents.save(new CallAgentInput(username, region, capacity, true));
    }

    /** New customers of the regions, with a phone; ids in the order given. */
    private List<Long> customers(Integer... regions) {
        List<Long> ids = new ArrayList<>();
        for (Integer region : regions) {
            ids.add(jdbc.sql("""
                            insert into customer (first_name, last_name, phone, region_id)
                            values ('Cal', :last, '+1 555 0100', :region) returning id""")
                    .param("last", "Lee-" + UUID.randomUUID().toString().substring(0, 6))
                    .param("region", region)
                    .query(Long.class)
                    .single());
        }
        return ids;
    }

    private long callStep(String mode, List<Long> customers) {
        long campaign = fixtures.runningCampaign("Calls " + UUID.randomUUID());
        long step = fixtures.frozenStep(campaign, StepChannel.CALL, script, "our spring sale");
        jdbc.sql("update campaign_step set assignment = :mode where id = :id")
                .param("mode", mode)
                .param("id", step)
                .update();
        fixtures.treated(step, customers);
        return step;
    }

    private Map<Long, String> assigned(long step) {
        Map<Long, String> agents = new LinkedHashMap<>();
        jdbc.sql("select customer_id, agent from campaign_member where step_id = :step order by customer_id")
                .param("step", step)
                .query(rs -> {
                    agents.put(rs.getLong(1), rs.getString(2));
                });
        return agents;
    }

    private void freeze(long step) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> events.publishEvent(new StepFrozen(
                        jdbc.sql("select campaign_id from campaign_step where id = :id")
                                .param("id", step)
                                .query(Long.class)
                                .single(),
                        step,
                        StepChannel.CALL)));
    }

    @Test
    void roundRobinDealsTheListInTurnByCustomerWhenTheStepIsFrozen() {
        // the demo users serve as agents (the demo's user list stays as it is)
        agent("analyst", null, 50);
        agent("admin", null, 50);
        agent("agent", null, 50);
        List<Long> customers = customers(north, south, west, north, null, south, west);
        long step = callStep("ROUND_ROBIN", customers);
        freeze(step);
        List<String> expected = List.of("admin", "agent", "analyst", "admin", "agent", "analyst", "admin");
        assertThat(new ArrayList<>(assigned(step).values())).containsExactlyElementsOf(expected);
        assertThat(assignments.assign(step))
                .as("assigning again changes nothing")
                .isZero();
        assertThat(new ArrayList<>(assigned(step).values())).containsExactlyElementsOf(expected);
    }

    @Test
    void regionGoesToTheRegionsAgentsInTurnAndTheRestToEveryone() {
        agent("admin", north, 50);
        agent("agent", north, 50);
        agent("analyst", south, 50);
        agent("manager", null, 50);
        // north ×3 → admin, agent, admin; south ×2 → analyst, analyst; west, none, west (no agent there) → everyone
        // in turn: admin, agent, analyst
        List<Long> customers = customers(north, south, west, north, null, south, north, west);
        long step = callStep("REGION", customers);
        assertThat(assignments.assign(step)).isEqualTo(8);
        Map<Long, String> assigned = assigned(step);
        assertThat(customers.stream().map(assigned::get).toList())
                .containsExactly("admin", "analyst", "admin", "agent", "agent", "analyst", "admin", "analyst");
    }

    @Test
    void capacityIsProportionalNeverAboveItAndTheRestStaysUnassignedUntilReassigned() {
        agent("admin", null, 2);
        agent("agent", null, 6);
        agent("analyst", null, 0);
        List<Long> customers = customers(north, north, north, north, north, north, north, north, north, north);
        long step = callStep("CAPACITY", customers);
        assertThat(assignments.assign(step)).isEqualTo(8);
        CallAssignments.Summary summary = assignments.summary(step);
        assertThat(summary.unassigned()).isEqualTo(2);
        assertThat(loads(summary))
                .containsEntry("admin", 2L)
                .containsEntry("agent", 6L)
                .containsEntry("analyst", 0L);

        // agent leaves, manager arrives: agent's six and the two left over go to manager; admin is full
        agents.save(new CallAgentInput("agent", null, 6, false));
        agent("manager", null, 10);
        assertThat(assignments.reassign(step)).isEqualTo(8);
        summary = assignments.summary(step);
        assertThat(summary.unassigned()).isZero();
        assertThat(loads(summary))
                .containsEntry("admin", 2L)
                .containsEntry("manager", 8L)
                .containsEntry("agent", 0L);

        // a list smaller than the room: 4 of room 2 + 10 → shares 0.67 and 3.33 → 1 and 3
        long small = callStep("CAPACITY", customers(north, north, north, north));
        assignments.assign(small);
        assertThat(loads(assignments.summary(small))).containsEntry("admin", 1L).containsEntry("manager", 3L);
    }

    private static Map<String, Long> loads(CallAssignments.Summary summary) {
        Map<String, Long> loads = new LinkedHashMap<>();
        summary.agents().forEach(a -> loads.put(a.agent(), a.pending()));
        return loads;
    }

    @Test
    void anAgentSeesAndRecordsOnlyTheirOwnCallsOnThePageAndTheApi() throws Exception {
        agent("agent", null, 50);
        agent("sales", null, 50);
        List<Long> customers = customers(north, south, west, north);
        long step = callStep("ROUND_ROBIN", customers);
        assignments.assign(step);
        Map<Long, String> assigned = assigned(step);
        long mine = customers.stream()
                .filter(c -> assigned.get(c).equals("agent"))
                .findFirst()
                .orElseThrow();
        long theirs = customers.stream()
                .filter(c -> assigned.get(c).equals("sales"))
                .findFirst()
                .orElseThrow();

        var agentSession = session();
        agentSession.signIn("agent", "demo");
        String queue = agentSession.get("/calls").body();
        assertThat(queue).contains("data-customer=\"" + mine + "\"").doesNotContain("data-customer=\"" + theirs + "\"");
        HttpResponse<String> card = agentSession.get("/calls/" + step + "/" + mine);
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("Hello Cal, this is about our spring sale.");
        assertThat(agentSession.get("/calls/" + step + "/" + theirs).statusCode())
                .isEqualTo(404);

        // the API in the agent's session: the same scope
        JsonNode own = json.readTree(agentSession.get("/api/v1/calls").body());
        List<Long> listed = new ArrayList<>();
        own.get("items").forEach(item -> listed.add(item.get("customerId").asLong()));
        assertThat(listed).contains(mine).doesNotContain(theirs);
        own.get("items").forEach(item -> assertThat(item.get("agent").asText()).isEqualTo("agent"));
        assertThat(agentSession.get("/api/v1/calls/" + step + "/" + theirs).statusCode())
                .isEqualTo(404);
        assertThat(agentSession
                        .postForm(
                                "/calls/" + step + "/" + mine,
                                "/calls/" + step + "/" + theirs + "/outcome",
                                "outcome=INTERESTED&attempt=0")
                        .statusCode())
                .isEqualTo(404);

        // a manager's token sees every agent's calls, filtered by agent
        String manager = tokens.issue("calls-manager", Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
        JsonNode theirsOnly = json.readTree(
                api(manager, "GET", "/api/v1/calls?agent=sales&size=200", null).body());
        List<Long> managerSees = new ArrayList<>();
        theirsOnly
                .get("items")
                .forEach(item -> managerSees.add(item.get("customerId").asLong()));
        assertThat(managerSees).contains(theirs).doesNotContain(mine);
        // a token without campaigns:read is no agent: it sees no one's calls
        String service = tokens.issue("calls-service", Role.SERVICE_AGENT.scopes(), "test")
                .secret();
        assertThat(json.readTree(api(service, "GET", "/api/v1/calls", null).body())
                        .get("total")
                        .asLong())
                .isZero();
        // managing agents is for managers
        assertThat(api(service, "GET", "/api/v1/call-agents", null).statusCode())
                .isEqualTo(403);
        assertThat(api(manager, "PUT", "/api/v1/call-agents/store", "{\"capacity\": 7}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> wrong = api(manager, "PUT", "/api/v1/call-agents/nobody", "{\"capacity\": -1}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("username").contains("capacity");
    }

    @Test
    void anOutcomeSubmittedTwiceRecordsOnceAndNoAnswerReturnsTheCallToTheQueue() throws Exception {
        agent("agent", null, 50);
        List<Long> customers = customers(north, south);
        long step = callStep("ROUND_ROBIN", customers);
        assignments.assign(step);
        long first = customers.get(0);
        CallViewer viewer = new CallViewer("agent", false);

        var session = session();
        session.signIn("agent", "demo");
        String page = "/calls/" + step + "/" + first;
        HttpResponse<String> saved =
                session.postForm(page, page + "/outcome", "outcome=NO_ANSWER&attempt=0&note=voicemail");
        assertThat(saved.statusCode()).isEqualTo(302);
        // a double click: the same attempt again
        assertThat(session.postForm(page, page + "/outcome", "outcome=NO_ANSWER&attempt=0")
                        .statusCode())
                .isEqualTo(302);
        assertThat(member(step, first)).isEqualTo("PENDING/1");
        assertThat(calls.queue(viewer, null, 0, 200).items())
                .anyMatch(c -> c.customerId() == first && c.attempts() == 1);

        Calls.Recorded done = calls.record(viewer, step, first, "interested", "wants the catalogue", 1);
        assertThat(done.status().name()).isEqualTo("SENT");
        Calls.Recorded again = calls.record(viewer, step, first, "INTERESTED", null, 1);
        assertThat(again.repeated()).isTrue();
        assertThat(member(step, first)).isEqualTo("SENT/2");
        assertThat(jdbc.sql("select count(*) from call_attempt where step_id = :s and customer_id = :c")
                        .param("s", step)
                        .param("c", first)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("""
                                select string_agg(detail, ',' order by id) from campaign_response
                                where step_id = :s and customer_id = :c and kind = 'CALL_OUTCOME'""")
                        .param("s", step)
                        .param("c", first)
                        .query(String.class)
                        .single())
                .isEqualTo("NO_ANSWER,INTERESTED");
        assertThat(calls.queue(viewer, null, 0, 200).items()).noneMatch(c -> c.customerId() == first);
        // a stale attempt, a bad outcome
        assertThatThrownBy(() -> calls.record(viewer, step, customers.get(1), "INTERESTED", null, 3))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> calls.record(viewer, step, customers.get(1), "MAYBE", null, 0))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() ->
                        calls.record(new CallViewer("sales", false), step, customers.get(1), "INTERESTED", null, 0))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void doNotCallSuppressesTheCustomerOnTheCallChannel() {
        agent("agent", null, 50);
        List<Long> customers = customers(north);
        long step = callStep("ROUND_ROBIN", customers);
        assignments.assign(step);
        long customer = customers.getFirst();
        calls.record(new CallViewer("agent", false), step, customer, "DO_NOT_CALL", "asked firmly", 0);
        assertThat(jdbc.sql("""
                                select channel || '/' || reason from suppression where customer_id = :c""").param("c", customer).query(String.class).list())
                .containsExactly("CALL/UNSUBSCRIBED");
        assertThat(member(step, customer)).isEqualTo("SENT/1");
        assertThat(jdbc.sql("select status from campaign_step where id = :id")
                        .param("id", step)
                        .query(String.class)
                        .single())
                .as("no call left: the step is done")
                .isEqualTo("SENT");
    }

    private String member(long step, long customer) {
        return jdbc.sql(
                        "select send_status || '/' || attempts from campaign_member where step_id = :s and customer_id = :c")
                .param("s", step)
                .param("c", customer)
                .query(String.class)
                .single();
    }
}
