package io.clientele.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import io.clientele.identity.ApiScope;
import io.clientele.identity.ApiTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit trail page and API: filters, paging limits, escaping, and administrators only. */
class AuditPageIntegrationTest extends ApplicationTestSupport {
    private static final AtomicInteger ENTITIES = new AtomicInteger();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    AuditTrail trail;

    @Autowired
    TestClock clock;

    @Autowired
    ApiTokens tokens;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void filtersByUserEntityActionAndPeriod() throws Exception {
        String entity = anEntity();
        clock.advance(Duration.ofDays(-2));
        trail.recordAs("ann", "probe.created", entity, 1, Map.of());
        clock.reset();
        trail.recordAs("ann", "probe.changed", entity, 1, Map.of("field", "name"));
        trail.recordAs("bob", "probe.changed", entity, 2, Map.of());
        trail.recordAs("bob", "probed", entity, 3, Map.of());

        assertThat(actions("entity=" + entity))
                .containsExactly("probed", "probe.changed", "probe.changed", "probe.created");
        assertThat(actions("entity=" + entity + "&user=ann")).containsExactly("probe.changed", "probe.created");
        // an action matches the actions below it, not those that merely start with the same letters
        assertThat(actions("entity=" + entity + "&action=probe"))
                .containsExactly("probe.changed", "probe.changed", "probe.created");
        assertThat(actions("entity=" + entity + "&action=probe.changed&user=bob"))
                .containsExactly("probe.changed");
        assertThat(actions("entity=" + entity + "&entityId=3")).containsExactly("probed");
        String today = TEST_NOW.toString().substring(0, 10);
        String twoDaysAgo = TEST_NOW.minus(Duration.ofDays(2)).toString().substring(0, 10);
        assertThat(actions("entity=" + entity + "&from=" + today)).hasSize(3);
        assertThat(actions("entity=" + entity + "&to=" + twoDaysAgo)).containsExactly("probe.created");
        assertThat(actions("entity=" + entity + "&from=" + twoDaysAgo + "&to=" + twoDaysAgo))
                .hasSize(1);

        JsonNode page = api("/api/v1/audit?entity=" + entity + "&size=3&page=1");
        assertThat(page.get("total").asLong()).isEqualTo(4);
        assertThat(page.get("totalPages").asInt()).isEqualTo(2);
        assertThat(page.get("items").get(0).get("action").asString()).isEqualTo("probe.created");
        JsonNode changed = api("/api/v1/audit?entity=" + entity + "&user=ann&action=probe.changed")
                .get("items")
                .get(0);
        assertThat(changed.get("details").get("field").asString()).isEqualTo("name");
        assertThat(changed.get("entityId").asString()).isEqualTo("1");
    }

    @Test
    void thePageShowsTheFilteredEntriesAndPagesThroughThemKeepingTheFilter() throws Exception {
        String entity = anEntity();
        for (int i = 0; i < 3; i++) {
            trail.recordAs("carol", "probe.changed", entity, i, Map.of());
        }
        var admin = admin();
        String body = admin.get("/admin/audit?entity=" + entity + "&size=2&user=carol")
                .body();
        assertThat(body).contains("data-testid=\"audit-events\"").contains("Page 1 of 2");
        // the form shows the filters in force
        assertThat(body).contains("value=\"" + entity + "\"").contains("value=\"carol\"");
        assertThat(body).contains("href=\"/admin/audit?user=carol&amp;entity=" + entity + "&amp;size=2&amp;page=1\"");
        assertThat(admin.get("/admin/audit?user=carol&entity=" + entity + "&size=2&page=1")
                        .body())
                .contains("Page 2 of 2");
    }

    @Test
    void userTextIsShownAsText() throws Exception {
        String entity = anEntity();
        trail.recordAs(
                "<b>mallory</b>", "probe.changed", entity, "<i>1</i>", Map.of("name", "<script>alert(1)</script>"));
        String body = admin().get("/admin/audit?entity=" + entity).body();
        assertThat(body).contains("&lt;b&gt;mallory&lt;/b&gt;").contains("&lt;i&gt;1&lt;/i&gt;");
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"size=0", "size=201", "size=x", "page=-1", "from=yesterday", "from=2026-12-07&to=2026-12-01"})
    void outOfRangePagingAndBadDatesAre400WithTheFieldNamed(String query) throws Exception {
        String field = query.startsWith("from=2026") ? "to" : query.substring(0, query.indexOf('='));
        HttpResponse<String> api = admin().get("/api/v1/audit?" + query);
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(json.readTree(api.body()).get("errors").get(0).get("field").asString())
                .isEqualTo(field);
        HttpResponse<String> page = admin().get("/admin/audit?" + query);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("data-testid=\"audit-errors\"");
    }

    @Test
    void aNulInAFilterIs400NotAServerError() throws Exception {
        assertThat(admin().get("/api/v1/audit?user=a%00b").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "marketer", "analyst", "sales", "store", "agent"})
    void onlyAdministratorsReadTheAuditTrail(String user) throws Exception {
        var session = session();
        session.signIn(user, "demo");
        assertThat(session.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(session.get("/api/v1/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void aTokenReadsTheAuditTrailOnlyWithTheAuditScope() throws Exception {
        var withScope = tokens.issue("auditor", EnumSet.of(ApiScope.AUDIT_READ), "admin");
        var without = tokens.issue("no-auditor", EnumSet.of(ApiScope.CUSTOMERS_READ), "admin");
        assertThat(api(withScope.secret(), "GET", "/api/v1/audit?size=1", null).statusCode())
                .isEqualTo(200);
        assertThat(api(without.secret(), "GET", "/api/v1/audit?size=1", null).statusCode())
                .isEqualTo(403);
    }

    private List<String> actions(String query) throws Exception {
        List<String> actions = new java.util.ArrayList<>();
        api("/api/v1/audit?" + query)
                .get("items")
                .forEach(e -> actions.add(e.get("action").asString()));
        return actions;
    }

    private JsonNode api(String path) throws Exception {
        HttpResponse<String> response = admin().get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private Session admin() throws Exception {
        Session admin = session();
        admin.signIn("admin", "demo");
        return admin;
    }

    private static String anEntity() {
        return "probe-" + ENTITIES.incrementAndGet();
    }
}
