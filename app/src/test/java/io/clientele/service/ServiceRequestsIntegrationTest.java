package io.clientele.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Service requests by API and page: bad input stores nothing, retries create once, merges, the roles' doors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceRequestsIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    private String agent;
    private String analyst;
    private long customer;

    @BeforeAll
    void setUp() {
        agent = tokens.issue("requests-agent", Role.SERVICE_AGENT.scopes(), "test")
                .secret();
        analyst =
                tokens.issue("requests-analyst", Role.ANALYST.scopes(), "test").secret();
        customer = jdbc.sql("insert into customer (first_name, email) values ('Req', :e) returning id")
                .param("e", "req." + System.nanoTime() + "@example.com")
                .query(Long.class)
                .single();
    }

    private long requestsOf(long customerId) {
        return jdbc.sql("select count(*) from service_request where customer_id = :c")
                .param("c", customerId)
                .query(Long.class)
                .single();
    }

    private HttpResponse<String> post(String token, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        json.readTree(response.body())
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndStoresNothing() throws Exception {
        long customer = jdbc.sql("insert into customer (first_name) values ('Bad') returning id")
                .query(Long.class)
                .single();
        HttpResponse<String> response = post(
                agent,
                "/api/v1/service/requests",
                "{\"customerId\":" + customer + ",\"subject\":\" \",\"category\":\"PRODUCT_FAILURE\","
                        + "\"priority\":\"SOON\",\"contactEmail\":\"not-an-address\",\"saleId\":987654321}",
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(fields(response))
                .containsExactlyInAnyOrder("subject", "priority", "contactEmail", "productId", "saleId");
        HttpResponse<String> nobody = post(agent, "/api/v1/service/requests", "{\"subject\":\"Hello\"}", null);
        assertThat(fields(nobody)).containsExactly("customerId");
        HttpResponse<String> nul = post(
                agent, "/api/v1/service/requests", "{\"customerId\":" + customer + ",\"subject\":\"a\\u0000b\"}", null);
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.body()).contains("subject");
        assertThat(requestsOf(customer)).isZero();
    }

    @Test
    void aRetryUnderTheSameKeyCreatesOneRequestAndAnotherBodyIsRefused() throws Exception {
        long person = jdbc.sql("insert into customer (first_name) values ('Retry') returning id")
                .query(Long.class)
                .single();
        String body = "{\"customerId\":" + person + ",\"subject\":\"Where is my order?\",\"channel\":\"PHONE\"}";
        String key = "req-key-" + System.nanoTime();
        HttpResponse<String> first = post(agent, "/api/v1/service/requests", body, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        HttpResponse<String> again = post(agent, "/api/v1/service/requests", body, key);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json.readTree(again.body()).get("id").asLong())
                .isEqualTo(json.readTree(first.body()).get("id").asLong());
        assertThat(post(agent, "/api/v1/service/requests", body.replace("order", "parcel"), key)
                        .statusCode())
                .isEqualTo(422);
        assertThat(requestsOf(person)).isEqualTo(1);
        JsonNode request = json.readTree(first.body());
        assertThat(request.get("category").asString()).isEqualTo("QUESTION");
        assertThat(request.get("priority").asString()).isEqualTo("NORMAL");
        assertThat(request.get("queueName").asString()).isEqualTo("General");
        assertThat(jdbc.sql("select count(*) from interaction where customer_id = :c and kind = 'SERVICE_REQUEST'")
                        .param("c", person)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aProductFailureNamesTheProductAndTheCustomersReceiptAndCountsAsAComplaint() throws Exception {
        var sale = jdbc.sql("""
                        select s.id, s.customer_id, l.product_id from sale s join sale_line l on l.sale_id = s.id
                        where s.customer_id is not null and s.kind = 'SALE' order by s.id limit 1""").query().singleRow();
        long owner = ((Number) sale.get("customer_id")).longValue();
        HttpResponse<String> wrongReceipt = post(
                agent,
                "/api/v1/service/requests",
                "{\"customerId\":" + customer + ",\"subject\":\"Broken\",\"category\":\"PRODUCT_FAILURE\","
                        + "\"productId\":" + sale.get("product_id") + ",\"saleId\":" + sale.get("id") + "}",
                null);
        assertThat(fields(wrongReceipt)).as("another customer's receipt").containsExactly("saleId");
        HttpResponse<String> created = post(
                agent,
                "/api/v1/service/requests",
                "{\"customerId\":" + owner + ",\"subject\":\"The kettle leaks\",\"category\":\"PRODUCT_FAILURE\","
                        + "\"productId\":" + sale.get("product_id") + ",\"saleId\":" + sale.get("id") + "}",
                null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode request = json.readTree(created.body());
        assertThat(request.get("queueName").asString()).isEqualTo("Complaints");
        assertThat(request.get("storeId").isNull()).isFalse();
        assertThat(jdbc.sql("""
                        select details ->> 'productId' from interaction
                        where customer_id = :c and kind = 'COMPLAINT' and (details ->> 'request')::bigint = :id""")
                        .param("c", owner)
                        .param("id", request.get("id").asLong())
                        .query(String.class)
                        .single())
                .isEqualTo(String.valueOf(sale.get("product_id")));
    }

    @Test
    void aDuplicateMergesIntoItsRequestWithItsConversation() throws Exception {
        long first = json.readTree(post(
                                agent,
                                "/api/v1/service/requests",
                                "{\"customerId\":" + customer + ",\"subject\":\"Invoice missing\"}",
                                null)
                        .body())
                .get("id")
                .asLong();
        long duplicate = json.readTree(post(
                                agent,
                                "/api/v1/service/requests",
                                "{\"customerId\":" + customer + ",\"subject\":\"Invoice missing again\"}",
                                null)
                        .body())
                .get("id")
                .asLong();
        assertThat(post(agent, "/api/v1/service/requests/" + duplicate + "/notes", "{\"body\":\"Called twice\"}", "n1")
                        .statusCode())
                .isEqualTo(200);
        assertThat(fields(post(
                        agent,
                        "/api/v1/service/requests/" + duplicate + "/merge",
                        "{\"into\":" + duplicate + "}",
                        null)))
                .containsExactly("into");
        HttpResponse<String> merged =
                post(agent, "/api/v1/service/requests/" + duplicate + "/merge", "{\"into\":" + first + "}", null);
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(jdbc.sql("select status || ' ' || merged_into from service_request where id = :id")
                        .param("id", duplicate)
                        .query(String.class)
                        .single())
                .isEqualTo("MERGED " + first);
        assertThat(jdbc.sql("select body from service_message where request_id = :id order by id")
                        .param("id", first)
                        .query(String.class)
                        .list())
                .containsExactly("Called twice", "Merged request #" + duplicate + ": Invoice missing again");
        assertThat(fields(post(agent, "/api/v1/service/requests/" + duplicate + "/resolve", "{}", null)))
                .containsExactly("status");
        // a closed request takes no reply
        post(agent, "/api/v1/service/requests/" + first + "/resolve", "{}", null);
        post(agent, "/api/v1/service/requests/" + first + "/close", "{}", null);
        assertThat(fields(post(agent, "/api/v1/service/requests/" + first + "/replies", "{\"body\":\"Hi\"}", null)))
                .containsExactly("status");
    }

    @Test
    void onlyServiceRolesSeeRequestsAndOnlyManagersChangeTheSla() throws Exception {
        assertThat(api(analyst, "GET", "/api/v1/service/requests", null).statusCode())
                .isEqualTo(403);
        assertThat(api(agent, "GET", "/api/v1/service/requests", null).statusCode())
                .isEqualTo(200);
        String targets = "[{\"priority\":\"URGENT\",\"firstResponseMinutes\":60,\"resolutionMinutes\":480},"
                + "{\"priority\":\"HIGH\",\"firstResponseMinutes\":240,\"resolutionMinutes\":1440},"
                + "{\"priority\":\"NORMAL\",\"firstResponseMinutes\":480,\"resolutionMinutes\":4320},"
                + "{\"priority\":\"LOW\",\"firstResponseMinutes\":1440,\"resolutionMinutes\":10080}]";
        assertThat(api(agent, "PUT", "/api/v1/service/sla", targets).statusCode())
                .isEqualTo(403);
        String manager = tokens.issue("requests-manager", Role.SERVICE_MANAGER.scopes(), "test")
                .secret();
        HttpResponse<String> wrong = api(
                manager,
                "PUT",
                "/api/v1/service/sla",
                targets.replace("\"resolutionMinutes\":480", "\"resolutionMinutes\":5"));
        assertThat(fields(wrong)).containsExactly("[0].resolutionMinutes");
        assertThat(api(manager, "PUT", "/api/v1/service/sla", targets).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAgentCreatesARequestOnThePageAndSeesItInTheQueue() throws Exception {
        Session session = session();
        session.signIn("agent", "demo");
        HttpResponse<String> refused = session.postForm(
                "/service/new", "/service", "customerId=" + customer + "&subject=&category=COMPLAINT&channel=PHONE");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("is-invalid");
        HttpResponse<String> created = session.postForm(
                "/service/new",
                "/service",
                "customerId=" + customer + "&subject=%3Cscript%3Ealert(1)%3C%2Fscript%3E+rude+staff&category=COMPLAINT"
                        + "&channel=IN_STORE");
        assertThat(created.statusCode()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        String page = session.get(location).body();
        assertThat(page)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; rude staff")
                .doesNotContain("<script>alert(1)");
        assertThat(session.get("/service?category=COMPLAINT").body()).contains(location);
        assertThat(session.get("/service?status=SOMETIMES").statusCode()).isEqualTo(400);
    }
}
