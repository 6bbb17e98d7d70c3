package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every list operation of the API refuses a page or a size out of range with a 400 that names the field, rather
 * than quietly clamping it. The operations come from the OpenAPI document, so a new list is covered without a new
 * test.
 */
class PagingIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    @Test
    void everyListOperationRefusesANegativePageAndAnOutOfRangeSize() throws Exception {
        String token = tokens.issue("paging test", EnumSet.allOf(ApiScope.class), "test")
                .secret();
        JsonNode document = json.readTree(session().get("/v3/api-docs").body());
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            JsonNode get = path.getValue().get("get");
            if (get == null || !hasQueryParameter(get, "page")) {
                continue;
            }
            // path variables: an id that exists or not, the page check comes before any lookup
            String url = path.getKey().replaceAll("\\{[^}]+}", "1") + "?" + requiredParameters(get);
            assertRefused(token, url + "page=-1", "page");
            if (hasQueryParameter(get, "size")) {
                assertRefused(token, url + "size=0", "size");
                assertRefused(token, url + "size=100000", "size");
            }
            checked.add(path.getKey());
        }
        assertThat(checked).as("list operations found in the OpenAPI document").hasSizeGreaterThanOrEqualTo(10);
    }

    private void assertRefused(String token, String url, String field) throws Exception {
        HttpResponse<String> response = api(token, "GET", url, null);
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors).as(url + ": " + response.body()).isNotNull();
        assertThat(errors.get(0).get("field").asString()).as(url).isEqualTo(field);
    }

    /** A valid value for each other required query parameter: the first of its enum, else 1. */
    private static String requiredParameters(JsonNode operation) {
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.get("in").asString())
                    && parameter.path("required").asBoolean()) {
                JsonNode choices = parameter.path("schema").path("enum");
                query.append(parameter.get("name").asString())
                        .append('=')
                        .append(
                                choices.isArray() && !choices.isEmpty()
                                        ? choices.get(0).asString()
                                        : "1")
                        .append('&');
            }
        }
        return query.toString();
    }

    private static boolean hasQueryParameter(JsonNode operation, String name) {
        JsonNode parameters = operation.get("parameters");
        if (parameters == null) {
            return false;
        }
        for (JsonNode parameter : parameters) {
            if (name.equals(parameter.get("name").asString())
                    && "query".equals(parameter.get("in").asString())) {
                return true;
            }
        }
        return false;
    }
}
