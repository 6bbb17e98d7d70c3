package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API contract integrators rely on: every operation has a summary and declares the errors it can answer as
 * problem details. The document is written to {@code target/openapi.json}, which {@code .ci/run} lints with
 * Redocly CLI's recommended rules.
 */
class OpenApiDocumentIntegrationTest extends ApplicationTestSupport {
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    @Autowired
    JsonMapper json;

    @Test
    void everyOperationHasASummaryAndDeclaresItsProblemResponses() throws Exception {
        String text = session().get("/v3/api-docs").body();
        Files.writeString(Path.of("target/openapi.json"), text);
        JsonNode document = json.readTree(text);
        List<String> missing = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                operations++;
                String name = method.toUpperCase() + " " + path.getKey();
                if (operation.path("summary").asString("").isBlank()) {
                    missing.add(name + ": summary");
                }
                List<String> expected = new ArrayList<>(List.of("400", "401", "403"));
                if (path.getKey().contains("{")) {
                    expected.add("404");
                }
                for (String status : expected) {
                    JsonNode response = operation.path("responses").path(status);
                    if (response.path("content")
                            .path("application/problem+json")
                            .isMissingNode()) {
                        missing.add(name + ": " + status + " as application/problem+json");
                    }
                }
            }
        }
        assertThat(operations).isGreaterThan(50);
        assertThat(missing).isEmpty();
    }
}
