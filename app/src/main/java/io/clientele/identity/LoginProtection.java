package io.clientele.identity;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.db.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and per client address in {@code login_throttle}, refuses attempts during the
 * delay or lockout that follows, and records every failure, lockout and unlock in the audit trail. For sign-in
 * events the audit actor is the user name as typed: nobody is signed in yet.
 *
 * <p>A refusal is decided before the password is looked at, the same way for accounts that exist and accounts that
 * do not. Attempts that race each other past the check are each counted when they fail, so a burst can overshoot
 * the maximum by the number of requests in flight, never by more.
 */
@Service
class LoginProtection {
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final LoginProperties properties;

    LoginProtection(JdbcClient jdbc, AuditTrail audit, Clock clock, LoginProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
    }

    /** A current lockout, for the administrator. */
    record Lock(LoginSubject subject, int failures, Instant lockedUntil) {}

    /** Someone signing in as {@code username} from {@code address}: counted against both. */
    record Attempt(String username, String address) {
        LoginSubject account() {
            return LoginSubject.account(username);
        }

        LoginSubject client() {
            return LoginSubject.address(address);
        }
    }

    /**
     * Until when this attempt is refused without a look at its password or code (the later of the account's and the
     * address's refusals); empty when it may go on.
     */
    @Transactional
    Optional<Instant> refusedUntil(Attempt attempt) {
        return refusedUntil(attempt.account(), attempt.client());
    }

    /** A wrong password or code: counted against the account and the address. */
    @Transactional
    void failed(Attempt attempt) {
        failed(attempt.account().key(), attempt.address(), attempt.account(), attempt.client());
    }

    /**
     * An unknown API token, counted against the address; answers how long the address must now wait, if at all.
     */
    @Transactional
    Optional<Duration> unknownToken(String address) {
        LoginSubject client = LoginSubject.address(address);
        failed("token:unknown", address, client);
        return refusedUntil(client).map(until -> Duration.between(clock.instant(), until));
    }

    /** Clears lockouts that have run out, recording the unlock, and answers the latest refusal of the subjects. */
    private Optional<Instant> refusedUntil(LoginSubject... subjects) {
        Instant now = clock.instant();
        Optional<Instant> latest = Optional.empty();
        for (LoginSubject subject : subjects) {
            Optional<Throttle> throttle = find(subject, false);
            if (throttle.isEmpty()) {
                continue;
            }
            if (throttle.get().lockEnded(now)) {
                clearEndedLock(subject, throttle.get());
                continue;
            }
            Optional<Instant> refused = throttle.get().refusedUntil(now, properties.policyOf(subject.kind()));
            if (refused.isPresent() && (latest.isEmpty() || refused.get().isAfter(latest.get()))) {
                latest = refused;
            }
        }
        return latest;
    }

    /**
     * Counts a failed attempt against each subject, locking those that reach their maximum; the audit trail gets one
     * failure, on the first subject.
     *
     * @param actor who the attempt claimed to be, for the audit trail
     */
    private void failed(String actor, String address, LoginSubject... subjects) {
        Instant now = clock.instant();
        for (LoginSubject subject : subjects) {
            ThrottlePolicy policy = properties.policyOf(subject.kind());
            jdbc.sql("""
                            insert into login_throttle (subject_kind, subject, failures, window_start, last_failure_at)
                            values (:kind, :subject, 0, :now, :now) on conflict do nothing""")
                    .param("kind", subject.kind().name())
                    .param("subject", subject.key())
                    .param("now", timestamptz(now))
                    .update();
            Throttle before = find(subject, true).orElseThrow();
            if (before.lockEnded(now)) {
                recordUnlock(subject, "system", "expired");
            }
            Throttle after = before.afterFailure(now, policy);
            jdbc.sql("""
                            update login_throttle
                            set failures = :failures, window_start = :windowStart, last_failure_at = :last,
                                locked_until = :lockedUntil
                            where subject_kind = :kind and subject = :subject""")
                    .param("failures", after.failures())
                    .param("windowStart", timestamptz(after.windowStart()))
                    .param("last", timestamptz(after.lastFailureAt()))
                    .param("lockedUntil", after.lockedUntil() == null ? null : timestamptz(after.lockedUntil()))
                    .param("kind", subject.kind().name())
                    .param("subject", subject.key())
                    .update();
            if (subject == subjects[0]) {
                audit.recordAs(
                        actor,
                        "login.failed",
                        subject.entity(),
                        subject.key(),
                        Map.of("address", address, "failures", after.failures()));
            }
            if (after.isLocked(now) && !before.isLocked(now)) {
                audit.recordAs(
                        actor,
                        "login.locked",
                        subject.entity(),
                        subject.key(),
                        Map.of(
                                "address",
                                address,
                                "failures",
                                after.failures(),
                                "until",
                                after.lockedUntil().toString()));
            }
        }
    }

