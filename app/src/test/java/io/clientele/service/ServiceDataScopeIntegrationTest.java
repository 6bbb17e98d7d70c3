package io.clientele.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.identity.UserDataScopes;
import io.clientele.insight.ScoreRun;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Service requests and product-quality figures keep to data scopes: an agent given a store sees the requests of that
 * store (a receipt's store, else the customer's home store) and no other — list, page, API and every change alike —,
 * an agent given none sees all; the demo's store manager sees the complaint and failure rates of their store only,
 * the service manager every store's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceDataScopeIntegrationTest extends ApplicationTestSupport {
    private static final String PASSWORD = "scoped-agent-password";
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    UserAccounts accounts;

    @Autowired
    UserDataScopes assignments;

    private String integration;
    private int ownStore;
    private int otherStore;
    private long ownRequest;
    private long otherRequest;

    @BeforeAll
    void setUp() throws Exception {
        integration = tokens.issue("scope-integration", Role.SERVICE_MANAGER.scopes(), "test")
                .secret();
        String storeCode = assignments.all().get("store").stores().getFirst();
        ownStore = storeId(storeCode);
        otherStore = jdbc.sql("select min(id) from store where id <> :own")
                .param("own", ownStore)
                .query(Integer.class)
                .single();
        accounts.create("scoped-agent", "Scoped agent", Role.SERVICE_AGENT, PASSWORD);
        assignments.assign("scoped-agent", storeCode, "", "test");
        ownRequest = request(customerOf(ownStore), "Question at my store");
        otherRequest = request(customerOf(otherStore), "Question at another store");
    }

    private int storeId(String code) {
        return jdbc.sql("select id from store where code = :code")
                .param("code", code)
                .query(Integer.class)
                .single();
    }

    /** A customer whose home store it is, owned by no one. */
    private long customerOf(int store) {
        return jdbc.sql("insert into customer (first_name, home_store_id) values ('Scoped', :store) returning id")
                .param("store", store)
                .query(Long.class)
                .single();
    }

    private long request(long customer, String subject) throws Exception {
        HttpResponse<String> created = api(
                integration,
                "POST",
                "/api/v1/service/requests",
                "{\"customerId\":" + customer + ",\"subject\":\"" + subject + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asLong();
    }

    private List<Long> queue(Session session) throws Exception {
        HttpResponse<String> response = session.get("/api/v1/service/requests?size=200");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json.readTree(response.body())
                .get("items")
                .forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    @Test
    void anAgentGivenAStoreSeesAndWorksThatStoresRequestsOnly() throws Exception {
        Session agent = session();
        agent.signIn("scoped-agent", PASSWORD);
        assertThat(queue(agent)).contains(ownRequest).doesNotContain(otherRequest);
        assertThat(agent.get("/api/v1/service/requests/" + ownRequest).statusCode())
                .isEqualTo(200);
        assertThat(agent.get("/api/v1/service/requests/" + otherRequest).statusCode())
                .as("as if it did not exist")
                .isEqualTo(404);
        assertThat(agent.get("/service/" + ownRequest).statusCode()).isEqualTo(200);
        assertThat(agent.get("/service/" + otherRequest).statusCode()).isEqualTo(404);
        assertThat(agent.get("/service").body())
                .contains("/service/" + ownRequest + "\"")
                .doesNotContain("/service/" + otherRequest + "\"");

        // a change through the page is refused before anything is written
        HttpResponse<String> noted =
                agent.postForm("/service/" + ownRequest, "/service/" + otherRequest + "/notes", "body=Not+mine");
        assertThat(noted.statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from service_message where request_id = :id and kind = 'NOTE'")
                        .param("id", otherRequest)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(agent.postForm("/service/" + ownRequest, "/service/" + otherRequest + "/resolve", "")
                        .statusCode())
                .isEqualTo(404);
        assertThat(jdbc.sql("select status from service_request where id = :id")
                        .param("id", otherRequest)
                        .query(String.class)
                        .single())
                .isEqualTo("NEW");

        // an agent given no store works for all of them
        Session everyone = session();
        everyone.signIn("agent", "demo");
        assertThat(everyone.get("/api/v1/service/requests/" + otherRequest).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aStoreManagerSeesTheRatesOfTheirStoreAndTheServiceManagerAll() throws Exception {
        for (int store : new int[] {ownStore, otherStore}) {
            Map<String, Object> receipt =
                    jdbc.sql("""
                            select s.id as sale, s.customer_id as customer, l.product_id as product
                            from sale s join sale_line l on l.sale_id = s.id
                            where s.store_id = :store and s.kind = 'SALE' and s.customer_id is not null
                            order by s.sold_at desc, s.id limit 1""").param("store", store).query().singleRow();
            HttpResponse<String> created = api(
                    integration,
                    "POST",
                    "/api/v1/service/requests",
                    json.writeValueAsString(Map.of(
                            "customerId", receipt.get("customer"),
                            "subject", "It broke",
                            "category", "PRODUCT_FAILURE",
                            "productId", receipt.get("product"),
                            "saleId", receipt.get("sale"))));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        ScoreRun run = scoreNow();

        Session manager = session();
        manager.signIn("store", "demo");
        HttpResponse<String> page = manager.get("/service/quality?byStore=true&run=" + run.id());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(stores(page.body())).isNotEmpty().containsOnly(ownStore);
        assertThat(page.body()).contains("quality-chart");
        JsonNode rates = json.readTree(manager.get("/api/v1/insight/runs/" + run.id() + "/product-quality?byStore=true")
                .body());
        assertThat(rates)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("storeId").asInt()).isEqualTo(ownStore));
        assertThat(manager.get("/service/quality?store=" + otherStore + "&run=" + run.id())
                        .body())
                .doesNotContain("data-store=\"" + otherStore + "\"");

        Session serviceManager = session();
        serviceManager.signIn("servicemanager", "demo");
        assertThat(stores(serviceManager
                        .get("/service/quality?byStore=true&run=" + run.id())
                        .body()))
                .contains(ownStore, otherStore);
        assertThat(serviceManager.get("/service/quality?run=987654321").statusCode())
                .isEqualTo(404);
    }

    private static List<Integer> stores(String html) {
        List<Integer> stores = new ArrayList<>();
        Matcher m = Pattern.compile("data-store=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            stores.add(Integer.parseInt(m.group(1)));
        }
        return stores;
    }
}
