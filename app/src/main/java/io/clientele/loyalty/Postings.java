package io.clientele.loyalty;

import io.clientele.platform.db.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The ledger's writes, on one connection inside its caller's transaction. Every movement is one
 * {@code loyalty_movement} row keyed by its idempotency key (a key already posted posts nothing) and legs in
 * {@code loyalty_entry} that sum to zero: a member leg per lot, and the system account on the other side. A member
 * account is locked ({@link #lock}) before its points change, so concurrent writers queue on it and its balance,
 * checked against the debit first and by the table's check constraint last, never goes below zero.
 */
final class Postings {
    static final long ISSUED = 1;
    static final long REDEEMED = 2;
    static final long EXPIRED = 3;
    static final long ADJUSTED = 4;

    private final Connection connection;

    Postings(Connection connection) {
        this.connection = connection;
    }

    /** What a movement says about itself besides its points. */
    record Cause(
            String key,
            Kind kind,
            Instant at,
            @Nullable Long saleId,
            @Nullable String reason,
            @Nullable String approvedBy,
            String actor) {}

    /** The causes of movements, as stored in {@code loyalty_movement.cause}. */
    enum Kind {
        EARN,
        RETURN,
        BONUS,
        ADJUSTMENT,
        EXPIRY,
        REDEMPTION,
        MERGE
    }

    /** Locks a member account for the rest of the transaction and answers its balance. */
    long lock(long account) throws SQLException {
        try (var query = connection.prepareStatement(
                "select balance from loyalty_account where id = ? and kind = 'MEMBER' for update")) {
            query.setLong(1, account);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no member account " + account);
                }
                return rows.getLong(1);
            }
        }
    }

    /** The id of the movement posted under {@code key}, or null. */
    @Nullable
    Long posted(String key) throws SQLException {
        try (var query = connection.prepareStatement("select id from loyalty_movement where key = ?")) {
            query.setString(1, key);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    /**
     * Gives a locked member account {@code points} from a system account as a new lot expiring at
     * {@code expiresAt}; answers the movement's id, or null when the key was posted before (nothing is written).
     */
    @Nullable
    Long credit(Cause cause, long account, long points, long from, Instant expiresAt) throws SQLException {
        if (points <= 0) {
            throw new IllegalArgumentException("a credit is positive, not " + points);
        }
        Long movement = insertMovement(cause, expiresAt);
        if (movement == null) {
            return null;
        }
        insertLeg(movement, account, movement, points);
        insertLeg(movement, from, null, -points);
        changeBalance(account, points);
        return movement;
    }

    /**
     * Takes {@code points} from a locked member account to a system account, from the lots that expire first (first
     * in, first out); answers the movement's id, or null when the key was posted before. One statement (movement,
     * legs, balance): a burn at the till is a request of its own, and each statement a round trip. It must follow the
     * lock in its own statement, so that the lots it reads are those of after the lock.
     */
    @Nullable
    Long debit(Cause cause, long account, long points, long to) throws SQLException {
        if (points <= 0) {
            throw new IllegalArgumentException("a debit is positive, not " + points);
        }
        // each lot holds the span [before, before + points) of the balance; the debit takes [0, points)
        try (var debit = connection.prepareStatement("""
                with lots as (
                    select l.lot_id, l.points,
                           sum(l.points) over (order by m.expires_at, l.lot_id) - l.points as before
                    from (select lot_id, sum(points) as points from loyalty_entry where account_id = ?
                          group by lot_id having sum(points) > 0) l
                    join loyalty_movement m on m.id = l.lot_id),
                moved as (
                    insert into loyalty_movement (key, cause, at, sale_id, expires_at, reason, approved_by, actor)
                    values (?, ?, ?, ?, null, ?, ?, ?)
                    on conflict (key) where key is not null do nothing
                    returning id),
                legs as (
                    insert into loyalty_entry (movement_id, account_id, lot_id, points)
                    select moved.id, ?, lots.lot_id, -least(lots.points, ? - lots.before)
                    from moved cross join lots where lots.before < ?
                    union all
                    select moved.id, ?, null, ? from moved
                    returning account_id, points),
                balance as (
                    update loyalty_account set balance = balance - ? where id = ? and exists (select 1 from moved))
                select (select id from moved), (select coalesce(-sum(points), 0) from legs where account_id = ?)""")) {
            int p = 0;
            debit.setLong(++p, account);
            debit.setString(++p, cause.key());
            debit.setString(++p, cause.kind().name());
            debit.setObject(++p, Rows.timestamptz(cause.at()));
            debit.setObject(++p, cause.saleId(), Types.BIGINT);
            debit.setString(++p, cause.reason());
            debit.setString(++p, cause.approvedBy());
            debit.setString(++p, cause.actor());
            debit.setLong(++p, account);
            debit.setLong(++p, points);
            debit.setLong(++p, points);
            debit.setLong(++p, to);
            debit.setLong(++p, points);
            debit.setLong(++p, points);
            debit.setLong(++p, account);
            debit.setLong(++p, account);
            try (var rows = debit.executeQuery()) {
                rows.next();
                Long movement = rows.getObject(1, Long.class);
                long taken = rows.getLong(2);
                if (movement != null && taken != points) {
                    throw new IllegalStateException(
                            "account " + account + " lacks " + (points - taken) + " points; lock and check first");
                }
                return movement;
            }
        }
    }

    /** Expires what is left of a lot of a locked member account; null when the key was posted before. */
    @Nullable
    Long expireLot(Cause cause, long account, Lot lot) throws SQLException {
        Long movement = insertMovement(cause, null);
        if (movement == null) {
            return null;
        }
        insertLeg(movement, account, lot.id(), -lot.points());
        insertLeg(movement, EXPIRED, null, lot.points());
        changeBalance(account, -lot.points());
        return movement;
    }

    /** A lot's points still on an account, with when they expire. */
    record Lot(long id, long points, Instant expiresAt) {}

    /**
     * The account's lots with points left, those expiring first first. Summed before the join, so that the lots are
     * found by key (joined first, the whole movement table was hashed for each call).
     */
    List<Lot> lots(long account) throws SQLException {
        List<Lot> lots = new ArrayList<>();
        try (var query = connection.prepareStatement("""
                select l.lot_id, l.points, m.expires_at
                from (select lot_id, sum(points) as points from loyalty_entry where account_id = ?
                      group by lot_id having sum(points) > 0) l
                join loyalty_movement m on m.id = l.lot_id
                order by m.expires_at, l.lot_id""")) {
            query.setLong(1, account);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    lots.add(new Lot(rows.getLong(1), rows.getLong(2), Rows.instant(rows, "expires_at")));
                }
            }
        }
        return lots;
    }

    /**
     * Moves a lot's points from one locked member account to another, keeping the lot (and so its expiry): a merge
     * of two members.
     */
    void moveLot(long movement, long from, long to, Lot lot) throws SQLException {
        insertLeg(movement, from, lot.id(), -lot.points());
        insertLeg(movement, to, lot.id(), lot.points());
        changeBalance(from, -lot.points());
        changeBalance(to, lot.points());
    }

    @Nullable
    Long insertMovement(Cause cause, @Nullable Instant expiresAt) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into loyalty_movement (key, cause, at, sale_id, expires_at, reason, approved_by, actor)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (key) where key is not null do nothing
                returning id""")) {
            insert.setString(1, cause.key());
            insert.setString(2, cause.kind().name());
            insert.setObject(3, Rows.timestamptz(cause.at()));
            insert.setObject(4, cause.saleId(), Types.BIGINT);
            insert.setObject(5, expiresAt == null ? null : Rows.timestamptz(expiresAt), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setString(6, cause.reason());
            insert.setString(7, cause.approvedBy());
            insert.setString(8, cause.actor());
            try (var rows = insert.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private void insertLeg(long movement, long account, @Nullable Long lot, long points) throws SQLException {
        try (var insert = connection.prepareStatement(
                "insert into loyalty_entry (movement_id, account_id, lot_id, points) values (?, ?, ?, ?)")) {
            insert.setLong(1, movement);
            insert.setLong(2, account);
            insert.setObject(3, lot, Types.BIGINT);
            insert.setLong(4, points);
            insert.executeUpdate();
        }
    }

    private void changeBalance(long account, long points) throws SQLException {
        try (var update =
                connection.prepareStatement("update loyalty_account set balance = balance + ? where id = ?")) {
            update.setLong(1, points);
            update.setLong(2, account);
            update.executeUpdate();
        }
    }
}
