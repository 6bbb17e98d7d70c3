package io.clientele.campaign.material;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The materials library over the API: each kind, versions, cleaning, refused templates, preview and who may do what. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MaterialApiIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    private String marketer;
    private String analyst;
    private String sales;
    private long zoe;

    @BeforeAll
    void setUp() {
        marketer = tokens.issue("materials-marketer", Role.MARKETER.scopes(), "test")
                .secret();
        analyst =
                tokens.issue("materials-analyst", Role.ANALYST.scopes(), "test").secret();
        sales = tokens.issue("materials-sales", Role.SALES.scopes(), "test").secret();
        // a prospect whose name needs escaping in HTML
        zoe = jdbc.sql("insert into customer (first_name, last_name, city) values ('Zoë <b>', 'O''Brien & Co',"
                        + " 'Zürich') returning id")
                .query(Long.class)
                .single();
    }

    private static ObjectNode material(String kind, String name) {
        return JsonNodeFactory.instance.objectNode().put("kind", kind).put("name", name);
    }

    private static ObjectNode email(String name, String html) {
        return material("EMAIL", name)
                .put("subject", "{{first_name|Hello}}, your offer")
                .put("htmlBody", html)
                .put("textBody", "Dear {{first_name|customer}}, use {{offer.code}}.");
    }

    private HttpResponse<String> post(String token, String path, ObjectNode body) throws Exception {
        return api(token, "POST", path, json.writeValueAsString(body));
    }

    private JsonNode created(ObjectNode body) throws Exception {
        HttpResponse<String> response = post(marketer, "/api/v1/materials", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    @Test
    void eachKindIsCreatedAsVersionOne() throws Exception {
        JsonNode email = created(email("Welcome mail", "<p>Hi {{first_name}}</p>"));
        JsonNode sms = created(material("SMS", "Coupon SMS").put("text", "Hi {{first_name}}, 10% off with €5 extra"));
        ObjectNode script = material("CALL_SCRIPT", "Renewal call").put("text", "Good morning {{first_name}}…");
        script.putArray("answers")
                .addObject()
                .put("question", "Too expensive")
                .put("answer", "Your card {{card_number}} gives 10% off.");
        JsonNode call = created(script);
        JsonNode letter = created(material("LETTER", "Win-back letter").put("text", "Dear {{first_name|customer}},"));

        assertThat(List.of(email, sms, call, letter))
                .extracting(m -> m.get("kind").asString() + " v"
                        + m.get("currentVersion").asInt())
                .containsExactly("EMAIL v1", "SMS v1", "CALL_SCRIPT v1", "LETTER v1");
        assertThat(sms.get("current").get("sms").get("encoding").asString()).isEqualTo("GSM_7");
        assertThat(sms.get("current").get("sms").get("parts").asInt()).isEqualTo(1);
        assertThat(call.get("current").get("answers").get(0).get("question").asString())
                .isEqualTo("Too expensive");
        assertThat(email.get("createdBy").asString()).isEqualTo("token:materials-marketer");
        JsonNode list = json.readTree(
                api(analyst, "GET", "/api/v1/materials?kind=SMS&size=100", null).body());
        assertThat(list.get("items").valueStream().map(m -> m.get("name").asString()))
                .contains("Coupon SMS");
    }

    @Test
    void savingAgainAddsAVersionAndKeepsTheOldOne() throws Exception {
        long id = created(material("LETTER", "Anniversary letter").put("text", "Dear {{first_name}}, v1"))
                .get("id")
                .asLong();

        HttpResponse<String> saved = api(
                marketer,
                "PUT",
                "/api/v1/materials/" + id,
                json.writeValueAsString(
                        material("LETTER", "Anniversary letter").put("text", "Dear {{first_name}}, v2")));

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(json.readTree(saved.body()).get("currentVersion").asInt()).isEqualTo(2);
        JsonNode versions = json.readTree(api(analyst, "GET", "/api/v1/materials/" + id + "/versions", null)
                .body());
        assertThat(versions.valueStream()
                        .map(v -> v.get("version").asInt() + ":" + v.get("text").asString()))
                .containsExactly("2:Dear {{first_name}}, v2", "1:Dear {{first_name}}, v1");
    }

    @Test
    void thePreviewShowsARealCustomerEscapedInHtmlAndAsWrittenInText() throws Exception {
        long id = created(email(
                        "Preview mail",
                        "<p>Hello {{first_name}} from {{city}}</p>"
                                + "<a href=\"https://shop.example/{{offer.code}}\">Shop</a>"))
                .get("id")
                .asLong();
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("customerId", zoe);
        request.putObject("offer").put("code", "SPRING25");

        HttpResponse<String> response = post(analyst, "/api/v1/materials/" + id + "/preview", request);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode preview = json.readTree(response.body());
        assertThat(preview.get("html").asString())
                .isEqualTo("<p>Hello Zoë &lt;b&gt; from Zürich</p><a href=\"https://shop.example/SPRING25\">Shop</a>");
        assertThat(preview.get("subject").asString()).isEqualTo("Zoë <b>, your offer");
        assertThat(preview.get("text").asString()).isEqualTo("Dear Zoë <b>, use SPRING25.");
        assertThat(preview.get("customerName").asString()).contains("Zoë");
        // a demo customer too
        long demo = jdbc.sql("select id from customer where first_name is not null order by id limit 1")
                .query(Long.class)
                .single();
        String first = jdbc.sql("select first_name from customer where id = :id")
                .param("id", demo)
                .query(String.class)
                .single();
        JsonNode demoPreview = json.readTree(post(
                        marketer,
                        "/api/v1/materials/" + id + "/preview",
                        JsonNodeFactory.instance.objectNode().put("customerId", demo))
                .body());
        assertThat(demoPreview.get("html").asString()).startsWith("<p>Hello " + MergeTemplate.escapeHtml(first));
        assertThat(post(marketer, "/api/v1/materials/" + id + "/preview", JsonNodeFactory.instance.objectNode())
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void aHostileTemplateIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        long before =
                jdbc.sql("select count(*) from material").query(Long.class).single();
        ObjectNode hostile = email("Hostile", "<p>ok</p>")
                .put("subject", "Hi {{T(java.lang.Runtime).getRuntime().exec('x')}}")
                .put("textBody", "line one\n${x} {{first_name}\n");

        HttpResponse<String> response = post(marketer, "/api/v1/materials", hostile);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.valueStream()
                        .map(e ->
                                e.get("field").asString() + " " + e.get("code").asString()))
                .containsExactly("subject material.template.unknown", "textBody material.template.unclosed");
        assertThat(errors.get(1).get("message").asString()).contains("line 2, column 6");
        assertThat(jdbc.sql("select count(*) from material").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void theHtmlIsStoredCleanedAndSaysSomethingWasRemoved() throws Exception {
        JsonNode email = created(
                email(
                        "Cleaned mail",
                        "<p onclick=\"steal()\">Hi {{first_name}}</p><script>alert(1)</script>"
                                + "<a href=\"javascript:alert(1)\">x</a><a href=\"https://shop.example/{{offer.code}}\">ok</a>"));

        JsonNode current = email.get("current");
        assertThat(current.get("htmlCleaned").asBoolean()).isTrue();
        assertThat(current.get("htmlBody").asString())
                .doesNotContain("script", "onclick", "javascript")
                .contains("<p>Hi {{first_name}}</p>", "href=\"https://shop.example/{{offer.code}}\"");
    }

    @Test
    void anSmsTooLongAndADuplicateNameAreRefused() throws Exception {
        created(material("SMS", "Short one").put("text", "Hi"));

        HttpResponse<String> duplicate =
                post(marketer, "/api/v1/materials", material("SMS", "SHORT ONE").put("text", "x"));
        HttpResponse<String> tooLong =
                post(marketer, "/api/v1/materials", material("SMS", "Long one").put("text", "a".repeat(1600)));

        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.body()).contains("\"field\":\"name\"");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"field\":\"text\"", "material.sms.tooLong");
    }

    @Test
    void anArchivedMaterialLeavesTheListAndCanBeRestored() throws Exception {
        long id = created(material("LETTER", "Archived letter").put("text", "Dear {{first_name}}"))
                .get("id")
                .asLong();
        assertThat(api(analyst, "POST", "/api/v1/materials/" + id + "/archive", null)
                        .statusCode())
                .isEqualTo(403);

        HttpResponse<String> archived = api(marketer, "POST", "/api/v1/materials/" + id + "/archive", null);

        assertThat(json.readTree(archived.body()).get("archived").asBoolean()).isTrue();
        assertThat(names("/api/v1/materials?kind=LETTER&size=100")).doesNotContain("Archived letter");
        assertThat(names("/api/v1/materials?kind=LETTER&archived=true&size=100"))
                .contains("Archived letter");
        api(marketer, "POST", "/api/v1/materials/" + id + "/restore", null);
        assertThat(names("/api/v1/materials?kind=LETTER&size=100")).contains("Archived letter");
    }

    private List<String> names(String path) throws Exception {
        return json.readTree(api(analyst, "GET", path, null).body())
                .get("items")
                .valueStream()
                .map(m -> m.get("name").asString())
                .toList();
    }

    @Test
    void salesCannotReadAndAnAnalystOnlyReads() throws Exception {
        long id = created(material("LETTER", "Roles letter").put("text", "Dear {{first_name}}"))
                .get("id")
                .asLong();

        assertThat(api(sales, "GET", "/api/v1/materials", null).statusCode()).isEqualTo(403);
        assertThat(api(sales, "GET", "/api/v1/materials/" + id, null).statusCode())
                .isEqualTo(403);
        assertThat(post(
                                sales,
                                "/api/v1/materials/" + id + "/preview",
                                JsonNodeFactory.instance.objectNode().put("customerId", zoe))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(analyst, "GET", "/api/v1/materials/" + id, null).statusCode())
                .isEqualTo(200);
        assertThat(post(
                                analyst,
                                "/api/v1/materials",
                                material("LETTER", "Analyst letter").put("text", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api(
                                analyst,
                                "PUT",
                                "/api/v1/materials/" + id,
                                json.writeValueAsString(
                                        material("LETTER", "Roles letter").put("text", "y")))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void thePagesFollowTheSameRoles() throws Exception {
        Session analystSession = session();
        analystSession.signIn("analyst", "demo");
        Session salesSession = session();
        salesSession.signIn("sales", "demo");

        assertThat(analystSession.get("/campaigns/materials").statusCode()).isEqualTo(200);
        assertThat(analystSession.get("/campaigns/materials/new?kind=SMS").statusCode())
                .isEqualTo(403);
        assertThat(salesSession.get("/campaigns/materials").statusCode()).isEqualTo(403);
    }
}
