package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentQueries;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's store manager ("store") works for one store and the salesperson ("sales") for its region: each sees
 * and changes only the customers of their stores and those they own, on pages, the API, segment lists and the
 * drill-downs of figures; a store manager records receipts of their own stores only.
 */
class DataScopeIntegrationTest extends ApplicationTestSupport {
    @Autowired
    DataScopes scopes;

    @Autowired
    UserDataScopes assignments;

    @Autowired
    SegmentQueries segments;

    @Autowired
    FieldRegistry fields;

    @Autowired
    ScoredCustomers scored;

    @Autowired
    ScoreRuns runs;

    @Autowired
    JsonMapper json;

    private String storeOf(String username) {
        return assignments.all().get(username).stores().getFirst();
    }

    private long inStore(String store) {
        return jdbc.sql("""
                        select count(*) from customer c join store s on s.id = c.home_store_id
                        where s.code = :store or c.owner_username = 'store'""").param("store", store).query(Long.class).single();
    }

    private long customerOutside(String store) {
        return jdbc.sql("""
                        select c.id from customer c join store s on s.id = c.home_store_id
                        where s.code <> :store and coalesce(c.owner_username, '') <> 'store' order by c.id limit 1""").param("store", store).query(Long.class).single();
    }

    private <T> T as(String username, Role role, Supplier<T> work) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, "n/a", List.of(new SimpleGrantedAuthority(role.authority()))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void aStoreManagerListsAndOpensTheCustomersOfTheirStoreOnly() throws Exception {
        String store = storeOf("store");
        Session session = session();
        session.signIn("store", "demo");

        JsonNode page = json.readTree(session.get("/api/v1/customers?size=200").body());
        assertThat(page.get("total").asLong()).isEqualTo(inStore(store)).isLessThan(DEMO_CUSTOMERS);
        long outside = customerOutside(store);
        assertThat(session.get("/customers/" + outside).statusCode()).isEqualTo(404);
        assertThat(session.get("/api/v1/customers/" + outside).statusCode()).isEqualTo(404);
        assertThat(session.get("/api/v1/customers/" + outside + "/timeline").statusCode())
                .isEqualTo(404);
        assertThat(session.get("/customers/" + outside + "/edit").statusCode()).isEqualTo(404);
        // a customer named in a query parameter or a body, not only in the path
        long survey = jdbc.sql("select id from survey where key = 'coffee_trial'")
                .query(Long.class)
                .single();
        assertThat(session.get("/api/v1/surveys/" + survey + "/link?customerId=" + outside)
                        .statusCode())
                .isEqualTo(404);
        String csrf = session.get("/customers").body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> answered =
                session.send(HttpRequest.newBuilder(URI.create(url("/api/v1/surveys/" + survey + "/responses")))
                        .header("Content-Type", "application/json")
                        .header("X-CSRF-TOKEN", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"customerId\": " + outside + ", \"answers\": {\"trial_rating\": 3}}")));
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(404);
        long own = page.get("items").get(0).get("id").asLong();
        assertThat(session.get("/customers/" + own).statusCode()).isEqualTo(200);

        // everyone else sees the whole base
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        assertThat(marketer.get("/customers/" + outside).statusCode()).isEqualTo(200);
    }

    @Test
    void segmentListsAndTheDrillDownOfAFigureKeepToTheScope() {
        String store = storeOf("store");
        var everyone = ConditionJson.parse("{\"all\": []}", fields);
        long members = as(
                "store",
                Role.STORE_MANAGER,
                () -> segments.members(everyone, "name", 0, 10).total());
        assertThat(members).isEqualTo(inStore(store));
        DataScope scope = as("store", Role.STORE_MANAGER, scopes::current);
        assertThat(scope.storeCodes()).containsExactly(store);
        assertThat(as("marketer", Role.MARKETER, scopes::current).unrestricted())
                .isTrue();
        runs.latestCompleted().ifPresent(run -> {
            var filter = new ScoredCustomers.Filter(
                    null, null, null, null, null, null, null, null, null, null, null, null, null);
            long scoped = as(
                    "store",
                    Role.STORE_MANAGER,
                    () -> scored.page(run, filter, "name", 0, 500).total());
            long all = scored.page(run, filter, "name", 0, 500).total();
            assertThat(scoped).isLessThan(all).isPositive();
        });
    }

    @Test
    void aStoreManagerRecordsReceiptsOfTheirOwnStoresOnly() throws Exception {
        String store = storeOf("store");
        String other = jdbc.sql("select code from store where code <> :store order by code limit 1")
                .param("store", store)
                .query(String.class)
                .single();
        Session session = session();
        session.signIn("store", "demo");
        String csrf = session.get("/customers").body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> refused = session.send(HttpRequest.newBuilder(URI.create(url("/api/v1/sales")))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "scope-" + System.nanoTime())
                .header("X-CSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"SCOPE\",\"receipts\":[{\"receiptId\":\"R1\","
                        + "\"storeCode\":\"" + other + "\",\"soldAt\":\"2026-12-01T10:00:00Z\",\"lines\":[]}]}")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains(other);
    }

    @Test
    void anAdministratorSetsScopesOnTheUsersPageAndAnUnknownStoreIsRefused() throws Exception {
        String store = storeOf("store");
        Session admin = session();
        admin.signIn("admin", "demo");
        HttpResponse<String> unknown =
                admin.postForm("/admin/users", "/admin/users/store/scope", "stores=NO-SUCH-STORE&regions=");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("stores");
        assertThat(storeOf("store")).isEqualTo(store);
        HttpResponse<String> saved = admin.postForm("/admin/users", "/admin/users/store/scope", "stores=" + store);
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/users").body()).contains("data-testid=\"scope-stores-store\"");
    }

    @Test
    void theDashboardShowsMoneyOnlyToThoseWithAnalyticsRights() throws Exception {
        Session sales = session();
        sales.signIn("sales", "demo");
        String page = sales.get("/").body();
        assertThat(page)
                .contains("figure-customers")
                .doesNotContain("figure-revenue")
                .doesNotContain("months-chart");
        Session store = session();
        store.signIn("store", "demo");
        assertThat(store.get("/").body()).contains("figure-revenue");
    }
}
