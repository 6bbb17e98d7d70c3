package io.clientele.loyalty;

import io.clientele.identity.ApiScope;
import io.clientele.identity.UserAccounts;
import io.clientele.platform.Actor;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.db.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's points: what they hold and when it expires, their statement, manual adjustments (with a reason and an
 * approver who is not the person asking), and the expiry of lots whose time has come.
 */
@Service
public class PointsLedger {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final LoyaltyCards cards;
    private final UserAccounts users;
    private final Clock clock;

    PointsLedger(JdbcClient jdbc, DataSource dataSource, LoyaltyCards cards, UserAccounts users, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.cards = cards;
        this.users = users;
        this.clock = clock;
    }

    /**
     * A member account: its balance, the points earned over its life (before returns, redemptions and expiry), the
     * points held for redemptions at the till, and its lots with points left.
     */
    public record Account(long id, @Nullable Long customerId, long balance, long lifetime, long held, List<Lot> lots) {
        public long available() {
            return balance - held;
        }
    }

    /** Points of one lot still on the account, and when they expire. */
    public record Lot(long points, Instant expiresAt) {}

    /** A movement as the member's statement shows it: its cause, its points for this account, the balance after. */
    public record Line(
            long movementId,
            Instant at,
            String cause,
            long points,
            long balanceAfter,
            @Nullable String receipt,
            @Nullable String reason,
            @Nullable String approvedBy) {}

    /** The points member account {@code a} earned over its life: credits by receipts, bonuses and adjustments. */
    static final String LIFETIME = """
            (select coalesce(sum(e.points), 0) from loyalty_entry e
             join loyalty_movement m on m.id = e.movement_id
             where e.account_id = a.id and e.points > 0 and m.cause in ('EARN', 'BONUS', 'ADJUSTMENT'))""";

    public Programme programme() {
        return Programme.read(jdbc);
    }

