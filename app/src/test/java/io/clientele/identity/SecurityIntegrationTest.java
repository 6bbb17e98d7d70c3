package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SecurityIntegrationTest extends ApplicationTestSupport {
    @Autowired
    ApiTokens tokens;

    @Test
    void anonymousApiCallsGet401AsProblemDetailNotARedirect() throws Exception {
        HttpResponse<String> response = session().get("/api/v1/customers");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"clientele\"");
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void everyApiMethodWithoutCredentialsIs401NotACsrfOrScopeMessage() throws Exception {
        for (String method : java.util.List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            for (String path : java.util.List.of("/api/v1/customers", "/api/v1/segments/count", "/api/v1/no-such")) {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                        .header("Content-Type", "application/json")
                        .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .build();
                HttpResponse<String> response =
                        java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(method + " " + path).isEqualTo(401);
                assertThat(response.body()).contains("API token");
            }
        }
    }

    @Test
    void aSessionApiCallWithoutItsCsrfTokenHearsAboutTheToken() throws Exception {
        var session = session();
        session.signIn("marketer", "demo");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/segments/count")))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<String> response = session.send(request);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("CSRF token").doesNotContain("scopes");
    }

    @Test
    void redirectsDoNotTakeTheHostFromTheRequest() throws Exception {
        for (String path : java.util.List.of("/customers", "/campaigns/new")) {
            try (var socket = new java.net.Socket("localhost", port)) {
                socket.getOutputStream()
                        .write(("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                String answer =
                        new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                String location = answer.lines()
                        .filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                        .findFirst()
                        .orElseThrow();
                assertThat(location).as(path).doesNotContain("evil.example").contains("/login");
            }
        }
    }

    @Test
    void anonymousPagesRedirectToTheSignInForm() throws Exception {
        HttpResponse<String> response = session().get("/customers");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        var session = session();
        HttpResponse<String> response = session.signIn("marketer", "wrong");
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(session.get("/customers").statusCode()).isEqualTo(302);
    }

    @Test
    void theRightPasswordOpensTheApplication() throws Exception {
        var session = session();
        session.signIn("marketer", "demo");
        assertThat(session.get("/customers").statusCode()).isEqualTo(200);
        assertThat(session.get("/api/v1/customers?size=1").statusCode()).isEqualTo(200);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        var session = session();
        session.signIn("admin", "demo");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/admin/tokens")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=x&scopes=customers:read"))
                .build();
        var client = java.net.http.HttpClient.newHttpClient();
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isIn(302, 401, 403);
        assertThat(tokens.all()).noneMatch(t -> t.name().equals("x"));
    }

    @Test
    void salesCannotOpenAdminPagesButAdminCan() throws Exception {
        var sales = session();
        sales.signIn("sales", "demo");
        assertThat(sales.get("/admin/users").statusCode()).isEqualTo(403);
        assertThat(sales.get("/admin/tokens").statusCode()).isEqualTo(403);

        var admin = session();
        admin.signIn("admin", "demo");
        HttpResponse<String> users = admin.get("/admin/users");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("marketer", "agent");
    }

    @Test
    void aTokenIsShownOnceWorksWithinItsScopesAndStopsWhenRevoked() throws Exception {
        var admin = session();
        admin.signIn("admin", "demo");
        HttpResponse<String> created =
                admin.postForm("/admin/tokens", "/admin/tokens", "name=POS+integration&scopes=customers:read");
        assertThat(created.statusCode()).isEqualTo(302);
        String page = admin.get("/admin/tokens").body();
        var secretMatch =
                java.util.regex.Pattern.compile("(clt_[A-Za-z0-9_-]{43})").matcher(page);
        assertThat(secretMatch.find())
                .as("the new secret is on the page after creating")
                .isTrue();
        String secret = secretMatch.group(1);
        assertThat(admin.get("/admin/tokens").body()).as("and only once").doesNotContain(secret);
        assertThat(jdbc.sql("select count(*) from api_token where encode(token_hash, 'escape') like :s")
                        .param("s", "%" + secret + "%")
                        .query(Long.class)
                        .single())
                .as("the secret is not stored")
                .isZero();

        var integration = session();
        assertThat(integration
                        .get("/api/v1/customers?size=2", "Authorization", "Bearer " + secret)
                        .statusCode())
                .isEqualTo(200);
        assertThat(integration
                        .get("/api/v1/dashboard", "Authorization", "Bearer " + secret)
                        .statusCode())
                .as("analytics:read was not granted")
                .isEqualTo(403);

        long id = tokens.all().stream()
                .filter(t -> t.name().equals("POS integration"))
                .findFirst()
                .orElseThrow()
                .id();
        admin.postForm("/admin/tokens", "/admin/tokens/" + id + "/revoke", "");
        HttpResponse<String> revoked = integration.get("/api/v1/customers", "Authorization", "Bearer " + secret);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("unknown or revoked");
        assertThat(tokens.revoke(id, "admin"))
                .as("revoking twice changes nothing")
                .isFalse();
    }

    @Test
    void anUnknownTokenIsRefused() throws Exception {
        assertThat(session()
                        .get("/api/v1/customers", "Authorization", "Bearer clt_forged")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void tokensNeedANameAndAScope() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> tokens.issue("no scopes", EnumSet.noneOf(ApiScope.class), "admin"))
                .hasMessageContaining("scopes");
    }
}