    /** A completed sign-in wipes the account's failures (not the address's: one good account must not clear it). */
    @Transactional
    void succeeded(Attempt attempt) {
        LoginSubject account = attempt.account();
        jdbc.sql("delete from login_throttle where subject_kind = :kind and subject = :subject")
                .param("kind", account.kind().name())
                .param("subject", account.key())
                .update();
        audit.recordAs(
                attempt.username(),
                "login.succeeded",
                account.entity(),
                account.key(),
                Map.of("address", attempt.address()));
    }

    /** An administrator lifts a lockout (or a pending delay); answers whether there was anything to lift. */
    @Transactional
    boolean unlock(LoginSubject subject, String by) {
        boolean cleared = jdbc.sql("delete from login_throttle where subject_kind = :kind and subject = :subject")
                        .param("kind", subject.kind().name())
                        .param("subject", subject.key())
                        .update()
                > 0;
        if (cleared) {
            recordUnlock(subject, by, "administrator");
        }
        return cleared;
    }

    /** The lockouts in force now, latest end first. */
    List<Lock> locks() {
        return jdbc.sql("""
                        select subject_kind, subject, failures, locked_until from login_throttle
                        where locked_until > :now order by locked_until desc, subject""")
                .param("now", timestamptz(clock.instant()))
                .query((rs, n) -> new Lock(
                        new LoginSubject(
                                LoginSubject.Kind.valueOf(rs.getString("subject_kind")), rs.getString("subject")),
                        rs.getInt("failures"),
                        Rows.instant(rs, "locked_until")))
                .list();
    }

    private void clearEndedLock(LoginSubject subject, Throttle ended) {
        // only the process whose delete finds the ended lock records the unlock
        boolean cleared = jdbc.sql("""
                                delete from login_throttle
                                where subject_kind = :kind and subject = :subject and locked_until = :until""")
                        .param("kind", subject.kind().name())
                        .param("subject", subject.key())
                        .param("until", timestamptz(ended.lockedUntil()))
                        .update()
                > 0;
        if (cleared) {
            recordUnlock(subject, "system", "expired");
        }
    }

    private void recordUnlock(LoginSubject subject, String by, String reason) {
        audit.recordAs(by, "login.unlocked", subject.entity(), subject.key(), Map.of("reason", reason));
    }

    private Optional<Throttle> find(LoginSubject subject, boolean forUpdate) {
        return jdbc.sql("""
                        select failures, window_start, last_failure_at, locked_until from login_throttle
                        where subject_kind = :kind and subject = :subject""" + (forUpdate ? " for update" : ""))
                .param("kind", subject.kind().name())
                .param("subject", subject.key())
                .query(LoginProtection::throttle)
                .optional();
    }

    private static Throttle throttle(ResultSet rs, int row) throws SQLException {
        return new Throttle(
                rs.getInt("failures"),
                Rows.instant(rs, "window_start"),
                Rows.instant(rs, "last_failure_at"),
                Rows.nullableInstant(rs, "locked_until"));
    }
}
