package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import io.clientele.audit.AuditTrail;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sign-in throttling end to end: the form, the lockout in PostgreSQL, the clock moving on, the audit API. */
class LoginProtectionIntegrationTest extends ApplicationTestSupport {
    private static final String PASSWORD = "right-password";
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Pattern REFUSAL = Pattern.compile("data-testid=\"login-refused\"[^>]*>([^<]*)<");
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    TestClock clock;

    @Autowired
    UserAccounts accounts;

    @Autowired
    AuditTrail audit;

    @Autowired
    LoginProperties properties;

    @AfterEach
    void forgetFailures() {
        clock.reset();
        jdbc.sql("delete from login_throttle").update();
    }

    @Test
    void theEleventhAttemptInAMinuteIsRefusedAndTheRightPasswordOnlyWorksOnceTheLockoutHasEnded() throws Exception {
        String user = aUser();
        Session guesser = session().from("198.51.100.7");
        // the seconds waited before attempts 2 to 10: five free failures, then a delay doubling from one second
        long[] waits = {0, 0, 0, 0, 1, 2, 4, 8, 16};
        Duration elapsed = Duration.ZERO;
        assertThat(guesser.signIn(user, "wrong-1")).satisfies(LoginProtectionIntegrationTest::failed);
        for (int attempt = 2; attempt <= 10; attempt++) {
            Duration wait = Duration.ofSeconds(waits[attempt - 2]);
            clock.advance(wait);
            elapsed = elapsed.plus(wait);
            if (attempt == 8) {
                // too early: refused without a look at the password, and not counted
                clock.advance(Duration.ofSeconds(-1));
                assertThat(guesser.signIn(user, PASSWORD)).satisfies(LoginProtectionIntegrationTest::refused);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(guesser.signIn(user, "wrong-" + attempt)).satisfies(LoginProtectionIntegrationTest::failed);
        }
        assertThat(elapsed).isLessThan(Duration.ofMinutes(1));

        HttpResponse<String> eleventh = guesser.signIn(user, "wrong-11");
        assertThat(eleventh).satisfies(LoginProtectionIntegrationTest::refused);
        assertThat(guesser.get(location(eleventh)).body())
                .contains("Too many failed sign-ins. Try again in 15 minutes.");

        // the person, from their own address, with the right password: refused until the lockout ends
        Session owner = session().from("203.0.113.20");
        assertThat(owner.signIn(user, PASSWORD)).satisfies(LoginProtectionIntegrationTest::refused);
        clock.advance(Duration.ofMinutes(14));
        assertThat(owner.signIn(user, PASSWORD)).satisfies(LoginProtectionIntegrationTest::refused);
        clock.advance(Duration.ofMinutes(1));
        assertThat(location(owner.signIn(user, PASSWORD))).isEqualTo("/");
        assertThat(owner.get("/customers").statusCode()).isEqualTo(200);

        List<String> actions = auditActions("/api/v1/audit?entity=user&entityId=" + user + "&action=login");
        assertThat(actions).filteredOn("login.failed"::equals).hasSize(10);
        assertThat(actions.reversed())
                .endsWith("login.failed", "login.locked", "login.unlocked", "login.succeeded")
                .containsOnlyOnce("login.locked", "login.unlocked", "login.succeeded");
        JsonNode lock = auditEvents("/api/v1/audit?action=login.locked&entityId=" + user)
                .get(0);
        assertThat(lock.get("actor").asString()).isEqualTo(user);
        assertThat(lock.get("details").get("address").asString()).isEqualTo("198.51.100.7");
        JsonNode unlock = auditEvents("/api/v1/audit?action=login.unlocked&entityId=" + user)
                .get(0);
        assertThat(unlock.get("details").get("reason").asString()).isEqualTo("expired");
    }

    @Test
    void anAccountThatDoesNotExistIsLockedInTheSameWords() throws Exception {
        Session guesser = session().from("198.51.100.8");
        String known = aUser();
        String unknown = "nobody-" + USERS.incrementAndGet();
        // both guessed at the same moments, so that both are locked until the same moment
        for (int i = 0; i < 10; i++) {
            assertThat(guesser.signIn(known, "wrong")).satisfies(LoginProtectionIntegrationTest::failed);
            assertThat(guesser.signIn(unknown, "wrong")).satisfies(LoginProtectionIntegrationTest::failed);
            clock.advance(Duration.ofSeconds(30));
        }
        HttpResponse<String> knownRefusal = guesser.signIn(known, PASSWORD);
        HttpResponse<String> unknownRefusal = guesser.signIn(unknown, PASSWORD);
        assertThat(location(knownRefusal)).isEqualTo(location(unknownRefusal));
        assertThat(refusal(guesser, knownRefusal)).isEqualTo(refusal(guesser, unknownRefusal));
    }

    @Test
    void aLockoutIsInTheDatabaseSoAnotherProcessRefusesToo() throws Exception {
        String user = aUser();
        lockOut(session().from("198.51.100.12"), user);
        // what a second application process over the same database would build
        LoginProtection otherProcess = new LoginProtection(jdbc, audit, clock, properties);
        assertThat(otherProcess.refusedUntil(new LoginProtection.Attempt(user, "203.0.113.23")))
                .hasValueSatisfying(until -> assertThat(until).isAfter(clock.instant()));
    }

    @Test
    void anAdministratorUnlocksAnAccountOnTheUsersPage() throws Exception {
        String user = aUser();
        lockOut(session().from("198.51.100.9"), user);
        Session owner = session().from("203.0.113.21");
        assertThat(owner.signIn(user, PASSWORD)).satisfies(LoginProtectionIntegrationTest::refused);

        Session admin = session();
        admin.signIn("admin", "demo");
        assertThat(admin.get("/admin/users").body())
                .contains("data-testid=\"locks\"")
                .contains(user);
        HttpResponse<String> unlocked =
                admin.postForm("/admin/users", "/admin/users/unlock", "kind=ACCOUNT&subject=" + user);
        assertThat(location(unlocked)).isEqualTo("/admin/users");
        assertThat(admin.get("/admin/users").body()).contains("Unlocked " + user);

        assertThat(location(owner.signIn(user, PASSWORD))).isEqualTo("/");
        JsonNode unlock = auditEvents("/api/v1/audit?action=login.unlocked&entityId=" + user)
                .get(0);
        assertThat(unlock.get("actor").asString()).isEqualTo("admin");
        assertThat(unlock.get("details").get("reason").asString()).isEqualTo("administrator");
    }

    @Test
    void anAddressThatFailsOnManyAccountsIsThrottledForEveryAccount() throws Exception {
        Session sprayer = session().from("198.51.100.10");
        // one guess on each of twenty accounts: no account is throttled, the address has used its free failures
        for (int i = 0; i < 20; i++) {
            assertThat(sprayer.signIn("spray-" + i + "-" + USERS.incrementAndGet(), "guess"))
                    .satisfies(LoginProtectionIntegrationTest::failed);
        }
        String user = aUser();
        assertThat(sprayer.signIn(user, PASSWORD)).satisfies(LoginProtectionIntegrationTest::refused);
        // the same person from elsewhere is not held up by that address
        assertThat(location(session().from("203.0.113.22").signIn(user, PASSWORD)))
                .isEqualTo("/");
        clock.advance(Duration.ofSeconds(1));
        assertThat(location(sprayer.signIn(user, PASSWORD))).isEqualTo("/");
    }

    @Test
    void theAddressCountedIsTheClientThatATrustedProxyNames() throws Exception {
        // the tests configure server.forward-headers-strategy=native, which trusts proxies on private addresses
        String user = aUser();
        session().from("198.51.100.11").signIn(user, "wrong");
        JsonNode failure = auditEvents("/api/v1/audit?action=login.failed&entityId=" + user)
                .get(0);
        assertThat(failure.get("details").get("address").asString()).isEqualTo("198.51.100.11");
    }

    /** Ten failures, each as soon as the delay allows (the maximum delay is 30 s). */
    private void lockOut(Session session, String user) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(session.signIn(user, "wrong")).satisfies(LoginProtectionIntegrationTest::failed);
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(session.signIn(user, PASSWORD)).satisfies(LoginProtectionIntegrationTest::refused);
    }

    private String aUser() {
        String username = "clerk-" + USERS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        accounts.create(username, "Clerk", Role.MARKETER, PASSWORD);
        return username;
    }

    private List<String> auditActions(String path) throws Exception {
        List<String> actions = new ArrayList<>();
        auditEvents(path).forEach(e -> actions.add(e.get("action").asString()));
        return actions;
    }

    /** Audit entries, newest first, read through the API as the administrator. */
    private JsonNode auditEvents(String path) throws Exception {
        Session admin = session();
        admin.signIn("admin", "demo");
        HttpResponse<String> response = admin.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).get("items");
    }

    /** The path and query the response redirects to. */
    private static String location(HttpResponse<String> response) {
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }

    /** The words of the sign-in page a refused attempt leads to. */
    private static String refusal(Session session, HttpResponse<String> refused) throws Exception {
        Matcher alert = REFUSAL.matcher(session.get(location(refused)).body());
        assertThat(alert.find()).isTrue();
        return alert.group(1).strip();
    }

    private static void failed(HttpResponse<String> response) {
        assertThat(location(response)).isEqualTo("/login?error");
    }

    private static void refused(HttpResponse<String> response) {
        assertThat(location(response)).startsWith("/login?refused=");
    }
}
