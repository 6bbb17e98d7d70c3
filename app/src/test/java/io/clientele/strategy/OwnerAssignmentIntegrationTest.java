package io.clientele.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.identity.UserDataScopes;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoredCustomers;
import io.clientele.segment.SegmentQueries;
import io.clientele.segment.summary.SegmentSummaryWorker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account managers assigned in bulk to a one-to-one class: the rules (store first, then round-robin, within the
 * capacity), the customers then in the salesperson's book, an idempotent retry, and bad input refused with the field
 * named and nothing stored. Its salespeople are its own, with a capacity, and disabled afterwards, so that other tests'
 * leads and scopes stay as they were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnerAssignmentIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    UserAccounts users;

    @Autowired
    UserDataScopes scopes;

    @Autowired
    SegmentQueries queries;

    @Autowired
    SegmentSummaryWorker worker;

    private ScoreRun run;
    private String cell;
    private String manager;
    private String near;
    private String far;
    private String nearStore;

    @BeforeAll
    void setUp() {
        run = scoreNow();
        manager = tokens.issue("assign-" + UUID.randomUUID(), Role.MARKETING_MANAGER.scopes(), "test")
                .secret();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        near = "am-near-" + suffix;
        far = "am-far-" + suffix;
        users.create(near, "Near", Role.SALES, "demo-pass");
        users.create(far, "Far", Role.SALES, "demo-pass");
        // the one-to-one class with most customers without an account manager; the browser test's class last
        cell = jdbc.sql("""
                        select s.matrix_class from customer_score s join customer c on c.id = s.customer_id
                        where s.run_id = :run and s.matrix_class like 'HIGH_VOLUME_%' and c.owner_username is null
                        group by 1 order by s.matrix_class = 'HIGH_VOLUME_LOW_SATISFACTION', count(*) desc limit 1""").param("run", run.id()).query(String.class).single();
        // the near one works the home store of the class's best unowned customer
        nearStore = jdbc.sql("""
                        select st.code from customer_score s join customer c on c.id = s.customer_id
                        join store st on st.id = c.home_store_id
                        where s.run_id = :run and s.matrix_class = :class and c.owner_username is null
                        order by s.profit desc, c.id limit 1""")
                .param("run", run.id())
                .param("class", cell)
                .query(String.class)
                .single();
        scopes.assign(near, nearStore, "", "test");
    }

    @AfterAll
    void disableTheSalespeople() {
        jdbc.sql("update app_user set enabled = false where username in (:near, :far)")
                .param("near", near)
                .param("far", far)
                .update();
    }

    @Test
    void dealsTheClassByStoreThenRoundRobinWithinTheCapacityIntoTheSalespersonsBook() throws Exception {
        List<Long> unowned = unownedOfTheClass();
        long best = unowned.getFirst();
        String key = UUID.randomUUID().toString();
        String body = request(List.of(near, far), "STORE", 2);

        HttpResponse<String> first = assign(key, body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode result = json.readTree(first.body());
        int expected = Math.min(4, unowned.size());
        assertThat(result.get("assigned").asInt()).isEqualTo(expected);
        assertThat(result.get("unassigned").asInt()).isEqualTo(unowned.size() - expected);
        assertThat(owner(best)).as("the best customer, of the near one's store").isEqualTo(near);
        List<Long> nears = ownedBy(near);
        List<Long> fars = ownedBy(far);
        assertThat(nears).hasSize(Math.min(2, expected));
        assertThat(fars).hasSize(expected - nears.size());
        assertThat(unowned).containsAll(nears).containsAll(fars);
        // the customers changed owner, and the class's segment still counts the cell
        var condition = FigureConditions.of(ScoredCustomers.Filter.matrix(cell));
        long cellCount = jdbc.sql("select count(*) from customer_score where run_id = :run and matrix_class = :class")
                .param("run", run.id())
                .param("class", cell)
                .query(Long.class)
                .single();
        assertThat(queries.count(condition))
                .as("plain %d", queries.countPlain(condition, queries.context()))
                .isEqualTo(cellCount);
        // and so it does once the changed customers are folded into the summary and the index
        worker.refreshWhenDue();
        assertThat(queries.count(condition))
                .as("folded; plain %d", queries.countPlain(condition, queries.context()))
                .isEqualTo(cellCount);
        // the far one has no stores: the customers they were given are in their book, and only those
        var book = session();
        book.signIn(far, "demo-pass");
        assertThat(book.get("/api/v1/customers/" + fars.getFirst()).statusCode())
                .isEqualTo(200);
        Long other =
                unowned.stream().filter(id -> !fars.contains(id)).findFirst().orElseThrow();
        assertThat(book.get("/api/v1/customers/" + other).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'customer.owners.assigned'"
                                + " and entity_id = :id")
                        .param("id", result.get("id").asText())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        long stored = assignments();

        HttpResponse<String> retried = assign(key, body);

        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(json.readTree(retried.body())).isEqualTo(result);
        assertThat(ownedBy(near)).isEqualTo(nears);
        assertThat(assignments()).isEqualTo(stored);
        assertThat(assign(key, request(List.of(far), "ROUND_ROBIN", 2)).statusCode())
                .isEqualTo(422);
    }

    @Test
    void refusesWhatIsWrongNamingTheFieldAndStoresNothing() throws Exception {
        long before = assignments();
        long owned = jdbc.sql("select count(*) from customer where owner_username is not null")
                .query(Long.class)
                .single();

        assertRefused(request(List.of("nobody-" + UUID.randomUUID()), "STORE", null), "salespeople[0]");
        assertRefused(request(List.of(near, "analyst"), "STORE", null), "salespeople[1]");
        assertRefused(request(List.of(near, near), "STORE", null), "salespeople[1]");
        assertRefused(request(List.of(), "STORE", null), "salespeople");
        assertRefused(request(List.of(near), "NEAREST", null), "rule");
        assertRefused(request(List.of(near), "STORE", 0), "capacity");
        assertRefused(
                json.writeValueAsString(Map.of(
                        "figure", Map.of("matrix", "MEDIUM_VOLUME_LOW_SATISFACTION"),
                        "rule", "STORE",
                        "salespeople", List.of(near))),
                "figure.matrix");
        assertRefused(json.writeValueAsString(Map.of("rule", "STORE", "salespeople", List.of(near))), "figure");

        assertThat(assignments()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from customer where owner_username is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(owned);
    }

    @Test
    void theFormShowsWhatIsWrongAndStoresNothing() throws Exception {
        long before = assignments();
        var manager = session();
        manager.signIn("manager", "demo");
        String drill = "/insight/customers?run=" + run.id() + "&matrix=" + cell;
        assertThat(manager.get("/insight/customers/actions?run=" + run.id() + "&matrix=" + cell)
                        .body())
                .contains("data-testid=\"assign-owners\"", "data-testid=\"start-campaign\"");

        var refused = manager.postForm(
                drill,
                "/customers/owner-assignments",
                "run=" + run.id() + "&matrix=" + cell + "&rule=STORE" + "&salespeople=analyst");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("data-testid=\"figure-problems\"", "salespeople[0]");
        assertThat(assignments()).isEqualTo(before);
    }

    private void assertRefused(String body, String field) throws Exception {
        HttpResponse<String> response = assign(null, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").findValuesAsString("field"))
                .as(response.body())
                .contains(field);
    }

    private String request(List<String> salespeople, String rule, Integer capacity) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("figure", Map.of("matrix", cell, "run", run.id()));
        body.put("rule", rule);
        body.put("salespeople", salespeople);
        body.put("capacity", capacity);
        return json.writeValueAsString(body);
    }

    private HttpResponse<String> assign(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/api/v1/customers/owner-assignments")))
                .header("Authorization", "Bearer " + manager)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Long> unownedOfTheClass() {
        return jdbc.sql("""
                        select c.id from customer_score s join customer c on c.id = s.customer_id
                        where s.run_id = :run and s.matrix_class = :class and c.owner_username is null
                        order by s.profit desc, c.id""")
                .param("run", run.id())
                .param("class", cell)
                .query(Long.class)
                .list();
    }

    private List<Long> ownedBy(String username) {
        return jdbc.sql("select id from customer where owner_username = :owner order by id")
                .param("owner", username)
                .query(Long.class)
                .list();
    }

    private String owner(long customer) {
        return jdbc.sql("select owner_username from customer where id = :id")
                .param("id", customer)
                .query(String.class)
                .single();
    }

    private long assignments() {
        return jdbc.sql("select count(*) from owner_assignment")
                .query(Long.class)
                .single();
    }
}
