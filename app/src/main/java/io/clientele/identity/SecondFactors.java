package io.clientele.identity;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.audit.AuditTrail;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The optional second factor of administrators and marketing managers: a TOTP secret per person, begun, confirmed
 * with a first code, then asked for at every sign-in; reset by an administrator when the phone is lost. Each code
 * is accepted once.
 */
@Service
class SecondFactors {
    static final Set<Role> ELIGIBLE = EnumSet.of(Role.ADMIN, Role.MARKETING_MANAGER);
    private static final String ISSUER = "Clientele";
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;
    private final TotpSecretBox box;
    private final AuditTrail audit;
    private final Clock clock;

    SecondFactors(JdbcClient jdbc, TotpSecretBox box, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    /** A secret to enter in an authenticator app: as text and as the URI a QR code would carry. */
    record Enrolment(String secret, String uri) {}

    enum State {
        NONE,
        /** Begun, waiting for the first code. */
        PENDING,
        ENABLED
    }

    State state(String username) {
        return jdbc.sql(
                        "select totp_secret is not null, totp_confirmed_at is not null from app_user where username = :u")
                .param("u", username)
                .query((rs, n) -> rs.getBoolean(2) ? State.ENABLED : rs.getBoolean(1) ? State.PENDING : State.NONE)
                .optional()
                .orElse(State.NONE);
    }

    boolean required(String username) {
        return state(username) == State.ENABLED;
    }

    /** A new secret for someone eligible without a second factor (replacing one begun and never confirmed). */
    @Transactional
    Enrolment begin(String username) {
        byte[] secret = new byte[20];
        random.nextBytes(secret);
        int changed = jdbc.sql("""
                        update app_user set totp_secret = :secret, totp_confirmed_at = null, totp_last_step = null
                        where username = :u and role in (:roles) and totp_confirmed_at is null""")
                .param("secret", box.seal(username, secret))
                .param("u", username)
                .param("roles", ELIGIBLE.stream().map(Role::name).toList())
                .update();
        if (changed == 0) {
            throw new IllegalStateException(username + " may not begin a second factor");
        }
        return enrolment(username, secret);
    }

    /** The enrolment begun and not yet confirmed, to show again. */
    Optional<Enrolment> pending(String username) {
        return state(username) == State.PENDING ? secret(username).map(s -> enrolment(username, s)) : Optional.empty();
    }

    /** Turns the second factor on when the first code from the app is right. */
    @Transactional
    boolean confirm(String username, String code) {
        if (state(username) != State.PENDING || !accept(username, code)) {
            return false;
        }
        jdbc.sql("update app_user set totp_confirmed_at = :now where username = :u")
                .param("now", timestamptz(clock.instant()))
                .param("u", username)
                .update();
        audit.record("totp.enabled", "user", username, Map.of());
        return true;
    }

    /** Whether the code of a confirmed second factor is right and unused. */
    @Transactional
    boolean verify(String username, String code) {
        return state(username) == State.ENABLED && accept(username, code);
    }

    /** An administrator removes someone's second factor (a lost phone); they may enrol again. */
    @Transactional
    boolean reset(String username, String by) {
        boolean reset = jdbc.sql("""
                                update app_user set totp_secret = null, totp_confirmed_at = null, totp_last_step = null
                                where username = :u and totp_secret is not null""").param("u", username).update() > 0;
        if (reset) {
            audit.recordAs(by, "totp.reset", "user", username, Map.of());
        }
        return reset;
    }

    /** The code matches a step not used before; that step becomes the last used, in one statement for all processes. */
    private boolean accept(String username, String code) {
        OptionalLong step = secret(username)
                .map(s -> Totp.matchingStep(s, code, clock.instant()))
                .orElse(OptionalLong.empty());
        return step.isPresent()
                && jdbc.sql("""
                                        update app_user set totp_last_step = :step
                                        where username = :u and (totp_last_step is null or totp_last_step < :step)""")
                                .param("step", step.getAsLong())
                                .param("u", username)
                                .update()
                        > 0;
    }

    private Optional<byte[]> secret(String username) {
        return jdbc.sql("select totp_secret from app_user where username = :u and totp_secret is not null")
                .param("u", username)
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .map(stored -> box.open(username, stored));
    }

    private static Enrolment enrolment(String username, byte[] secret) {
        return new Enrolment(Totp.base32(secret), Totp.uri(ISSUER, username, secret));
    }
}
