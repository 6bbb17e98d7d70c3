package io.clientele.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile conditions through the API: each is answered with a count or with a 400 that names where the condition
 * is wrong, never with a database error; values that look like SQL are only ever compared as values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentInjectionIntegrationTest extends ApplicationTestSupport {
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApiTokens tokens;

    private String token;

    @BeforeAll
    void token() {
        token = tokens.issue("segment injection test", EnumSet.of(ApiScope.CUSTOMERS_READ), "test")
                .secret();
    }

    static Stream<String> answeredWithACount() {
        return Stream.of(
                leaf("city", "eq", "\"x' or '1'='1\""),
                leaf("city", "in", "\"Harrowgate'); drop table customer; --\", \"Zürich\""),
                leaf("city", "contains", "\"%\""),
                leaf("city", "contains", "\"_\""),
                leaf("city", "contains", "\"\\\\\""),
                leaf("email", "contains", "\"/* comment */\""),
                leaf("tag", "has_any", "\"vip\\\"; select pg_sleep(10); --\""),
                leaf("tag", "has_all", "\"家庭\", \"😀\", \"a\\u202Eb\""),
                leaf("bought_product", "has_none", "\"TV-001' --\""),
                leaf("attribute.size", "gt", "1e14"),
                leaf("attribute.colour", "eq", "\"red\\\") or true or (\\\"\""),
                leaf("attribute.member", "eq", "true"),
                leaf(
                        "postal_code",
                        "in",
                        IntStream.range(0, 1000).mapToObj(i -> "\"" + i + "'\"").collect(Collectors.joining(", "))),
                "{\"all\": []}",
                "{\"any\": []}",
                atTheLimits("any"),
                atTheLimits("all"),
                nested(20),
                "{\"field\": \"purchases\", \"op\": \"gte\", \"values\": [2], \"window\": {\"lastDays\": 36500}}",
                "{\"field\": \"amount_spent\", \"op\": \"between\", \"values\": [-999999999999999, 999999999999999]}",
                "{\"field\": \"customer_since\", \"op\": \"between\", \"values\": [\"1900-01-01\", \"2200-12-31\"]}");
    }

    static Stream<String> answeredWithAnError() {
        return Stream.of(
                "{\"field\": \"city; drop table customer\", \"op\": \"eq\", \"values\": [\"x\"]}",
                "{\"field\": \"c.id\", \"op\": \"eq\", \"values\": [1]}",
                "{\"field\": \"attribute.x' or 1=1 --\", \"op\": \"eq\", \"values\": [\"x\"]}",
                "{\"field\": \"city\", \"op\": \"= 'x' or 1=1 --\", \"values\": [\"x\"]}",
                "{\"field\": \"city\", \"op\": \"in\", \"values\": []}",
                "{\"field\": \"city\", \"op\": \"eq\", \"values\": [\"\"]}",
                "{\"field\": \"city\", \"op\": \"eq\", \"values\": [\"" + "x".repeat(501) + "\"]}",
                "{\"field\": \"city\", \"op\": \"eq\", \"values\": [{\"$gt\": \"\"}]}",
                "{\"field\": \"age\", \"op\": \"gt\", \"values\": [\"18 or 1=1\"]}",
                "{\"field\": \"age\", \"op\": \"gt\", \"values\": [1e400]}",
                "{\"field\": \"age\", \"op\": \"between\", \"values\": [60, 18]}",
                "{\"field\": \"customer_since\", \"op\": \"gt\", \"values\": [\"2026-02-30\"]}",
                "{\"field\": \"customer_since\", \"op\": \"gt\", \"values\": [\"99999-01-01\"]}",
                "{\"field\": \"grade\", \"op\": \"eq\", \"values\": [\"A' or 'a'='a\"]}",
                "{\"field\": \"purchases\", \"op\": \"gte\", \"values\": [1], \"window\": {\"lastDays\": 0}}",
                "{\"field\": \"purchases\", \"op\": \"gte\", \"values\": [1], \"window\": {\"lastDays\": \"1; --\"}}",
                "{\"field\": \"city\", \"op\": \"eq\", \"values\": [\"x\"], \"window\": {\"lastDays\": 3}}",
                "{\"field\": \"city\", \"op\": \"eq\", \"values\": [\"x\"], \"sql\": \"true\"}",
                "{\"field\": \"postal_code\", \"op\": \"in\", \"values\": ["
                        + IntStream.range(0, 1001)
                                .mapToObj(i -> "\"" + i + "\"")
                                .collect(Collectors.joining(", "))
                        + "]}",
                nested(25),
                "{\"not\": null}",
                leaf("occupation", "eq", "\"a\\u0000b\""),
                "[]",
                "\"city = 'x'\"",
                "{}");
    }

    @ParameterizedTest
    @MethodSource("answeredWithACount")
    void answeredWithACount(String condition) throws Exception {
        HttpResponse<String> response = count(condition);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("count").asLong()).isNotNegative();
    }

    @ParameterizedTest
    @MethodSource("answeredWithAnError")
    void answeredWithAnErrorThatSaysWhere(String condition) throws Exception {
        HttpResponse<String> response = count(condition);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("detail").asString()).startsWith("condition");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"any", "all"})
    void membersAtTheLimitsAreListedByTheSqlPath(String group) throws Exception {
        HttpResponse<String> response =
                api(token, "POST", "/api/v1/segments/members?size=5", "{\"condition\": " + atTheLimits(group) + "}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("total").asLong()).isNotNegative();
    }

    @org.junit.jupiter.api.Test
    void aValueThatLooksLikeSqlIsOnlyEverAValue() throws Exception {
        long all = json.readTree(count("{\"all\": []}").body()).get("count").asLong();
        long none = json.readTree(count(leaf("city", "eq", "\"x' or '1'='1\"")).body())
                .get("count")
                .asLong();

        assertThat(all).isPositive();
        assertThat(none).isZero();
        assertThat(jdbc.sql("select count(*) from customer").query(Long.class).single())
                .isEqualTo(all);
    }

    private HttpResponse<String> count(String condition) throws Exception {
        return api(token, "POST", "/api/v1/segments/count", "{\"condition\": " + condition + "}");
    }

    private static String leaf(String field, String op, String values) {
        return "{\"field\": \"" + field + "\", \"op\": \"" + op + "\", \"values\": [" + values + "]}";
    }

    /**
     * The documented limits at once: 200 conditions of 1,000 values each (200,000 values, three times the
     * parameters PostgreSQL takes in one statement), over a scalar, a set, the terms of purchases and a text.
     */
    private static String atTheLimits(String group) {
        String[][] fields = {
            {"city", "in"}, {"tag", "has_any"}, {"bought_product", "has_none"}, {"postal_code", "not_in"}
        };
        return "{\"" + group + "\": ["
                + IntStream.range(0, 200)
                        .mapToObj(i -> leaf(
                                fields[i % fields.length][0],
                                fields[i % fields.length][1],
                                IntStream.range(0, 1000)
                                        .mapToObj(v -> "\"v" + i + "-" + v + "\"")
                                        .collect(Collectors.joining(", "))))
                        .collect(Collectors.joining(", "))
                + "]}";
    }

    /** Groups nested {@code depth} deep around one condition. */
    private static String nested(int depth) {
        String condition = leaf("city", "eq", "\"Harrowgate\"");
        for (int i = 1; i < depth; i++) {
            condition = (i % 2 == 0 ? "{\"all\": [" : "{\"any\": [") + condition + "]}";
        }
        return condition;
    }
}