    public Account account(long accountId) {
        Instant now = clock.instant();
        List<Lot> lots = jdbc.sql("""
                        select sum(e.points) as points, m.expires_at
                        from loyalty_entry e join loyalty_movement m on m.id = e.lot_id
                        where e.account_id = :account
                        group by e.lot_id, m.expires_at having sum(e.points) > 0
                        order by m.expires_at, e.lot_id""")
                .param("account", accountId)
                .query((rs, n) -> new Lot(rs.getLong(1), Rows.instant(rs, "expires_at")))
                .list();
        return jdbc.sql("select a.id, a.customer_id, a.balance, " + LIFETIME + """
                                   as lifetime,
                               (select coalesce(sum(h.points), 0) from loyalty_hold h
                                where h.account_id = a.id and h.status = 'HELD' and h.expires_at > :now) as held
                        from loyalty_account a where a.id = :account and a.kind = 'MEMBER'""")
                .param("account", accountId)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Account(
                        rs.getLong(1), rs.getObject(2, Long.class), rs.getLong(3), rs.getLong(4), rs.getLong(5), lots))
                .single();
    }

    /** The account's movements in the order they were posted, newest first, a page at a time, each with the balance after it. */
    public List<Line> statement(long accountId, int limit, int offset) {
        return jdbc.sql("""
                        select * from (
                            select m.id, m.at, m.cause, sum(e.points) as points,
                                   sum(sum(e.points)) over (order by m.id) as balance_after,
                                   s.source || '/' || s.receipt_id as receipt, m.reason, m.approved_by
                            from loyalty_entry e join loyalty_movement m on m.id = e.movement_id
                            left join sale s on s.id = m.sale_id
                            where e.account_id = :account
                            group by m.id, m.at, m.cause, s.source, s.receipt_id, m.reason, m.approved_by) lines
                        order by id desc limit :limit offset :offset""")
                .param("account", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new Line(
                        rs.getLong("id"),
                        Rows.instant(rs, "at"),
                        rs.getString("cause"),
                        rs.getLong("points"),
                        rs.getLong("balance_after"),
                        rs.getString("receipt"),
                        rs.getString("reason"),
                        rs.getString("approved_by")))
                .list();
    }

    /** A manual adjustment as asked for: the card, the points (+ or −), why, and who approved it. */
    public record Adjustment(
            @Nullable String idempotencyKey,
            @Nullable String cardNumber,
            @Nullable Long points,
            @Nullable String reason,
            @Nullable String approvedBy) {}

    /**
     * Posts a manual adjustment once per idempotency key. The approver is another person whose role may manage the
     * programme; a debit never takes more than the member has.
     */
    @Transactional
    public long adjust(Adjustment adjustment) {
        Actor actor = Actor.current();
        List<FieldProblem> problems = new ArrayList<>();
        // (text PostgreSQL cannot store is refused at the web boundary, StorableTextBoundary)
        String key = InputFields.required("idempotencyKey", adjustment.idempotencyKey(), 200, problems);
        String number = InputFields.required("cardNumber", adjustment.cardNumber(), 40, problems);
        String reason = InputFields.required("reason", adjustment.reason(), 500, problems);
        String approver = InputFields.required("approvedBy", adjustment.approvedBy(), 40, problems);
        if (adjustment.points() == null || adjustment.points() == 0 || Math.abs(adjustment.points()) > 10_000_000) {
            problems.add(FieldProblem.of("points", "loyalty.points.adjustment"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean approves = users.find(approver)
                .filter(u -> u.enabled() && u.role().scopes().contains(ApiScope.LOYALTY_MANAGE))
                .isPresent();
        if (!approves || approver.equals(actor.name())) {
            throw new InvalidInputException(FieldProblem.of("approvedBy", "loyalty.adjustment.approver"));
        }
        LoyaltyCards.Card card = cards.get(number);
        Postings.Cause cause = new Postings.Cause(
                "adjustment:" + key, Postings.Kind.ADJUSTMENT, clock.instant(), null, reason, approver, actor.name());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Postings postings = new Postings(connection);
            long balance = postings.lock(card.accountId());
            Long earlier = postings.posted(cause.key());
            if (earlier != null) {
                long posted = jdbc.sql(
                                "select coalesce(sum(points), 0) from loyalty_entry where movement_id = :m and account_id = :a")
                        .param("m", earlier)
                        .param("a", card.accountId())
                        .query(Long.class)
                        .single();
                if (posted != adjustment.points()) {
                    throw new ConflictException(
                            "idempotency key " + key + " was used for another adjustment (" + posted + " points)");
                }
                return earlier;
            }
            long points = adjustment.points();
            if (points > 0) {
                Programme programme = Programme.read(jdbc);
                return postings.credit(
                        cause,
                        card.accountId(),
                        points,
                        Postings.ADJUSTED,
                        programme.expiryOf(clock.instant(), clock.getZone()));
            }
            if (-points > balance - held(card.accountId())) {
                throw new InvalidInputException(FieldProblem.of("points", "loyalty.points.insufficient", balance));
            }
            return postings.debit(cause, card.accountId(), -points, Postings.ADJUSTED);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Gives a member bonus points once per key (a greeting's offer, say), as a lot expiring by the programme's rule;
     * answers whether this call posted them (false: the key was posted before, or the customer is no member). Runs in
     * the caller's transaction, so the bonus commits with whatever decided it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean bonus(long customerId, long points, String key, String reason) {
        if (points <= 0) {
            throw new IllegalArgumentException("a bonus is positive, not " + points);
        }
        Long account = jdbc.sql("select id from loyalty_account where customer_id = :customer and kind = 'MEMBER'")
                .param("customer", customerId)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (account == null) {
            return false;
        }
        Instant now = clock.instant();
        Postings.Cause cause =
                new Postings.Cause("bonus:" + key, Postings.Kind.BONUS, now, null, reason, null, "system");
        try {
            Postings postings = new Postings(DataSourceUtils.getConnection(dataSource));
            postings.lock(account);
            return postings.credit(
                            cause,
                            account,
                            points,
                            Postings.ISSUED,
                            Programme.read(jdbc).expiryOf(now, clock.getZone()))
                    != null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long held(long accountId) {
        return jdbc.sql("""
                        select coalesce(sum(points), 0) from loyalty_hold
                        where account_id = :account and status = 'HELD' and expires_at > :now""")
                .param("account", accountId)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
    }

    /**
     * Expires what is left of every lot whose time has come by {@code asOf}: one EXPIRY movement per lot, keyed by
     * the lot, so running it again expires nothing twice. Answers the points expired.
     */
    @Transactional
    public long expire(Instant asOf) {
        List<Long> accounts = jdbc.sql("""
                        select distinct e.account_id from loyalty_entry e
                        join loyalty_movement m on m.id = e.lot_id
                        where m.expires_at <= :asOf
                        group by e.account_id, e.lot_id having sum(e.points) > 0
                        order by e.account_id""")
                .param("asOf", Timestamp.from(asOf))
                .query(Long.class)
                .list();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        long expired = 0;
        try {
            Postings postings = new Postings(connection);
            for (long account : accounts) {
                postings.lock(account);
                for (Postings.Lot lot : postings.lots(account)) {
                    if (lot.expiresAt().isAfter(asOf)) {
                        break;
                    }
                    Postings.Cause cause = new Postings.Cause(
                            "expiry:" + account + ":" + lot.id(),
                            Postings.Kind.EXPIRY,
                            clock.instant(),
                            null,
                            null,
                            null,
                            "system");
                    if (postings.expireLot(cause, account, lot) != null) {
                        expired += lot.points();
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return expired;
    }
}
