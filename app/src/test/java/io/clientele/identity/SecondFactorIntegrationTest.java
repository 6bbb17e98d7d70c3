package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.TestClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** TOTP end to end: enrolment, the code step of sign-in, one use per code, wrong codes, recovery by an administrator. */
class SecondFactorIntegrationTest extends ApplicationTestSupport {
    private static final String PASSWORD = "right-password";
    private static final AtomicInteger USERS = new AtomicInteger();
    private static final Pattern SECRET = Pattern.compile("data-testid=\"totp-secret\">([A-Z2-7]+)<");

    @Autowired
    TestClock clock;

    @Autowired
    UserAccounts accounts;

    @AfterEach
    void resetClockAndFailures() {
        clock.reset();
        jdbc.sql("delete from login_throttle").update();
    }

    @Test
    void aManagerTurnsItOnAndThenSignsInWithPasswordAndCode() throws Exception {
        String user = aManager();
        byte[] secret = enrol(user);

        Session session = session();
        assertThat(location(session.signIn(user, PASSWORD))).isEqualTo("/login/totp");
        // the password alone opens nothing
        assertThat(location(session.get("/customers"))).isEqualTo("/login");
        assertThat(session.get("/login/totp").body()).contains("name=\"code\"");
        assertThat(location(session.postForm("/login/totp", "/login/totp", "code=000000")))
                .isEqualTo("/login/totp?error");
        String code = Totp.code(secret, Totp.step(clock.instant()), 6);
        // on to the page that was asked for before the code
        assertThat(location(session.postForm("/login/totp", "/login/totp", "code=" + code)))
                .startsWith("/customers");
        assertThat(session.get("/customers").statusCode()).isEqualTo(200);

        // a code is good once: the same code again is refused, the next step's code is not
        Session again = session();
        again.signIn(user, PASSWORD);
        assertThat(location(again.postForm("/login/totp", "/login/totp", "code=" + code)))
                .isEqualTo("/login/totp?error");
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        String next = Totp.code(secret, Totp.step(clock.instant()), 6);
        assertThat(location(again.postForm("/login/totp", "/login/totp", "code=" + next)))
                .isEqualTo("/");

        long events = jdbc.sql("select count(*) from audit_event where action = 'totp.enabled' and entity_id = :u")
                .param("u", user)
                .query(Long.class)
                .single();
        assertThat(events).isEqualTo(1);
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() throws Exception {
        String user = aManager();
        byte[] secret = enrol(user);
        Session session = session().from("198.51.100.40");
        session.signIn(user, PASSWORD);
        HttpResponse<String> last = null;
        for (int i = 0; i < 10; i++) {
            last = session.postForm("/login/totp", "/login/totp", "code=000000");
            // past each delay (at most 16 s before the lockout), within the five minutes a pending sign-in lasts
            clock.advance(Duration.ofSeconds(25));
        }
        assertThat(location(last)).isEqualTo("/login/totp?error");
        String code = Totp.code(secret, Totp.step(clock.instant()), 6);
        assertThat(location(session.postForm("/login/totp", "/login/totp", "code=" + code)))
                .startsWith("/login?refused=");
    }

    @Test
    void anAdministratorTurnsItOffForSomeoneWhoLostTheirPhone() throws Exception {
        String user = aManager();
        enrol(user);
        Session admin = session();
        admin.signIn("admin", "demo");
        assertThat(admin.get("/admin/users").body()).contains("reset-second-factor-" + user);
        assertThat(location(admin.postForm("/admin/users", "/admin/users/" + user + "/second-factor/reset", "")))
                .isEqualTo("/admin/users");
        assertThat(location(session().signIn(user, PASSWORD))).isEqualTo("/");
        long resets = jdbc.sql(
                        "select count(*) from audit_event where action = 'totp.reset' and entity_id = :u and actor = 'admin'")
                .param("u", user)
                .query(Long.class)
                .single();
        assertThat(resets).isEqualTo(1);
    }

    @Test
    void onlyAdministratorsAndManagersEnrol() throws Exception {
        Session marketer = session();
        marketer.signIn("marketer", "demo");
        assertThat(marketer.get("/account/second-factor").statusCode()).isEqualTo(403);
        assertThat(location(session().get("/login/totp"))).isEqualTo("/login");
    }

    /** Signs in, sets up the second factor, confirms it with the current code; answers the secret. */
    private byte[] enrol(String user) throws Exception {
        Session session = session();
        assertThat(location(session.signIn(user, PASSWORD))).isEqualTo("/");
        session.postForm("/account/second-factor", "/account/second-factor", "");
        String page = session.get("/account/second-factor").body();
        assertThat(page).contains("otpauth://totp/Clientele:" + user + "?secret=");
        Matcher matcher = SECRET.matcher(page);
        assertThat(matcher.find()).isTrue();
        byte[] secret = Totp.fromBase32(matcher.group(1));
        String code = Totp.code(secret, Totp.step(clock.instant()), 6);
        session.postForm("/account/second-factor", "/account/second-factor/confirm", "code=" + code);
        assertThat(session.get("/account/second-factor").body()).contains("data-testid=\"second-factor-on\"");
        // the enrolment used the current step's code: later sign-ins in this test start with the next step
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        return secret;
    }

    private String aManager() {
        String username = "boss-" + USERS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        accounts.create(username, "Boss", Role.MARKETING_MANAGER, PASSWORD);
        return username;
    }

    private static String location(HttpResponse<String> response) {
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
    }
}
