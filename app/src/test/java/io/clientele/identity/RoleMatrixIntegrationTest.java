package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every role against every reading operation of the API, as docs/api.md documents the scopes: a role without the
 * scope is refused (403), a role with it is not (401 and 403 never come back). The operations come from the OpenAPI
 * document, so a new one must be named in {@link #REQUIRED} — documented — or this test fails. Path variables name a
 * record that does not exist: what is checked is the door, before any record is looked up.
 */
class RoleMatrixIntegrationTest extends ApplicationTestSupport {
    /** The scope each GET path needs, the first matching pattern winning (docs/api.md, "scope | allows"). */
    private static final Map<Pattern, ApiScope> REQUIRED = new LinkedHashMap<>();

    static {
        rule("/api/v1/customers/[^/]+/privacy-export", ApiScope.PRIVACY_MANAGE);
        rule("/api/v1/customers/.*", ApiScope.CUSTOMERS_READ);
        rule("/api/v1/customers", ApiScope.CUSTOMERS_READ);
        rule("/api/v1/dashboard", ApiScope.ANALYTICS_READ);
        rule("/api/v1/insight/.*", ApiScope.ANALYTICS_READ);
        rule("/api/v1/campaigns/outbox.*", ApiScope.CAMPAIGNS_WRITE);
        rule("/api/v1/campaigns/[^/]+/steps/[^/]+/(letters\\..*|coupons\\.csv)", ApiScope.CAMPAIGNS_WRITE);
        rule("/api/v1/campaigns.*", ApiScope.CAMPAIGNS_READ);
        rule("/api/v1/journeys.*", ApiScope.CAMPAIGNS_READ);
        rule("/api/v1/materials.*", ApiScope.CAMPAIGNS_READ);
        rule("/api/v1/surveys/[^/]+/(link|responses)", ApiScope.CUSTOMERS_WRITE);
        rule("/api/v1/surveys.*", ApiScope.CAMPAIGNS_READ);
        rule("/api/v1/segments/[^/]+/export", ApiScope.SEGMENTS_WRITE);
        rule("/api/v1/segments.*", ApiScope.CUSTOMERS_READ);
        rule("/api/v1/call-agents.*", ApiScope.CAMPAIGNS_APPROVE);
        rule("/api/v1/calls.*", ApiScope.CUSTOMERS_READ);
        rule("/api/v1/audit.*", ApiScope.AUDIT_READ);
    }

    private static void rule(String path, ApiScope scope) {
        REQUIRED.put(Pattern.compile(path), scope);
    }

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyRoleReachesExactlyTheReadingOperationsItsScopesAllow() throws Exception {
        JsonNode document = json.readTree(session().get("/v3/api-docs").body());
        List<String> paths = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            if (path.getValue().has("get")) {
                paths.add(path.getKey());
            }
        });
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, Role> user : DemoUser.ALL.entrySet()) {
            Session session = session();
            session.signIn(user.getKey(), "demo");
            for (String path : paths) {
                ApiScope required = required(path);
                if (required == null) {
                    wrong.add(path + ": no documented scope");
                    continue;
                }
                String url = path.replaceAll("\\{[^}]+}", "987654321");
                HttpResponse<String> response = session.get(url);
                cases++;
                boolean allowed = user.getValue().scopes().contains(required);
                boolean refused = response.statusCode() == 401 || response.statusCode() == 403;
                if (allowed == refused) {
                    wrong.add(
                            user.getKey() + " GET " + url + ": " + response.statusCode() + " (needs " + required + ")");
                }
            }
        }
        System.out.printf(
                "role matrix: %d roles x %d reading operations = %d cases%n", DemoUser.ALL.size(), paths.size(), cases);
        assertThat(wrong).isEmpty();
    }

    private static ApiScope required(String path) {
        return REQUIRED.entrySet().stream()
                .filter(rule -> rule.getKey().matcher(path).matches())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The demo's users, one per role. */
    private static final class DemoUser {
        static final Map<String, Role> ALL = Map.of(
                "admin", Role.ADMIN,
                "manager", Role.MARKETING_MANAGER,
                "marketer", Role.MARKETER,
                "analyst", Role.ANALYST,
                "sales", Role.SALES,
                "store", Role.STORE_MANAGER,
                "agent", Role.SERVICE_AGENT);
    }
}
