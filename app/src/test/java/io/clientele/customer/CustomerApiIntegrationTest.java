package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CustomerApiIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();
    private Session analyst;

    @BeforeEach
    void signIn() throws Exception {
        analyst = session();
        analyst.signIn("analyst", "demo");
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = analyst.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void pagesThroughAllCustomersWithTheTotal() throws Exception {
        // other tests add customers to the shared database: compare with the table, not the demo size
        long customers =
                jdbc.sql("select count(*) from customer").query(Long.class).single();
        JsonNode first = getJson("/api/v1/customers?size=20");
        assertThat(first.get("total").asLong()).isEqualTo(customers);
        assertThat(first.get("items")).hasSize(20);
        assertThat(first.get("totalPages").asLong()).isEqualTo((customers + 19) / 20);
        assertThat(first.get("hasPrevious").asBoolean()).isFalse();
        assertThat(first.get("hasNext").asBoolean()).isTrue();
        JsonNode last = getJson("/api/v1/customers?size=20&page=" + (customers - 1) / 20);
        assertThat(last.get("items")).hasSize((int) ((customers - 1) % 20 + 1));
        assertThat(getJson("/api/v1/customers?size=20&page=" + customers).get("items"))
                .isEmpty();
    }

    @Test
    void sortsByTheChosenColumnInBothDirections() throws Exception {
        List<String> cities = getJson("/api/v1/customers?sort=city&size=200")
                .get("items")
                .valueStream()
                .map(n -> n.get("city").asString())
                .toList();
        assertThat(cities).isSorted();
        List<String> descending = getJson("/api/v1/customers?sort=city&dir=desc&size=200")
                .get("items")
                .valueStream()
                .map(n -> n.get("city").asString())
                .toList();
        assertThat(descending).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void searchFindsACustomerByEmailAndByCardNumber() throws Exception {
        Map<String, Object> someone = jdbc.sql(
                        "select id, email, card_number from customer where email is not null order by id limit 1")
                .query()
                .singleRow();
        JsonNode byEmail = getJson("/api/v1/customers?q=" + someone.get("email"));
        assertThat(byEmail.get("items").valueStream().map(n -> n.get("id").asLong()))
                .contains(((Number) someone.get("id")).longValue());
        JsonNode byCard = getJson("/api/v1/customers?q=" + someone.get("card_number"));
        assertThat(byCard.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void searchTreatsWildcardsAsText() throws Exception {
        assertThat(getJson("/api/v1/customers?q=%25").get("total").asLong()).isZero();
        assertThat(getJson("/api/v1/customers?q=_").get("total").asLong()).isZero();
    }

    @Test
    void getsOneCustomerWithConsentsOr404() throws Exception {
        long id = jdbc.sql("select customer_id from customer_consent limit 1")
                .query(Long.class)
                .single();
        JsonNode customer = getJson("/api/v1/customers/" + id);
        assertThat(customer.get("id").asLong()).isEqualTo(id);
        assertThat(customer.get("consents")).isNotEmpty();
        HttpResponse<String> missing = analyst.get("/api/v1/customers/999999999");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void badParametersAreA400ThatNamesTheField() throws Exception {
        HttpResponse<String> badSort = analyst.get("/api/v1/customers?sort=password");
        assertThat(badSort.statusCode()).isEqualTo(400);
        assertThat(badSort.body()).contains("sort: one of name, city, lastPurchase, created");
        HttpResponse<String> badSize = analyst.get("/api/v1/customers?size=100000");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(badSize.body()).contains("size: 1 to 200");
    }

    @Test
    void theOpenApiDocumentDescribesTheCustomerEndpoints() throws Exception {
        JsonNode document = json.readTree(session().get("/v3/api-docs").body());
        assertThat(document.get("paths").propertyNames()).contains("/api/v1/customers", "/api/v1/customers/{id}");
    }
}
