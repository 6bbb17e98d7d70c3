package io.clientele.loyalty;

import io.clientele.platform.Actor;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.StorableText;
import io.clientele.platform.db.Rows;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paying with points at the till in two steps, so that a till that times out and retries never burns twice: a hold
 * (keyed by the till's idempotency key) sets points aside, then the till confirms it (one REDEMPTION movement,
 * keyed by the hold) or cancels it (nothing moves). Confirming or cancelling again answers the same; a hold not
 * settled within the programme's hold time lapses. The points a receipt earned cannot pay on that receipt unless
 * the programme allows it.
 */
@Service
public class Redemptions {
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final PointsLedger ledger;
    private final Clock clock;

    Redemptions(JdbcClient jdbc, DataSource dataSource, PointsLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The till's request: which card pays how many points, on which receipt (source and receipt id, optional). */
    public record Reserve(
            @Nullable String cardNumber,
            @Nullable Long points,
            @Nullable String receiptSource,
            @Nullable String receiptId) {}

    /** A hold as the till sees it; {@code rewardCode} goes on the receipt's reward line, which earns nothing. */
    public record Hold(
            long id,
            String cardNumber,
            long points,
            String status,
            Instant expiresAt,
            String rewardCode,
            long balance) {}

    @Transactional
    public Hold reserve(String idempotencyKey, byte[] body, Reserve request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (var field : List.of(
                new String[] {"cardNumber", request.cardNumber()},
                new String[] {"receiptSource", request.receiptSource()},
                new String[] {"receiptId", request.receiptId()})) {
            FieldProblem unstorable = StorableText.problem(field[0], field[1]);
            if (unstorable != null) {
                problems.add(unstorable);
            } else if (field[1] != null && field[1].length() > 200) {
                problems.add(FieldProblem.of(field[0], "validation.length", 200));
            }
        }
        if (request.cardNumber() == null || request.cardNumber().isBlank()) {
            problems.add(FieldProblem.of("cardNumber", "validation.required"));
        }
        if (request.points() == null || request.points() <= 0 || request.points() > 100_000_000) {
            problems.add(FieldProblem.of("points", "loyalty.points.positive"));
        }
        if ((request.receiptId() == null) != (request.receiptSource() == null)) {
            problems.add(FieldProblem.of("receiptId", "loyalty.hold.receipt"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        byte[] hash = sha256(body);
        String key = "hold:" + idempotencyKey;
        Hold earlier = byKey(key, hash);
        if (earlier != null) {
            return earlier;
        }
        String cardNumber = request.cardNumber().strip();
        // the card, its account locked (the member's holds and burns queue here) and the programme, at once
        Holder holder = jdbc.sql("""
                        select c.card_number, c.account_id, c.status, a.kind, a.balance, g.reward_code_prefix,
                               g.hold_minutes, g.redeem_on_earning_receipt
                        from loyalty_card c join loyalty_account a on a.id = c.account_id
                        cross join loyalty_programme g
                        where c.card_number = :card
                        for update of a""")
                .param("card", cardNumber)
                .query((rs, n) -> new Holder(
                        rs.getString(1),
                        rs.getLong(2),
                        LoyaltyCards.Status.valueOf(rs.getString(3)),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getBoolean(8)))
                .optional()
                .orElseThrow(() -> new InvalidInputException(
                        FieldProblem.of("cardNumber", "loyalty.card.unknown", request.cardNumber())));
        if (holder.status() != LoyaltyCards.Status.ACTIVE) {
            throw new InvalidInputException(FieldProblem.of(
                    "cardNumber", "loyalty.card.inactive", holder.status().name()));
        }
        if (!holder.kind().equals("MEMBER")) {
            throw new IllegalStateException("no member account " + holder.accountId());
        }
        long earned = request.receiptId() == null || holder.redeemOnEarningReceipt() ? 0 : earnedOnReceipt(request);
        Instant now = clock.instant();
        // as stored (to the microsecond), so that this answer and a later one agree
        Instant expires = now.plusSeconds(60L * holder.holdMinutes()).truncatedTo(ChronoUnit.MICROS);
        // written only if the points are available (the statement after the lock sees every hold before it); a
        // retry that raced its original finds the key taken and inserts nothing
        Long id = jdbc.sql("""
                        insert into loyalty_hold (key, request_hash, account_id, card_number, points,
                                                  receipt_source, receipt_id, created_at, expires_at)
                        select :key, :hash, :account, :card, :points, :source, :receipt, :now, :expires
                        where :points <= :balance - :earned - (""" + HELD + """
                        )
                        on conflict (key) do nothing
                        returning id""")
                .param("key", key)
                .param("hash", hash)
                .param("account", holder.accountId())
                .param("card", holder.cardNumber())
                .param("points", request.points())
                .param("source", request.receiptSource())
                .param("receipt", request.receiptId())
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires))
                .param("balance", holder.balance())
                .param("earned", earned)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (id == null) {
            Hold raced = byKey(key, hash);
            if (raced != null) {
                return raced;
            }
            long available = holder.balance() - ledger.held(holder.accountId()) - earned;
            throw new InvalidInputException(
                    FieldProblem.of("points", "loyalty.points.insufficient", Math.max(available, 0)));
        }
        return new Hold(
                id,
                holder.cardNumber(),
                request.points(),
                "HELD",
                expires,
                holder.rewardCodePrefix() + id,
                holder.balance());
    }

    /** The points of an account's open holds; {@code :account} and {@code :now} bound. */
    private static final String HELD = """
            select coalesce(sum(h.points), 0) from loyalty_hold h
            where h.account_id = :account and h.status = 'HELD' and h.expires_at > :now""";

    /** A card at the till with its locked account and what the programme says of holds. */
    private record Holder(
            String cardNumber,
            long accountId,
            LoyaltyCards.Status status,
            String kind,
            long balance,
            String rewardCodePrefix,
            int holdMinutes,
            boolean redeemOnEarningReceipt) {}

    /** Points the named receipt earned, which may not pay on it unless the programme says so. */
    private long earnedOnReceipt(Reserve request) {
        return jdbc.sql("""
                        select coalesce(sum(e.points), 0) from sale s
                        join loyalty_movement m on m.sale_id = s.id and m.cause = 'EARN'
                        join loyalty_entry e on e.movement_id = m.id and e.lot_id is not null
                        where s.source = :source and s.receipt_id = :receipt""")
                .param("source", request.receiptSource())
                .param("receipt", request.receiptId())
                .query(Long.class)
                .single();
    }

    /** Burns the held points once; a hold cancelled or lapsed cannot be confirmed. */
    @Transactional
    public Hold confirm(long holdId) {
        // the hold and its account locked together, then the burn in one statement
        Locked locked = lockHold(holdId, true);
        Hold hold = locked.hold();
        switch (hold.status()) {
            case "CONFIRMED" -> {
                return hold;
            }
            case "CANCELLED" -> throw new ConflictException("hold " + holdId + " was cancelled");
            default -> {}
        }
        if (!hold.expiresAt().isAfter(clock.instant())) {
            throw new ConflictException("hold " + holdId + " lapsed at " + hold.expiresAt() + "; reserve again");
        }
        long account = locked.accountId();
        long balance = hold.balance();
        if (!locked.member()) {
            throw new IllegalStateException("no member account " + account);
        }
        if (balance < hold.points()) {
            // a return or an expiry took points since the hold was made
            throw new ConflictException(
                    "hold " + holdId + ": the balance (" + balance + ") no longer covers " + hold.points());
        }
        Instant now = clock.instant();
        try {
            Long movement = new Postings(DataSourceUtils.getConnection(dataSource))
                    .debit(
                            new Postings.Cause(
                                    "redemption:" + holdId,
                                    Postings.Kind.REDEMPTION,
                                    now,
                                    null,
                                    null,
                                    null,
                                    Actor.current().name()),
                            account,
                            hold.points(),
                            Postings.REDEEMED);
            jdbc.sql("""
                            update loyalty_hold set status = 'CONFIRMED', settled_at = :now, movement_id = :movement
                            where id = :id""")
                    .param("now", Timestamp.from(now))
                    .param("movement", movement)
                    .param("id", holdId)
                    .update();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Hold(
                hold.id(),
                hold.cardNumber(),
                hold.points(),
                "CONFIRMED",
                hold.expiresAt(),
                hold.rewardCode(),
                balance - hold.points());
    }

    /** Releases the held points; cancelling again answers the same, a confirmed hold cannot be cancelled. */
    @Transactional
    public Hold cancel(long holdId) {
        Hold hold = lockHold(holdId, false).hold();
        switch (hold.status()) {
            case "CANCELLED" -> {
                return hold;
            }
            case "CONFIRMED" -> throw new ConflictException("hold " + holdId + " was confirmed: points were burnt");
            default -> {}
        }
        jdbc.sql("update loyalty_hold set status = 'CANCELLED', settled_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", holdId)
                .update();
        return new Hold(
                hold.id(),
                hold.cardNumber(),
                hold.points(),
                "CANCELLED",
                hold.expiresAt(),
                hold.rewardCode(),
                hold.balance());
    }

    /** A hold locked for its settlement, with its member's account (also locked when the points are to move). */
    private record Locked(Hold hold, long accountId, boolean member) {}

    private Locked lockHold(long holdId, boolean withAccount) {
        return jdbc.sql(HOLD + (withAccount ? " for update of h, a" : " for update of h"))
                .param("id", holdId)
                .query((rs, n) -> new Locked(
                        hold(rs), rs.getLong("account_id"), rs.getString("kind").equals("MEMBER")))
                .optional()
                .orElseThrow(() -> new NotFoundException("no hold " + holdId));
    }

    private @Nullable Hold byKey(String key, byte[] hash) {
        return jdbc.sql("select id, request_hash from loyalty_hold where key = :key")
                .param("key", key)
                .query((rs, n) -> {
                    if (!Arrays.equals(rs.getBytes(2), hash)) {
                        throw new ConflictException(
                                "Idempotency-Key " + key.substring(5) + " was used for a different request");
                    }
                    return hold(rs.getLong(1));
                })
                .optional()
                .orElse(null);
    }

    /** A hold with its account's balance and its reward code (the programme's prefix and the hold's id). */
    private static final String HOLD = """
            select h.id, h.card_number, h.points, h.status, h.expires_at, h.account_id, a.balance, a.kind,
                   g.reward_code_prefix
            from loyalty_hold h join loyalty_account a on a.id = h.account_id cross join loyalty_programme g
            where h.id = :id""";

    Hold hold(long id) {
        return jdbc.sql(HOLD).param("id", id).query((rs, n) -> hold(rs)).single();
    }

    private static Hold hold(java.sql.ResultSet rs) throws SQLException {
        return new Hold(
                rs.getLong("id"),
                rs.getString("card_number"),
                rs.getLong("points"),
                rs.getString("status"),
                Rows.instant(rs, "expires_at"),
                rs.getString("reward_code_prefix") + rs.getLong("id"),
                rs.getLong("balance"));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
