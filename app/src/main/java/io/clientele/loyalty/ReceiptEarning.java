package io.clientele.loyalty;

import io.clientele.ingest.ReceiptsParticipant;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Points for receipts as ingest stores them, inside the storing transaction. A sale by an active card earns, set
 * based, one EARN movement keyed by its receipt (a lot that expires {@code expiry_months} after the month it was
 * earned in); a return takes back, from the lots that expire first, what the same rules give its returned lines, as
 * far as the balance goes (points already spent stay spent). Which lines earn and at what rate is {@link #POINTS}.
 */
@Component
class ReceiptEarning implements ReceiptsParticipant {
    /**
     * Points per receipt of an active card: the programme's points per unit × the line's multiplier (its product's
     * rule, else its brand's, else its category's, else 1) × the campaign rule in force (else 1), summed over the
     * lines that were paid for (amount of the receipt's sign; reward lines, whose coupon code starts with the
     * programme's reward prefix, earn nothing), rounded down, at most the receipt cap. Rules are in force on the days
     * (in the server's zone, the second {@code ?}) they name. Bound first to the receipts' ids, which drive the
     * plan: each receipt is found by its key, never by a scan of {@code sale}.
     */
    static final String POINTS = """
            select s.id as sale_id, k.account_id, s.kind, s.sold_at,
                   least(floor(sum(abs(l.amount) * g.points_per_unit
                                   * coalesce(rp.multiplier, rb.multiplier, rc.multiplier, 1)
                                   * coalesce(rk.multiplier, 1))),
                         coalesce(g.receipt_cap, 9223372036854775807))::bigint as points,
                   (date_trunc('month', s.sold_at at time zone z.zone)
                       + make_interval(months => g.expiry_months + 1)) at time zone z.zone as expires_at
            from unnest(?::bigint[]) as batch(id)
            join sale s on s.id = batch.id
            cross join (select ?::text as zone) z
            cross join loyalty_programme g
            join loyalty_card k on k.card_number = s.card_number and k.status = 'ACTIVE'
            join sale_line l on l.sale_id = s.id
                and sign(l.amount) = case s.kind when 'SALE' then 1 else -1 end
                and (l.coupon_code is null or not starts_with(l.coupon_code, g.reward_code_prefix))
            join product p on p.id = l.product_id
            cross join lateral (select (s.sold_at at time zone z.zone)::date as day) d
            left join loyalty_rule rp on rp.kind = 'PRODUCT' and rp.match = p.sku
                and d.day between coalesce(rp.valid_from, d.day) and coalesce(rp.valid_to, d.day)
            left join loyalty_rule rb on rb.kind = 'BRAND' and rb.match = p.brand
                and d.day between coalesce(rb.valid_from, d.day) and coalesce(rb.valid_to, d.day)
            left join loyalty_rule rc on rc.kind = 'CATEGORY' and rc.match = p.category
                and d.day between coalesce(rc.valid_from, d.day) and coalesce(rc.valid_to, d.day)
            left join loyalty_rule rk on rk.kind = 'CAMPAIGN'
                and d.day between coalesce(rk.valid_from, d.day) and coalesce(rk.valid_to, d.day)
            group by s.id, k.account_id, s.kind, s.sold_at, g.points_per_unit, g.receipt_cap, g.expiry_months, z.zone
            """;

    private final Clock clock;

    ReceiptEarning(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void receiptsStored(Connection connection, long[] saleIds) throws SQLException {
        if (saleIds.length == 0) {
            return;
        }
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    create temp table if not exists loyalty_earning (sale_id bigint, account_id bigint, kind text,
                        sold_at timestamptz, points bigint, expires_at timestamptz) on commit drop;
                    truncate loyalty_earning""");
        }
        try (var insert = connection.prepareStatement("insert into loyalty_earning " + POINTS)) {
            insert.setArray(1, connection.createArrayOf("bigint", box(saleIds)));
            insert.setString(2, clock.getZone().getId());
            insert.executeUpdate();
        }
        try (var statement = connection.createStatement()) {
            statement.execute("analyze loyalty_earning");
        }
        earn(connection);
        takeBack(connection);
    }

    /** The sales' points, set-based: their accounts locked in id order, then movements, legs and balances at once. */
    private static void earn(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("""
                    select 1 from loyalty_account where id in (
                        select account_id from loyalty_earning where kind = 'SALE' and points > 0)
                    order by id for update""");
            statement.execute("""
                    with moved as (
                        insert into loyalty_movement (key, cause, at, sale_id, expires_at, actor)
                        select 'sale:' || sale_id, 'EARN', sold_at, sale_id, expires_at, 'receipts'
                        from loyalty_earning where kind = 'SALE' and points > 0
                        on conflict (key) do nothing
                        returning id, sale_id),
                    earned as (
                        select m.id, e.account_id, e.points from moved m join loyalty_earning e using (sale_id)),
                    legs as (
                        insert into loyalty_entry (movement_id, account_id, lot_id, points)
                        select id, account_id, id, points from earned
                        union all
                        select id, 1, null, -points from earned)
                    update loyalty_account a set balance = a.balance + t.points
                    from (select account_id, sum(points) as points from earned group by account_id) t
                    where a.id = t.account_id""");
        }
    }

    /** Returns one by one: each takes back from its member's oldest lots, as far as the balance goes. */
    private void takeBack(Connection connection) throws SQLException {
        record Return(long saleId, long account, long points, Instant at) {}
        List<Return> returns = new ArrayList<>();
        try (var query = connection.prepareStatement("""
                select sale_id, account_id, points, sold_at from loyalty_earning
                where kind = 'RETURN' and points > 0 order by account_id, sale_id""")) {
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    returns.add(new Return(
                            rows.getLong(1),
                            rows.getLong(2),
                            rows.getLong(3),
                            rows.getTimestamp(4).toInstant()));
                }
            }
        }
        Postings postings = new Postings(connection);
        for (Return back : returns) {
            long balance = postings.lock(back.account());
            long taken = Math.min(back.points(), balance);
            if (taken == 0) {
                continue;
            }
            postings.debit(
                    new Postings.Cause(
                            "return:" + back.saleId(),
                            Postings.Kind.RETURN,
                            back.at(),
                            back.saleId(),
                            taken < back.points() ? (back.points() - taken) + " points spent before the return" : null,
                            null,
                            "receipts"),
                    back.account(),
                    taken,
                    Postings.ISSUED);
        }
    }

    private static Long[] box(long[] ids) {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return boxed;
    }
}
