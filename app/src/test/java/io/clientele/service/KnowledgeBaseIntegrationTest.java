package io.clientele.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiTokens;
import io.clientele.identity.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The knowledge base: versions, search of English words and Chinese phrases (no spaces between words), suggestions
 * and links on a request, and the public FAQ (public articles only, rate-limited per address).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeBaseIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    private String agent;
    private long returns;
    private long warranty;
    private long kettle;

    @BeforeAll
    void setUp() throws Exception {
        agent = tokens.issue("kb-agent", Role.SERVICE_AGENT.scopes(), "test").secret();
        returns = create("FAQ", "退货", "PUBLIC", "ZH", "如何办理蓝牙耳机的退货流程？", "收到耳机七天内可以在门店办理退货，请带上小票。");
        warranty = create("FAQ", "保修", "INTERNAL", "ZH", "蓝牙耳机保修政策", "耳机保修一年，电池保修六个月。退款需经理批准。");
        kettle = create(
                "CASE",
                "Repairs",
                "PUBLIC",
                "EN",
                "Kettles that stop heating",
                "A kettle that stopped heating after a"
                        + " week: the thermostat fuse was broken. Replace the kettle at the till.");
    }

    private long create(String kind, String category, String visibility, String language, String title, String body)
            throws Exception {
        HttpResponse<String> response = api(
                agent,
                "POST",
                "/api/v1/service/articles",
                json.writeValueAsString(java.util.Map.of(
                        "kind",
                        kind,
                        "category",
                        category,
                        "visibility",
                        visibility,
                        "language",
                        language,
                        "title",
                        title,
                        "body",
                        body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asLong();
    }

    private List<Long> search(String q) throws Exception {
        HttpResponse<String> response = api(
                agent,
                "GET",
                "/api/v1/service/articles?size=50&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        json.readTree(response.body())
                .get("items")
                .forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }

    @Test
    void chinesePhrasesAndEnglishWordsFindTheirArticles() throws Exception {
        assertThat(search("退货流程")).contains(returns).doesNotContain(warranty, kettle);
        assertThat(search("耳机保修")).contains(warranty).doesNotContain(returns);
        assertThat(search("耳机")).contains(returns, warranty);
        assertThat(search("退")).as("one character").contains(returns, warranty);
        assertThat(search("货退")).as("the characters, not the phrase").doesNotContain(returns, warranty);
        assertThat(search("kettles heating")).as("stemmed words").containsExactly(kettle);
        assertThat(search("broken kettle")).contains(kettle);
        assertThat(search("kettle 退货")).as("every word and phrase").isEmpty();
        assertThat(api(agent, "GET", "/api/v1/service/articles?q=" + "x".repeat(201), null)
                        .body())
                .contains("\"field\":\"q\"");
    }

    @Test
    void aChangeIsANewVersionAndTheOldOneStays() throws Exception {
        long id = create("FAQ", "Delivery", "INTERNAL", "EN", "Delivery times", "Three days.");
        HttpResponse<String> changed = api(
                agent,
                "PUT",
                "/api/v1/service/articles/" + id,
                json.writeValueAsString(java.util.Map.of(
                        "kind",
                        "FAQ",
                        "category",
                        "Delivery",
                        "visibility",
                        "PUBLIC",
                        "language",
                        "EN",
                        "title",
                        "Delivery times",
                        "body",
                        "Two days in town, five elsewhere.")));
        assertThat(json.readTree(changed.body()).get("version").asInt()).isEqualTo(2);
        JsonNode versions = json.readTree(api(agent, "GET", "/api/v1/service/articles/" + id + "/versions", null)
                .body());
        assertThat(versions.size()).isEqualTo(2);
        assertThat(versions.get(1).get("body").asString()).isEqualTo("Three days.");
        HttpResponse<String> bad = api(
                agent,
                "POST",
                "/api/v1/service/articles",
                "{\"kind\":\"POEM\",\"category\":\"\",\"visibility\":\"PUBLIC\",\"language\":\"FR\",\"title\":\"t\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        json.readTree(bad.body())
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("kind", "category", "language", "body");
        assertThat(api(
                                tokens.issue("kb-analyst", Role.ANALYST.scopes(), "test")
                                        .secret(),
                                "GET",
                                "/api/v1/service/articles",
                                null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aRequestIsSuggestedArticlesFromItsSubjectAndLinksOne() throws Exception {
        long customer = jdbc.sql("insert into customer (first_name) values ('Kb') returning id")
                .query(Long.class)
                .single();
        HttpResponse<String> created = api(
                agent,
                "POST",
                "/api/v1/service/requests",
                "{\"customerId\":" + customer + ",\"subject\":\"我的蓝牙耳机想退货\"}");
        long request = json.readTree(created.body()).get("id").asLong();
        JsonNode articles = json.readTree(api(agent, "GET", "/api/v1/service/requests/" + request + "/articles", null)
                .body());
        List<Long> suggested = new ArrayList<>();
        articles.get("suggested").forEach(a -> suggested.add(a.get("id").asLong()));
        assertThat(suggested).contains(returns, warranty);
        JsonNode linked = json.readTree(api(
                        agent,
                        "POST",
                        "/api/v1/service/requests/" + request + "/articles",
                        "{\"articleId\":" + returns + "}")
                .body());
        assertThat(linked.get("linked").get(0).get("id").asLong()).isEqualTo(returns);
        api(agent, "POST", "/api/v1/service/requests/" + request + "/articles", "{\"articleId\":" + returns + "}");
        assertThat(jdbc.sql("select count(*) from service_request_article where request_id = :r")
                        .param("r", request)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(api(agent, "POST", "/api/v1/service/requests/" + request + "/articles", "{\"articleId\":987654321}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void thePublicFaqShowsPublicArticlesOnlyAndSlowsAFloodDown() throws Exception {
        Session visitor = session().from("203.0.113.77");
        HttpResponse<String> page = visitor.get("/faq?q=" + URLEncoder.encode("耳机", StandardCharsets.UTF_8));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/faq/" + returns).doesNotContain("/faq/" + warranty);
        assertThat(visitor.get("/faq/" + returns).body()).contains("如何办理蓝牙耳机的退货流程");
        assertThat(visitor.get("/faq/" + warranty).statusCode())
                .as("internal: as if it did not exist")
                .isEqualTo(404);
        int throttled = 0;
        for (int i = 0; i < 70; i++) {
            HttpResponse<String> response = visitor.get("/faq");
            if (response.statusCode() == 429) {
                throttled++;
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(throttled).isPositive();
        assertThat(session().from("203.0.113.78").get("/faq").statusCode())
                .as("another address")
                .isEqualTo(200);
    }
}
