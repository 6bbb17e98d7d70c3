package io.clientele.loyalty;

import io.clientele.customer.Timeline;
import io.clientele.ingest.ReceiptsParticipant;
import io.clientele.platform.db.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Points for receipts as ingest stores them, inside the storing transaction. A sale by an active card earns, set
 * based, one EARN movement keyed by its receipt (its {@code sale_id}; a lot that expires {@code expiry_months} after
 * the month it was earned in), the system side of a batch's receipts summed per month ({@link #earn}); a return
 * takes back, from the lots that expire first, what the same rules give its returned lines, as far as the balance
 * goes (points already spent stay spent). Which lines earn and at what rate is {@link #POINTS};
 * what each receipt counts towards a tier, and the upgrades it brings, {@link TierUpgrades}.
 */
@Component
class ReceiptEarning implements ReceiptsParticipant {
    /**
     * Points per receipt of an active card: the programme's points per unit × the line's multiplier (its product's
     * rule, else its brand's, else its category's, else 1) × the campaign rule in force (else 1), summed over the
     * lines that were paid for (amount of the receipt's sign; reward lines, whose coupon code starts with the
     * programme's reward prefix, earn nothing), × the multiplier of the member's tier in force at the receipt (the
     * last tier change before it; else 1), rounded down, at most the receipt cap. {@code raw} is the sum before the
     * tier and the rounding, {@code spend} the paid lines' amount, {@code reached} the tier's rank (0: none): the
     * tier step ({@link TierUpgrades}) recomputes the points when an earlier receipt of the same batch moved the
     * member up. Rules are in force on the days (in the server's zone, the second {@code ?}) they name. Bound first
     * to the receipts' ids, which drive the plan ({@link #BY_KEY}). A receipt whose EARN or RETURN movement exists
     * was told before (a bulk load tells again the receipts it finds stored) and is left out.
     */
    static final String POINTS = """
            select x.id as sale_id, x.account_id, x.kind, x.sold_at, x.raw, x.spend, g.receipt_cap as cap,
                   t.tier_id, coalesce(t.rank, 0) as tier_rank, coalesce(t.multiplier, 1) as multiplier,
                   coalesce(t.rank, 0) as reached,
                   least(floor(x.raw * coalesce(t.multiplier, 1)),
                         coalesce(g.receipt_cap, 9223372036854775807))::bigint as points,
                   (date_trunc('month', x.sold_at at time zone z.zone)
                       + make_interval(months => g.expiry_months + 1)) at time zone z.zone as expires_at
            from (
                select s.id, k.account_id, s.kind, s.sold_at,
                       sum(abs(l.amount) * g.points_per_unit
                           * coalesce(rp.multiplier, rb.multiplier, rc.multiplier, 1)
                           * coalesce(rk.multiplier, 1)) as raw,
                       sum(abs(l.amount)) as spend
                from unnest(?::bigint[]) as batch(id)
                cross join lateral (select s.id, s.kind, s.sold_at, s.card_number from sale s
                                    where s.id = batch.id
                                      and not exists (select 1 from loyalty_movement m where m.sale_id = s.id
                                                      and m.cause in ('EARN', 'RETURN'))
                                    offset 0) s
                cross join (select ?::text as zone) z
                cross join loyalty_programme g
                cross join lateral (select k.account_id from loyalty_card k
                                    where k.card_number = s.card_number and k.status = 'ACTIVE' offset 0) k
                cross join lateral (select l.amount, l.product_id from sale_line l
                                    where l.sale_id = s.id
                                      and sign(l.amount) = case s.kind when 'SALE' then 1 else -1 end
                                      and (l.coupon_code is null
                                           or not starts_with(l.coupon_code, g.reward_code_prefix))
                                    offset 0) l
                cross join lateral (select p.sku, p.brand, p.category from product p
                                    where p.id = l.product_id offset 0) p
                cross join lateral (select (s.sold_at at time zone z.zone)::date as day) d
                left join loyalty_rule rp on rp.kind = 'PRODUCT' and rp.match = p.sku
                    and d.day between coalesce(rp.valid_from, d.day) and coalesce(rp.valid_to, d.day)
                left join loyalty_rule rb on rb.kind = 'BRAND' and rb.match = p.brand
                    and d.day between coalesce(rb.valid_from, d.day) and coalesce(rb.valid_to, d.day)
                left join loyalty_rule rc on rc.kind = 'CATEGORY' and rc.match = p.category
                    and d.day between coalesce(rc.valid_from, d.day) and coalesce(rc.valid_to, d.day)
                left join loyalty_rule rk on rk.kind = 'CAMPAIGN'
                    and d.day between coalesce(rk.valid_from, d.day) and coalesce(rk.valid_to, d.day)
                group by s.id, k.account_id, s.kind, s.sold_at) x
            cross join (select ?::text as zone) z
            cross join loyalty_programme g
            left join lateral (
                select c.to_tier_id as tier_id, r.rank, r.multiplier from loyalty_tier_change c
                left join loyalty_tier r on r.id = c.to_tier_id
                where c.account_id = x.account_id and c.at < x.sold_at
                order by c.at desc, c.id desc limit 1) t on true
            """;

    /**
     * The points query's plan, fixed: each receipt, its card, its lines and their products looked up by key, one
     * receipt after the other (the lateral subqueries fix the order, no table is scanned). The planner goes by
     * statistics, and those of {@code sale}, {@code sale_line} and {@code loyalty_card} are of empty tables while a
     * fresh database takes its first large import, and never count the chunk's own rows, not committed yet: it
     * scanned the chunk's sales once per receipt, each chunk slower than the one before, up to minutes. {@link #FREE}
     * lifts it for what follows.
     */
    private static final String BY_KEY = "set local enable_seqscan = off";

    private static final String FREE = "reset enable_seqscan";

    /** From this many receipts on, the batch table is analysed for the statements that join it (an import chunk). */
    private static final int ANALYZED = 500;

    private final Clock clock;
    private final TierUpgrades upgrades;

    ReceiptEarning(Clock clock, Timeline timeline) {
        this.clock = clock;
        this.upgrades = new TierUpgrades(timeline, clock);
    }

    @Override
    public void receiptsStored(Connection connection, long[] saleIds) throws SQLException {
        if (saleIds.length == 0) {
            return;
        }
        try (var statement = connection.createStatement()) {
            // the batch table once per connection (created and dropped with every transaction, it cost each POS
            // request catalog writes), emptied for a second batch of the same transaction
            statement.execute("""
                    create temp table if not exists loyalty_earning (sale_id bigint, account_id bigint, kind text,
                        sold_at timestamptz, raw numeric, spend numeric, cap bigint, tier_id bigint, tier_rank integer,
                        multiplier numeric, reached integer, points bigint, expires_at timestamptz)
                        on commit delete rows;
                    delete from loyalty_earning;
                    """ + BY_KEY);
        }
        int earning;
        try (var insert = connection.prepareStatement("insert into loyalty_earning " + POINTS)) {
            insert.setArray(1, connection.createArrayOf("bigint", box(saleIds)));
            insert.setString(2, clock.getZone().getId());
            insert.setString(3, clock.getZone().getId());
            earning = insert.executeUpdate();
        }
        try (var statement = connection.createStatement()) {
            statement.execute(FREE);
            if (earning == 0) {
                return;
            }
            if (earning >= ANALYZED) {
                statement.execute("analyze loyalty_earning");
            }
            // the members' accounts in id order, before their tier or balance changes
            statement.execute("""
                    select 1 from loyalty_account where id in (select account_id from loyalty_earning)
                    order by id for update""");
        }
        upgrades.apply(connection);
        earn(connection);
        takeBack(connection);
    }

    /**
     * The sales' points, set-based (their accounts locked): for each receipt a movement and the member's leg (its lot);
     * the system side of the batch's receipts summed into one leg per month they were sold in, on a movement that
     * each of that month's receipts names ({@code balanced_by}), so that every period still sums to zero: half the
     * legs of a leg per receipt on each side. A month of one receipt (a POS request) keeps its system leg on the
     * receipt's own movement. The receipts' movements take their ids first: the legs are written from the same rows,
     * without reading the inserted movements back.
     */
    private static void earn(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    with earned as (
                        select nextval('loyalty_movement_id_seq') as movement_id, sale_id, account_id, sold_at,
                               expires_at, points,
                               date_trunc('month', sold_at) as month
                        from loyalty_earning where kind = 'SALE' and points > 0),
                    months as (
                        select month, count(*) as receipts, min(sold_at) as at, sum(points) as points,
                               min(movement_id) as alone
                        from earned group by month),
                    issued as (
                        insert into loyalty_movement (cause, at, actor)
                        select 'EARN', at, 'receipts' from months where receipts > 1
                        returning id, date_trunc('month', at) as month),
                    balancing as (
                        select m.month, coalesce(i.id, m.alone) as id, m.points
                        from months m left join issued i using (month)),
                    moved as (
                        insert into loyalty_movement (id, cause, at, sale_id, expires_at, actor, balanced_by)
                        overriding system value
                        select e.movement_id, 'EARN', e.sold_at, e.sale_id, e.expires_at, 'receipts',
                               nullif(b.id, e.movement_id)
                        from earned e join balancing b using (month)),
                    legs as (
                        insert into loyalty_entry (movement_id, account_id, lot_id, points)
                        select movement_id, account_id, movement_id, points from earned
                        union all
                        select id, 1, null, -points from balancing)
                    update loyalty_account a set balance = a.balance + t.points
                    from (select account_id, sum(points) as points from earned group by account_id) t
                    where a.id = t.account_id""");
        }
    }

    /**
     * The returns' take-backs, set-based (their accounts locked): each return takes what its lines earned from its
     * member's lots that expire first, after the returns of the same member earlier in the batch, as far as the balance
     * goes (points already spent stay spent). As intervals: a return asks for the span [before, before + points) of
     * its member's points in lot order, where {@code before} is what that member's earlier returns asked for; a lot
     * holds the span [before, before + points) of the balance; a return takes from each lot their overlap. The lots
     * sum to the balance, so what is beyond it overlaps nothing.
     */
    private static void takeBack(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    with asked as (
                        select sale_id, account_id, points, sold_at,
                               sum(points) over (partition by account_id order by sale_id) - points as before
                        from loyalty_earning where kind = 'RETURN' and points > 0),
                    lots as (
                        select l.account_id, l.lot_id, l.points, m.expires_at
                        from (select e.account_id, e.lot_id, sum(e.points) as points from loyalty_entry e
                              where e.account_id in (select account_id from asked)
                              group by e.account_id, e.lot_id having sum(e.points) > 0) l
                        join loyalty_movement m on m.id = l.lot_id),
                    held as (
                        select account_id, lot_id, points,
                               sum(points) over (partition by account_id order by expires_at, lot_id) - points as before
                        from lots),
                    takes as (
                        select r.sale_id, r.account_id, h.lot_id,
                               least(r.before + r.points, h.before + h.points) - greatest(r.before, h.before) as points
                        from asked r join held h on h.account_id = r.account_id
                        where least(r.before + r.points, h.before + h.points) > greatest(r.before, h.before)),
                    taken as (
                        select r.sale_id, r.account_id, r.sold_at, r.points as asked, sum(t.points) as points
                        from asked r join takes t using (sale_id)
                        group by r.sale_id, r.account_id, r.sold_at, r.points),
                    moved as (
                        insert into loyalty_movement (cause, at, sale_id, reason, actor)
                        select 'RETURN', sold_at, sale_id,
                               case when points < asked then (asked - points) || ' points spent before the return' end,
                               'receipts'
                        from taken order by account_id, sale_id
                        returning id, sale_id),
                    legs as (
                        insert into loyalty_entry (movement_id, account_id, lot_id, points)
                        select m.id, t.account_id, t.lot_id, -t.points from moved m join takes t using (sale_id)
                        union all
                        select m.id, 1, null, t.points from moved m join taken t using (sale_id))
                    update loyalty_account a set balance = a.balance - t.points
                    from (select t.account_id, sum(t.points) as points from moved m join taken t using (sale_id)
                          group by t.account_id) t
                    where a.id = t.account_id""");
        }
    }

    private static Long[] box(long[] ids) {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return boxed;
    }

    /**
     * Upgrades at once, on the transaction that stores a batch of receipts ({@link ReceiptEarning}'s temporary table
     * {@code loyalty_earning}, the batch's accounts locked): a member goes up with the first receipt whose qualification
     * (the window's stored receipts up to it, plus the batch's) reaches a higher tier's threshold. That receipt earns at
     * the tier the member held before it; the receipts after it (in the same batch too) earn at the new one, so the
     * batch's points are recomputed and its upgrades looked for again until none is found (at most once per tier). Every
     * receipt's qualifying points and spend are kept with the tier it earned at ({@code loyalty_qualification}), every
     * upgrade in {@code loyalty_tier_change} and on the customer's timeline.
     */
    static final class TierUpgrades {
        private static final int MAX_ROUNDS = 101;

        /**
         * Each account's first receipt of the batch whose qualification reaches a tier above the one the member holds
         * by then. Parameters: the round, the basis, the window (twice, as an interval).
         */
        private static final String FIND = """
                insert into loyalty_upgrade (round, account_id, sale_id, sold_at, from_tier_id, to_tier_id, to_rank,
                                             multiplier, qualification)
                select distinct on (q.account_id) ?, q.account_id, q.sale_id, q.sold_at,
                       (select id from loyalty_tier where rank = greatest(q.reached, coalesce(cur.rank, 0))),
                       t.id, t.rank, t.multiplier, q.qualification
                from (
                    select e.account_id, e.sale_id, e.sold_at, e.kind, e.reached,
                           coalesce((select sum(case when g.basis = 'POINTS' then s.points else s.spend end)
                                     from loyalty_qualification s
                                     where s.account_id = e.account_id
                                       and s.at >= e.sold_at - g.window and s.at <= e.sold_at), 0)
                           + sum(case when e.kind = 'SALE' then 1 else -1 end
                                 * case when g.basis = 'POINTS' then e.points else e.spend end)
                                 over (partition by e.account_id order by e.sold_at
                                       range between cast(? as interval) preceding and current row) as qualification
                    from loyalty_earning e cross join (select ?::text as basis, cast(? as interval) as window) g
                ) q
                join loyalty_account a on a.id = q.account_id
                left join loyalty_tier cur on cur.id = a.tier_id
                cross join lateral (select id, rank, multiplier from loyalty_tier where threshold <= q.qualification
                                    order by rank desc limit 1) t
                where q.kind = 'SALE' and t.rank > greatest(q.reached, coalesce(cur.rank, 0))
                order by q.account_id, q.sold_at, q.sale_id""";

        private final Timeline timeline;
        private final Clock clock;

        TierUpgrades(Timeline timeline, Clock clock) {
            this.timeline = timeline;
            this.clock = clock;
        }

        void apply(Connection connection) throws SQLException {
            String basis;
            String window;
            boolean tiers;
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("""
                            select tier_basis, tier_window_months, exists (select 1 from loyalty_tier)
                            from loyalty_programme""")) {
                rows.next();
                basis = rows.getString(1);
                window = rows.getInt(2) + " months";
                tiers = rows.getBoolean(3);
            }
            if (tiers) {
                findUpgrades(connection, basis, window);
            }
            try (var statement = connection.createStatement()) {
                statement.execute("""
                        insert into loyalty_qualification (sale_id, account_id, at, points, spend, tier_id, multiplier)
                        select sale_id, account_id, sold_at, case kind when 'SALE' then points else -points end,
                               case kind when 'SALE' then spend else -spend end, tier_id, multiplier
                        from loyalty_earning
                        on conflict (sale_id) do nothing""");
            }
            if (tiers) {
                record(connection);
            }
        }

        private static void findUpgrades(Connection connection, String basis, String window) throws SQLException {
            try (var statement = connection.createStatement()) {
                statement.execute("""
                        create temp table if not exists loyalty_upgrade (round integer, account_id bigint, sale_id bigint,
                            sold_at timestamptz, from_tier_id bigint, to_tier_id bigint, to_rank integer,
                            multiplier numeric, qualification numeric) on commit delete rows;
                        delete from loyalty_upgrade""");
            }
            for (int round = 1; round <= MAX_ROUNDS; round++) {
                int found;
                try (var find = connection.prepareStatement(FIND)) {
                    find.setInt(1, round);
                    find.setString(2, window);
                    find.setString(3, basis);
                    find.setString(4, window);
                    found = find.executeUpdate();
                }
                if (found == 0) {
                    return;
                }
                try (var reached = connection.prepareStatement("""
                                update loyalty_earning e set reached = greatest(e.reached, u.to_rank)
                                from loyalty_upgrade u
                                where u.round = ? and e.account_id = u.account_id
                                  and (e.sold_at, e.sale_id) >= (u.sold_at, u.sale_id)""");
                        var later = connection.prepareStatement("""
                                update loyalty_earning e set tier_id = u.to_tier_id, tier_rank = u.to_rank,
                                    multiplier = u.multiplier,
                                    points = least(floor(e.raw * u.multiplier), coalesce(e.cap, 9223372036854775807))
                                from loyalty_upgrade u
                                where u.round = ? and e.account_id = u.account_id and e.sold_at > u.sold_at
                                  and e.tier_rank < u.to_rank""")) {
                    reached.setInt(1, round);
                    reached.executeUpdate();
                    later.setInt(1, round);
                    later.executeUpdate();
                }
            }
            throw new IllegalStateException("tier upgrades did not settle in " + MAX_ROUNDS + " rounds");
        }

        /** The upgrades found as history, on the accounts and on the customers' timelines. */
        private void record(Connection connection) throws SQLException {
            List<Long> changes = new ArrayList<>();
            try (var insert = connection.prepareStatement("""
                    insert into loyalty_tier_change (key, account_id, from_tier_id, to_tier_id, at, direction, reason,
                                                     sale_id, qualification, recorded_at, actor)
                    select 'upgrade:' || u.sale_id, u.account_id, u.from_tier_id, u.to_tier_id,
                           greatest(u.sold_at, (select max(c.at) from loyalty_tier_change c
                                                where c.account_id = u.account_id)),
                           'UP', 'RECEIPT', u.sale_id, u.qualification, ?, 'receipts'
                    from loyalty_upgrade u
                    on conflict (key) do nothing
                    returning id""")) {
                insert.setObject(1, Rows.timestamptz(clock.instant()));
                try (var rows = insert.executeQuery()) {
                    while (rows.next()) {
                        changes.add(rows.getLong(1));
                    }
                }
            }
            if (changes.isEmpty()) {
                return;
            }
            Long[] ids = changes.toArray(Long[]::new);
            try (var update = connection.prepareStatement("""
                    update loyalty_account a set tier_id = c.to_tier_id, tier_since = c.at
                    from (select distinct on (account_id) account_id, to_tier_id, at from loyalty_tier_change
                          where id = any(?) order by account_id, at desc, id desc) c
                    where a.id = c.account_id""")) {
                update.setArray(1, connection.createArrayOf("bigint", ids));
                update.executeUpdate();
            }
            List<Timeline.Entry> entries = LoyaltyTiers.timelineEntries(connection, ids, "receipts");
            if (!entries.isEmpty()) {
                timeline.recordAll(connection, entries);
            }
        }
    }
}
