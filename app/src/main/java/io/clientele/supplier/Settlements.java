package io.clientele.supplier;

import io.clientele.audit.AuditTrail;
import io.clientele.loyalty.PointsLedger;
import io.clientele.loyalty.Programme;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The monthly settlement of each promotion: its redemptions and cost in the month (of the promotion's days), the
 * supplier's share ({@code supplier_percent} of the cost, rounded to the cent, at most the cap when there is one)
 * and ours (the rest). An open month is recomputed from the receipts as often as asked — the same receipts give
 * the same row, so recomputing is idempotent — and a manager closes an ended month, which freezes its rows.
 */
@Service
public class Settlements {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Suppliers suppliers;
    private final PointsLedger ledger;
    private final AuditTrail audit;

    Settlements(JdbcClient jdbc, Clock clock, Suppliers suppliers, PointsLedger ledger, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.suppliers = suppliers;
        this.ledger = ledger;
        this.audit = audit;
    }

    public record Settlement(
            long promotionId,
            String promotion,
            LocalDate period,
            long redemptions,
            @Nullable Long bonusPoints,
            BigDecimal cost,
            BigDecimal supplierShare,
            BigDecimal ourShare,
            Instant computedAt,
            @Nullable Instant closedAt,
            @Nullable String closedBy) {
        public boolean closed() {
            return closedAt != null;
        }
    }

    /** What one promotion cost in one month: the receipts redeeming it, its bonus points (if a bonus), its cost. */
    record Figures(long redemptions, @Nullable Long bonusPoints, BigDecimal cost) {}

    /** The supplier's settlement rows, newest month first. */
    public List<Settlement> of(long supplierId) {
        suppliers.get(supplierId);
        return jdbc.sql("""
                        select t.promotion_id, p.name, t.period, t.redemptions, t.bonus_points, t.cost,
                               t.supplier_share, t.our_share, t.computed_at, t.closed_at, t.closed_by
                        from supplier_settlement t join supplier_promotion p on p.id = t.promotion_id
                        where p.supplier_id = :id order by t.period desc, p.name""")
                .param("id", supplierId)
                .query((rs, n) -> new Settlement(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getLong(4),
                        rs.getObject(5, Long.class),
                        rs.getBigDecimal(6),
                        rs.getBigDecimal(7),
                        rs.getBigDecimal(8),
                        rs.getTimestamp(9).toInstant(),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(),
                        rs.getString(11)))
                .list();
    }

    /**
     * Recomputes every open month of the supplier's promotions up to this month: answers how many rows it wrote.
     * Closed months are left as they were closed.
     */
    @Transactional
    public int recompute(long supplierId) {
        suppliers.get(supplierId);
        // one recomputation of a supplier at a time, so that a close never meets a half-written month
        jdbc.sql("select id from supplier where id = :id for update")
                .param("id", supplierId)
                .query(Long.class)
                .single();
        LocalDate thisMonth = LocalDate.now(clock).withDayOfMonth(1);
        Programme programme = ledger.programme();
        int written = 0;
        for (PromotionTerms terms : terms(supplierId)) {
            LocalDate last = terms.endsOn().withDayOfMonth(1).isBefore(thisMonth)
                    ? terms.endsOn().withDayOfMonth(1)
                    : thisMonth;
            for (LocalDate month = terms.startsOn().withDayOfMonth(1);
                    !month.isAfter(last);
                    month = month.plusMonths(1)) {
                Figures figures = figures(terms, month, programme);
                BigDecimal supplierShare = share(figures.cost(), terms.supplierPercent(), terms.capPerPeriod());
                written += jdbc.sql("""
                                insert into supplier_settlement (promotion_id, period, redemptions, bonus_points, cost,
                                    supplier_share, our_share, computed_at)
                                values (:promotion, :period, :redemptions, :points, :cost, :supplierShare, :ourShare, :now)
                                on conflict (promotion_id, period) do update
                                set redemptions = excluded.redemptions, bonus_points = excluded.bonus_points,
                                    cost = excluded.cost, supplier_share = excluded.supplier_share,
                                    our_share = excluded.our_share, computed_at = excluded.computed_at
                                where supplier_settlement.closed_at is null""")
                        .param("promotion", terms.id())
                        .param("period", month)
                        .param("redemptions", figures.redemptions())
                        .param("points", figures.bonusPoints())
                        .param("cost", figures.cost())
                        .param("supplierShare", supplierShare)
                        .param("ourShare", figures.cost().subtract(supplierShare))
                        .param("now", Timestamp.from(clock.instant()))
                        .update();
            }
        }
        return written;
    }

    /**
     * Closes the supplier's month {@code period} (any day of it) after recomputing it: its rows no longer change.
     * Only an ended month closes; closing a closed month again changes nothing.
     */
    @Transactional
    public List<Settlement> close(long supplierId, @Nullable LocalDate period, String actor) {
        if (period == null) {
            throw new InvalidInputException(FieldProblem.of("period", "validation.required"));
        }
        if (period.getYear() < 1900 || period.getYear() > 2999) {
            throw new InvalidInputException(FieldProblem.of("period", "validation.date"));
        }
        LocalDate month = period.withDayOfMonth(1);
        if (month.plusMonths(1).isAfter(LocalDate.now(clock))) {
            throw new InvalidInputException(FieldProblem.of("period", "supplier.settlement.notEnded", month));
        }
        recompute(supplierId);
        int closed = jdbc.sql("""
                        update supplier_settlement t set closed_at = :now, closed_by = :actor
                        from supplier_promotion p
                        where p.id = t.promotion_id and p.supplier_id = :supplier and t.period = :period
                          and t.closed_at is null""")
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("supplier", supplierId)
                .param("period", month)
                .update();
        if (closed > 0) {
            audit.recordAs(
                    actor, "supplier.settlement.close", "supplier", supplierId, Map.of("period", month.toString()));
        }
        return of(supplierId).stream().filter(s -> s.period().equals(month)).toList();
    }

    /** The supplier's part of a cost: the percentage, rounded half up to the cent, at most the cap. */
    static BigDecimal share(BigDecimal cost, BigDecimal percent, @Nullable BigDecimal cap) {
        BigDecimal share = cost.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        return cap != null && share.compareTo(cap) > 0 ? cap.setScale(2, RoundingMode.HALF_UP) : share;
    }

    private record PromotionTerms(
            long id,
            Promotions.Kind kind,
            String[] brands,
            @Nullable Long stepId,
            @Nullable BigDecimal multiplier,
            LocalDate startsOn,
            LocalDate endsOn,
            BigDecimal supplierPercent,
            @Nullable BigDecimal capPerPeriod) {}

    private List<PromotionTerms> terms(long supplierId) {
        return jdbc.sql("""
                        select id, kind, brands, campaign_step_id, multiplier, starts_on, ends_on, supplier_percent,
                               cap_per_period
                        from supplier_promotion where supplier_id = :id order by id""")
                .param("id", supplierId)
                .query((rs, n) -> new PromotionTerms(
                        rs.getLong(1),
                        Promotions.Kind.valueOf(rs.getString(2)),
                        (String[]) rs.getArray(3).getArray(),
                        rs.getObject(4, Long.class),
                        rs.getBigDecimal(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class),
                        rs.getBigDecimal(8),
                        rs.getBigDecimal(9)))
                .list();
    }

    /** The promotion's figures over its days within {@code month}. */
    private Figures figures(PromotionTerms terms, LocalDate month, Programme programme) {
        LocalDate from = terms.startsOn().isAfter(month) ? terms.startsOn() : month;
        LocalDate endOfMonth = month.plusMonths(1);
        LocalDate to =
                terms.endsOn().plusDays(1).isBefore(endOfMonth) ? terms.endsOn().plusDays(1) : endOfMonth;
        ZoneId zone = clock.getZone();
        return switch (terms.kind()) {
            // the coupons of the step used on the brands' lines of sales in those days: their discounts
            case COUPON ->
                jdbc.sql("""
                            select count(distinct s.id), coalesce(sum(l.discount), 0)
                            from sale s
                            join sale_line l on l.sale_id = s.id
                            join product p on p.id = l.product_id
                            where s.kind = 'SALE' and p.brand = any(:brands) and l.coupon_code is not null
                              and s.sold_at >= (cast(:from as date)::timestamp at time zone :zone)
                              and s.sold_at < (cast(:to as date)::timestamp at time zone :zone)
                              and exists (select 1 from campaign_member m
                                          where m.coupon_code = l.coupon_code and m.step_id = :step)""")
                        .param("brands", terms.brands())
                        .param("from", from)
                        .param("to", to)
                        .param("zone", zone.getId())
                        .param("step", terms.stepId())
                        .query((rs, n) -> new Figures(rs.getLong(1), null, rs.getBigDecimal(2)))
                        .single();
            // the paid lines of the brands on receipts that earned (or, returned, took back) points in those days:
            // the points the bonus adds over the programme's rate, returns taking theirs back
            case LOYALTY_BONUS -> {
                Object[] row = jdbc.sql("""
                                select count(distinct s.id) filter (where s.kind = 'SALE'),
                                       coalesce(sum(l.amount), 0)
                                from sale s
                                join sale_line l on l.sale_id = s.id
                                join product p on p.id = l.product_id
                                where p.brand = any(:brands)
                                  and s.sold_at >= (cast(:from as date)::timestamp at time zone :zone)
                                  and s.sold_at < (cast(:to as date)::timestamp at time zone :zone)
                                  and (case when s.kind = 'RETURN' then l.amount < 0 else l.amount > 0 end)
                                  and (l.coupon_code is null or not starts_with(l.coupon_code, :rewardPrefix))
                                  and exists (select 1 from loyalty_movement m
                                              where m.sale_id = s.id and m.cause in ('EARN', 'RETURN'))""")
                        .param("brands", terms.brands())
                        .param("from", from)
                        .param("to", to)
                        .param("zone", zone.getId())
                        .param("rewardPrefix", programme.rewardCodePrefix())
                        .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2)})
                        .single();
                long points = bonusPoints((BigDecimal) row[1], programme.pointsPerUnit(), terms.multiplier());
                yield new Figures(
                        (Long) row[0],
                        points,
                        programme
                                .pointValue()
                                .multiply(BigDecimal.valueOf(points))
                                .setScale(2, RoundingMode.HALF_UP));
            }
        };
    }

    /** The points a bonus of {@code multiplier} adds over the base rate on {@code amount}, whole points toward zero. */
    static long bonusPoints(BigDecimal amount, BigDecimal pointsPerUnit, @Nullable BigDecimal multiplier) {
        BigDecimal extra = multiplier == null ? BigDecimal.ZERO : multiplier.subtract(BigDecimal.ONE);
        return amount.multiply(pointsPerUnit)
                .multiply(extra)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
    }
}
