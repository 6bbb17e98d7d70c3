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
        rule("/api/v1/merchandising/.*", ApiScope.ANALYTICS_READ);
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
        rule("/api/v1/(period-costs|campaign-performance).*", ApiScope.CAMPAIGNS_READ);
        rule("/api/v1/leads/(rules|settings).*", ApiScope.LEADS_MANAGE);
        rule("/api/v1/(leads|opportunities|pipeline-stages).*", ApiScope.LEADS_READ);
        rule("/api/v1/loyalty/communications.*", ApiScope.CAMPAIGNS_READ);
        rule("/api/v1/loyalty/.*", ApiScope.LOYALTY_READ);
        rule("/api/v1/service/.*", ApiScope.SERVICE_READ);
        rule("/api/v1/suppliers.*", ApiScope.SUPPLIERS_READ);
        rule("/api/v1/events/[^/]+/registrations", ApiScope.EVENTS_CHECKIN);
        rule("/api/v1/(forms|events).*", ApiScope.CAMPAIGNS_READ);
    }

    private static void rule(String path, ApiScope scope) {
        REQUIRED.put(Pattern.compile(path), scope);
    }

    /** The scopes each writing operation needs ("METHOD path" patterns, the first match winning), as documented. */
    private static final Map<Pattern, java.util.Set<ApiScope>> WRITES = new LinkedHashMap<>();

    static {
        write("\\w+ /api/v1/customers/[^/]+/(merge|distinct)/.*", ApiScope.CUSTOMERS_MERGE);
        write("\\w+ /api/v1/customers/[^/]+/erasure", ApiScope.PRIVACY_MANAGE);
        write("POST /api/v1/customers/owner-assignments", ApiScope.LEADS_MANAGE);
        write("\\w+ /api/v1/customers.*", ApiScope.CUSTOMERS_WRITE);
        write("\\w+ /api/v1/(sales|coupons/.*)", ApiScope.SALES_WRITE);
        write("PUT /api/v1/insight/playbooks/.*", ApiScope.CAMPAIGNS_APPROVE);
        write("\\w+ /api/v1/insight/.*", ApiScope.ANALYTICS_RUN);
        write("POST /api/v1/merchandising/cross-sell-segments", ApiScope.SEGMENTS_WRITE);
        // analysts may propose a draft cross-sell campaign from a rule (docs/security.md): no other campaign write
        write("POST /api/v1/merchandising/cross-sell-campaigns", ApiScope.SEGMENTS_WRITE);
        write("\\w+ /api/v1/merchandising/targets.*", ApiScope.TARGETS_WRITE);
        write("POST /api/v1/materials/[^/]+/preview", ApiScope.CAMPAIGNS_READ, ApiScope.CUSTOMERS_READ);
        write("\\w+ /api/v1/materials.*", ApiScope.CAMPAIGNS_WRITE);
        write("\\w+ /api/v1/campaigns/[^/]+/(approve|reject)", ApiScope.CAMPAIGNS_APPROVE);
        write("PUT /api/v1/campaigns/policy", ApiScope.CAMPAIGNS_APPROVE);
        write("POST /api/v1/campaigns/[^/]+/(costs|close)", ApiScope.CAMPAIGNS_APPROVE);
        write("\\w+ /api/v1/period-costs.*", ApiScope.CAMPAIGNS_APPROVE);
        write("\\w+ /api/v1/journeys/[^/]+/versions/[^/]+/approve", ApiScope.CAMPAIGNS_APPROVE);
        write("\\w+ /api/v1/(campaigns|journeys).*", ApiScope.CAMPAIGNS_WRITE);
        write("\\w+ /api/v1/surveys/[^/]+/(responses|link)", ApiScope.CUSTOMERS_WRITE);
        write("\\w+ /api/v1/surveys.*", ApiScope.CAMPAIGNS_WRITE);
        write("POST /api/v1/segments/(count|members|overlap)", ApiScope.CUSTOMERS_READ);
        write("\\w+ /api/v1/segments.*", ApiScope.SEGMENTS_WRITE);
        write("\\w+ /api/v1/call-agents.*", ApiScope.CAMPAIGNS_APPROVE);
        write("\\w+ /api/v1/calls.*", ApiScope.CUSTOMERS_READ);
        write("\\w+ /api/v1/(leads/(rules|settings).*|pipeline-stages.*)", ApiScope.LEADS_MANAGE);
        write("\\w+ /api/v1/(leads|opportunities).*", ApiScope.LEADS_WRITE);
        write("POST /api/v1/loyalty/communications/[^/]+/(approve|reject|pause|resume)", ApiScope.CAMPAIGNS_APPROVE);
        write("\\w+ /api/v1/loyalty/communications.*", ApiScope.CAMPAIGNS_WRITE);
        write("\\w+ /api/v1/loyalty/holds.*", ApiScope.SALES_WRITE);
        write("\\w+ /api/v1/loyalty/(rules|programme|tiers).*", ApiScope.LOYALTY_MANAGE);
        write("\\w+ /api/v1/loyalty/.*", ApiScope.LOYALTY_WRITE);
        write("\\w+ /api/v1/service/(queues/.*|sla)", ApiScope.SERVICE_MANAGE);
        write("\\w+ /api/v1/service/.*", ApiScope.SERVICE_WRITE);
        write("\\w+ /api/v1/suppliers.*", ApiScope.SUPPLIERS_MANAGE);
        write("\\w+ /api/v1/events/[^/]+/(registrations|check-ins.*)", ApiScope.EVENTS_CHECKIN);
        write("\\w+ /api/v1/(forms|events).*", ApiScope.CAMPAIGNS_WRITE);
    }

    private static void write(String operation, ApiScope... scopes) {
        WRITES.put(Pattern.compile(operation), java.util.Set.of(scopes));
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

    /**
     * Every role against every writing operation, sent so that it cannot change anything: path variables name a
     * record that does not exist and the body is a JSON array where an object is expected. A role without the scopes
     * is refused (403) before any of that is read; a role with them is not (it hears 400 or 404, or a 2xx where there
     * was nothing to change).
     */
    @Test
    void everyRoleReachesExactlyTheWritingOperationsItsScopesAllow() throws Exception {
        JsonNode document = json.readTree(session().get("/v3/api-docs").body());
        List<String> operations = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    if (List.of("post", "put", "patch", "delete").contains(operation.getKey())) {
                        operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, Role> user : DemoUser.ALL.entrySet()) {
            Session session = session();
            session.signIn(user.getKey(), "demo");
            // a supplier may not open the customer list: its own supplier's page (where /suppliers sends it) serves
            String formPage = user.getValue() == Role.SUPPLIER
                    ? java.net
                            .URI
                            .create(session.get("/suppliers")
                                    .headers()
                                    .firstValue("Location")
                                    .orElseThrow())
                            .getPath()
                    : "/customers";
            String csrf = session.get(formPage).body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
            for (String operation : operations) {
                java.util.Set<ApiScope> required = WRITES.entrySet().stream()
                        .filter(rule -> rule.getKey().matcher(operation).matches())
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(null);
                if (required == null) {
                    wrong.add(operation + ": no documented scope");
                    continue;
                }
                String method = operation.substring(0, operation.indexOf(' '));
                String url = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "987654321");
                HttpResponse<String> response =
                        session.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(url)))
                                .header("Content-Type", "application/json")
                                .header("X-CSRF-TOKEN", csrf)
                                .header("Idempotency-Key", "role-matrix-" + System.nanoTime())
                                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("[]")));
                cases++;
                boolean allowed = user.getValue().scopes().containsAll(required);
                boolean refused = response.statusCode() == 401 || response.statusCode() == 403;
                // (a role with the scopes may hear 2xx where nothing was there to change: a delete of a suppression
                // that does not exist, a bounce report with no bounce in it)
                if (allowed == refused) {
                    wrong.add(user.getKey() + " " + method + " " + url + ": " + response.statusCode() + " (needs "
                            + required + ")");
                }
            }
        }
        System.out.printf(
                "role matrix (writes): %d roles x %d writing operations = %d cases%n",
                DemoUser.ALL.size(), operations.size(), cases);
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
                "agent", Role.SERVICE_AGENT,
                "servicemanager", Role.SERVICE_MANAGER,
                "supplier", Role.SUPPLIER);
    }
}
