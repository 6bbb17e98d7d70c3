package io.clientele.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creating and editing customers through the API and the form: validation per field, history of changes, roles. */
class CustomerEditingIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    @Autowired
    CustomerEditor editor;

    @Autowired
    Customers customers;

    private String token(ApiScope... scopes) {
        return tokens.issue("editing test", EnumSet.of(ApiScope.CUSTOMERS_READ, scopes), "test")
                .secret();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private List<String> kinds(long customerId) {
        return jdbc.sql("select kind from interaction where customer_id = :id order by id")
                .param("id", customerId)
                .query(String.class)
                .list();
    }

    private List<String> auditActions(long customerId) {
        return jdbc.sql("select action from audit_event where entity = 'customer' and entity_id = :id order by id")
                .param("id", String.valueOf(customerId))
                .query(String.class)
                .list();
    }

    @Test
    void theApiCreatesACustomerAndRecordsItOnTheTimelineAndInTheAuditTrail() throws Exception {
        int n = TestCustomers.unique();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalId", "API-" + n);
        body.put("firstName", "Mei");
        body.put("lastName", "Api" + n);
        body.put("gender", "f");
        body.put("birthDate", "1990-05-01");
        body.put("email", " mei.api" + n + "@clientele.test ");
        body.put("regionCode", "north");
        body.put("homeStoreCode", "S001");
        body.put("owner", "marketer");
        body.put("customAttributes", Map.of("shoe_size", 38.0, "vip", true, "note", "likes tea"));

        HttpResponse<String> response =
                api(token(ApiScope.CUSTOMERS_WRITE), "POST", "/api/v1/customers", json.writeValueAsString(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode created = json.readTree(response.body());
        long id = created.get("id").asLong();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/customers/" + id);
        assertThat(created.get("gender").asString()).isEqualTo("F");
        assertThat(created.get("email").asString()).isEqualTo("mei.api" + n + "@clientele.test");
        assertThat(created.get("regionCode").asString()).isEqualTo("NORTH");
        assertThat(created.get("region").asString()).isEqualTo("North");
        assertThat(created.get("customAttributes").get("shoe_size").asInt()).isEqualTo(38);
        assertThat(created.get("customAttributes").get("vip").asBoolean()).isTrue();
        assertThat(created.get("prospect").asBoolean()).isTrue();
        assertThat(jdbc.sql("select source from customer where id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("api");
        assertThat(kinds(id)).containsExactly("CREATED");
        assertThat(auditActions(id)).containsExactly("customer.created");
        assertThat(jdbc.sql("select actor from audit_event where entity_id = :id")
                        .param("id", String.valueOf(id))
                        .query(String.class)
                        .single())
                .isEqualTo("token:editing test");
    }

    @Test
    void invalidFieldsAreA400ProblemThatNamesEachFieldAndNothingIsStored() throws Exception {
        int n = TestCustomers.unique();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lastName", "Invalid" + n);
        body.put("email", "mei@");
        body.put("phone", "12-34");
        body.put("birthDate", "2999-01-01");
        body.put("gender", "Q");
        body.put("incomeBand", "RICH");
        body.put("education", "NONE");
        body.put("regionCode", "ATLANTIS");
        body.put("owner", "nobody");
        body.put("customAttributes", Map.of("Bad Key", 1, "nested", Map.of("a", 1)));

        HttpResponse<String> response =
                api(token(ApiScope.CUSTOMERS_WRITE), "POST", "/api/v1/customers", json.writeValueAsString(body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder(
                        "email",
                        "phone",
                        "birthDate",
                        "gender",
                        "incomeBand",
                        "education",
                        "regionCode",
                        "owner",
                        "customAttributes.Bad Key",
                        "customAttributes.nested");
        assertThat(problem.get("errors").valueStream())
                .allSatisfy(e ->
                        assertThat(e.get("message").asString()).isNotBlank().doesNotStartWith("validation."));
        assertThat(problem.get("detail").asString()).contains("email: Not an email address.");
        assertThat(jdbc.sql("select count(*) from customer where last_name = :name")
                        .param("name", "Invalid" + n)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aBirthDateMoreThan120YearsAgoIsRefused() throws Exception {
        HttpResponse<String> response = api(
                token(ApiScope.CUSTOMERS_WRITE),
                "POST",
                "/api/v1/customers",
                "{\"lastName\":\"Old\",\"birthDate\":\"1850-01-01\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body())
                        .get("errors")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("validation.age");
    }

    @Test
    void putReplacesEveryEditableFieldAndRecordsEachChangeOnce() throws Exception {
        CustomerInput someone = TestCustomers.someone();
        long id = editor.create(someone);
        int n = TestCustomers.unique();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", someone.firstName());
        body.put("lastName", someone.lastName());
        body.put("email", "changed" + n + "@clientele.test");
        body.put("customAttributes", Map.of("tier", "gold"));
        String token = token(ApiScope.CUSTOMERS_WRITE);

        HttpResponse<String> response = api(token, "PUT", "/api/v1/customers/" + id, json.writeValueAsString(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        CustomerProfile profile = customers.profile(id).orElseThrow();
        assertThat(profile.email()).isEqualTo("changed" + n + "@clientele.test");
        assertThat(profile.phone()).as("not in the body: cleared").isNull();
        assertThat(profile.city()).isNull();
        assertThat(profile.customAttributes()).containsExactlyEntriesOf(Map.of("tier", "gold"));
        assertThat(kinds(id)).containsExactly("CREATED", "EDITED");
        JsonNode changes = json.readTree(
                        jdbc.sql("select details::text from interaction where customer_id = :id and kind = 'EDITED'")
                                .param("id", id)
                                .query(String.class)
                                .single())
                .get("changes");
        assertThat(changes.valueStream().map(c -> c.get("field").asString()))
                .containsExactly("email", "phone", "city", "customAttributes.tier");
        assertThat(changes.get(0).get("from").asString()).isEqualTo(someone.email());
        assertThat(changes.get(0).get("to").asString()).isEqualTo("changed" + n + "@clientele.test");
        assertThat(auditActions(id)).containsExactly("customer.created", "customer.edited");

        assertThat(api(token, "PUT", "/api/v1/customers/" + id, json.writeValueAsString(body))
                        .statusCode())
                .isEqualTo(200);
        assertThat(kinds(id)).as("the same values again change nothing").containsExactly("CREATED", "EDITED");
    }

    @Test
    void aCustomerNumberAndACardBelongToOneCustomer() throws Exception {
        int n = TestCustomers.unique();
        CustomerInput first = TestCustomers.someone();
        long firstId = editor.create(new CustomerInput(
                "EXT-" + n,
                "CARD" + n,
                first.firstName(),
                first.lastName(),
                null,
                null,
                first.email(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        String token = token(ApiScope.CUSTOMERS_WRITE);

        HttpResponse<String> taken = api(
                token,
                "POST",
                "/api/v1/customers",
                "{\"lastName\":\"Second\",\"externalId\":\"EXT-" + n + "\",\"cardNumber\":\"CARD" + n + "\"}");

        assertThat(taken.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(taken.body()).get("errors");
        assertThat(errors.valueStream()
                        .map(e ->
                                e.get("field").asString() + " " + e.get("code").asString()))
                .containsExactly("externalId validation.taken", "cardNumber validation.taken");
        assertThat(errors.get(0).get("message").asString()).isEqualTo("Already used by customer " + firstId + ".");
        assertThat(api(
                                token,
                                "PUT",
                                "/api/v1/customers/" + firstId,
                                "{\"lastName\":\"First\",\"externalId\":\"EXT-" + n + "\"}")
                        .statusCode())
                .as("a customer keeps its own number")
                .isEqualTo(200);
    }

    @Test
    void theFormShowsEachErrorNextToItsFieldKeepsTheInputAndStoresNothingUntilItIsRight() throws Exception {
        CustomerInput someone = TestCustomers.someone();
        long id = editor.create(someone);
        var manager = session();
        manager.signIn("manager", "demo");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("firstName", "Mei");
        fields.put("lastName", someone.lastName());
        fields.put("email", "not-an-email");
        fields.put("birthDate", "2999-01-01");
        fields.put("attributes[0].key", "size");
        fields.put("attributes[0].type", "number");
        fields.put("attributes[0].value", "large");
        // a row removed in the browser leaves a gap in the numbering
        fields.put("attributes[2].key", "vip");
        fields.put("attributes[2].type", "boolean");
        fields.put("attributes[2].value", "yes");

        HttpResponse<String> invalid = manager.postForm("/customers/" + id + "/edit", "/customers/" + id, form(fields));

        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body())
                .contains("id=\"email-error\"", "Not an email address.", "value=\"not-an-email\"")
                .contains("id=\"birthDate-error\"", "Cannot be in the future.")
                .contains("id=\"attributes[0].value-error\"", "Not a number.")
                .contains("value=\"vip\"")
                .contains("data-testid=\"form-errors\"");
        assertThat(customers.profile(id).orElseThrow().email()).isEqualTo(someone.email());
        assertThat(kinds(id)).containsExactly("CREATED");

        fields.put("email", "mei.form@clientele.test");
        fields.put("birthDate", "1990-05-01");
        fields.put("attributes[0].value", "42");
        HttpResponse<String> saved = manager.postForm("/customers/" + id + "/edit", "/customers/" + id, form(fields));

        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/customers/" + id));
        String page = manager.get("/customers/" + id).body();
        assertThat(page).contains("Changes saved.", "mei.form@clientele.test", "✎");
        CustomerProfile profile = customers.profile(id).orElseThrow();
        assertThat(profile.firstName()).isEqualTo("Mei");
        assertThat(profile.customAttributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("size", new java.math.BigDecimal("42"), "vip", true));
    }

    @Test
    void aNewCustomerComesFromTheFormAsAProspect() throws Exception {
        int n = TestCustomers.unique();
        var agent = session();
        agent.signIn("agent", "demo");
        HttpResponse<String> created = agent.postForm(
                "/customers/new",
                "/customers",
                form(Map.of("firstName", "Walk-in", "lastName", "Prospect" + n, "phone", "+86 571 8888 " + n)));
        assertThat(created.statusCode()).isEqualTo(302);
        long id = Long.parseLong(
                created.headers().firstValue("Location").orElseThrow().replaceAll(".*/customers/", ""));
        CustomerProfile profile = customers.profile(id).orElseThrow();
        assertThat(profile.lastName()).isEqualTo("Prospect" + n);
        assertThat(profile.prospect()).isTrue();
        assertThat(profile.source()).isEqualTo("web");
        assertThat(jdbc.sql("select created_by from interaction where customer_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("agent");
    }

    @Test
    void rolesWithoutTheRightToEditGet403AndSeeNoEditButton() throws Exception {
        long id = editor.create(TestCustomers.someone());
        // in the salesperson's data scope as the customer's owner: what is refused is the edit, not the customer
        jdbc.sql("update customer set owner_username = 'sales' where id = :id")
                .param("id", id)
                .update();
        for (String user : List.of("analyst", "sales")) {
            var session = session();
            session.signIn(user, "demo");
            assertThat(session.get("/customers/" + id + "/edit").statusCode())
                    .as(user)
                    .isEqualTo(403);
            assertThat(session.postForm("/customers/" + id, "/customers/" + id, "lastName=Hacked")
                            .statusCode())
                    .as(user)
                    .isEqualTo(403);
            assertThat(session.postForm("/customers/" + id, "/customers/" + id + "/tags", "tag=hacked")
                            .statusCode())
                    .as(user)
                    .isEqualTo(403);
            assertThat(session.get("/customers/" + id).body()).doesNotContain("data-testid=\"edit-customer\"");
        }
        assertThat(api(token(), "PUT", "/api/v1/customers/" + id, "{\"lastName\":\"Hacked\"}")
                        .statusCode())
                .as("a token without customers:write")
                .isEqualTo(403);
        assertThat(customers.profile(id).orElseThrow().lastName()).isNotEqualTo("Hacked");
        assertThat(customers.profile(id).orElseThrow().tags()).isEmpty();

        var agent = session();
        agent.signIn("agent", "demo");
        assertThat(agent.get("/customers/" + id).body()).contains("data-testid=\"edit-customer\"");
    }
}
