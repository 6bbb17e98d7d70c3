package io.clientele;

import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port over an embedded PostgreSQL with a small demo data set; one per test
 * JVM (every subclass shares the cached context and database).
 */
@SpringBootTest(classes = ClienteleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApplicationTestSupport.FixedClock.class)
public abstract class ApplicationTestSupport {
    public static final int DEMO_CUSTOMERS = 1500;

    /** Midnight UTC today: demo data ends yesterday and no store is open at midnight, so windows are stable. */
    public static final Instant TEST_NOW =
            LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        TestClock fixedClock() {
            return new TestClock(TEST_NOW);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private Scoring scoringRuns;

    @Autowired
    private ScoringRunner scoringRunner;

    /** A scoring run as of today with the default parameters, run now: the latest completed one afterwards. */
    protected ScoreRun scoreNow() {
        return scoringRunner.runOrAwait(
                scoringRuns.queue(ScoreRun.Trigger.API, Scoring.Request.defaults(), "test"),
                (phase, done, total) -> {});
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "clientele.data-dir",
                () -> "target/test-data/" + ProcessHandle.current().pid());
        registry.add("clientele.demo.customers", () -> DEMO_CUSTOMERS);
        // small chunks, so that tests see imports resume between chunks
        registry.add("clientele.import.chunk-rows", () -> 100);
        // no background send workers: sending tests run their own, and other tests' pending members stay pending
        registry.add("clientele.campaign.send.workers", () -> 0);
        // no background journey ticks: journey tests tick themselves, at the times they choose
        registry.add("clientele.journey.ticker", () -> false);
        registry.add("clientele.loyalty.communications", () -> false);
        // trust X-Forwarded-For from the local test clients, so that sign-in tests can come from several addresses
        registry.add("server.forward-headers-strategy", () -> "native");
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** An API call with a bearer token and an optional JSON body; answers the status and the body. */
    protected HttpResponse<String> api(String token, String method, String path, @Nullable String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An HTTP client with its own cookie jar: a browser-like session that does not follow redirects. */
    protected Session session() {
        return new Session(HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    protected final class Session {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final HttpClient client;
        private @Nullable String forwardedFor;

        Session(HttpClient client) {
            this.client = client;
        }

        /** Every later request of this session comes through a (trusted) proxy on behalf of {@code address}. */
        public Session from(String address) {
            this.forwardedFor = address;
            return this;
        }

        public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder request =
                    proxied(HttpRequest.newBuilder(URI.create(url(path)))).GET();
            if (headers.length > 0) {
                request.headers(headers);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Sends a request in this session, as it is. */
        public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(proxied(request).build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder proxied(HttpRequest.Builder request) {
            return forwardedFor == null ? request : request.header("X-Forwarded-For", forwardedFor);
        }

        /** Posts a form with the CSRF token read from {@code formPage}. */
        public HttpResponse<String> postForm(String formPage, String path, String form)
                throws IOException, InterruptedException {
            Matcher csrf = CSRF.matcher(get(formPage).body());
            if (!csrf.find()) {
                throw new IllegalStateException("no CSRF token on " + formPage);
            }
            String body = form + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            return client.send(
                    proxied(HttpRequest.newBuilder(URI.create(url(path))))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Signs in through the form; answers the redirect the server sent. */
        public HttpResponse<String> signIn(String username, String password) throws IOException, InterruptedException {
            return postForm("/login", "/login", "username=" + username + "&password=" + password);
        }
    }
}
