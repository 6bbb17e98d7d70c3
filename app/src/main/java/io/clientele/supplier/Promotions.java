package io.clientele.supplier;

import io.clientele.audit.AuditTrail;
import io.clientele.loyalty.EarningRules;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promotions a supplier funds on its brands: a campaign's coupon step (the cost is the discounts of its coupons on the
 * brands' lines) or bonus points (an earning rule per brand, added through the loyalty feature for the promotion's
 * days; the cost is the bonus points valued at the programme's point value). Promotions are added, never changed,
 * so that their settlements can always be recomputed from what they were.
 */
@Service
public class Promotions {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Suppliers suppliers;
    private final EarningRules earningRules;
    private final Settlements settlements;
    private final AuditTrail audit;

    Promotions(
            JdbcClient jdbc,
            Clock clock,
            Suppliers suppliers,
            EarningRules earningRules,
            Settlements settlements,
            AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.suppliers = suppliers;
        this.earningRules = earningRules;
        this.settlements = settlements;
        this.audit = audit;
    }

    public enum Kind {
        COUPON,
        LOYALTY_BONUS
    }

    /** A promotion with its settled figures so far (every month's row, open or closed, summed). */
    public record Promotion(
            long id,
            long supplierId,
            String name,
            Kind kind,
            List<String> brands,
            @Nullable Long campaignStepId,
            @Nullable BigDecimal multiplier,
            LocalDate startsOn,
            LocalDate endsOn,
            BigDecimal supplierPercent,
            @Nullable BigDecimal capPerPeriod,
            long redemptions,
            BigDecimal cost,
            BigDecimal supplierShare,
            BigDecimal ourShare) {}

    public record PromotionInput(
            @Nullable String name,
            @Nullable String kind,
            @Nullable List<String> brands,
            @Nullable Long campaignStepId,
            @Nullable BigDecimal multiplier,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            @Nullable BigDecimal supplierPercent,
            @Nullable BigDecimal capPerPeriod) {}

    public List<Promotion> of(long supplierId) {
        suppliers.get(supplierId);
        return jdbc.sql(SELECT + " where p.supplier_id = :id group by p.id order by p.starts_on desc, p.id desc")
                .param("id", supplierId)
                .query(Promotions::promotion)
                .list();
    }

    /**
     * Adds a promotion and computes its settlements so far. The same promotion again (a retried request) answers
     * the one stored; another one under a name the supplier uses is refused.
     */
    @Transactional
    public Promotion create(long supplierId, PromotionInput input, String actor) {
        Suppliers.Supplier supplier = suppliers.get(supplierId);
        List<FieldProblem> problems = new ArrayList<>();
        String name = InputFields.required("name", input.name(), 200, problems);
        Kind kind = InputFields.oneOf("kind", input.kind(), Kind.class, problems);
        Set<String> brands = new LinkedHashSet<>();
        for (String brand : input.brands() == null ? List.<String>of() : input.brands()) {
            String value = InputFields.trimmed(brand);
            if (value != null) {
                brands.add(value);
            }
        }
        if (brands.isEmpty()) {
            problems.add(FieldProblem.of("brands", "validation.required"));
        } else if (!supplier.brands().containsAll(brands)) {
            problems.add(FieldProblem.of("brands", "supplier.brand.notOwned", String.join(", ", supplier.brands())));
        }
        if (kind == Kind.COUPON) {
            if (input.campaignStepId() == null) {
                problems.add(FieldProblem.of("campaignStepId", "validation.required"));
            } else if (!couponStep(input.campaignStepId())) {
                problems.add(FieldProblem.of("campaignStepId", "supplier.promotion.notCouponStep"));
            }
        }
        if (kind == Kind.LOYALTY_BONUS
                && (input.multiplier() == null
                        || input.multiplier().compareTo(BigDecimal.ONE) <= 0
                        || input.multiplier().compareTo(HUNDRED) > 0
                        || input.multiplier().scale() > 2)) {
            problems.add(FieldProblem.of("multiplier", "supplier.promotion.multiplier.invalid"));
        }
        if (input.startsOn() == null
                || input.startsOn().getYear() < 1900
                || input.startsOn().getYear() > 2999) {
            problems.add(
                    FieldProblem.of("startsOn", input.startsOn() == null ? "validation.required" : "validation.date"));
        }
        if (input.endsOn() == null
                || input.endsOn().getYear() < 1900
                || input.endsOn().getYear() > 2999) {
            problems.add(FieldProblem.of("endsOn", input.endsOn() == null ? "validation.required" : "validation.date"));
        } else if (input.startsOn() != null && input.endsOn().isBefore(input.startsOn())) {
            problems.add(FieldProblem.of("endsOn", "supplier.promotion.period"));
        }
        if (input.supplierPercent() == null
                || input.supplierPercent().signum() < 0
                || input.supplierPercent().compareTo(HUNDRED) > 0
                || input.supplierPercent().scale() > 2) {
            problems.add(FieldProblem.of("supplierPercent", "supplier.promotion.percent.invalid"));
        }
        if (input.capPerPeriod() != null
                && (input.capPerPeriod().signum() < 0
                        || input.capPerPeriod().scale() > 2
                        || input.capPerPeriod().compareTo(new BigDecimal("1e12")) >= 0)) {
            problems.add(FieldProblem.of("capPerPeriod", "supplier.promotion.cap.invalid"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Long stepId = kind == Kind.COUPON ? input.campaignStepId() : null;
        BigDecimal multiplier = kind == Kind.LOYALTY_BONUS ? input.multiplier() : null;
        // promotions of one supplier are added one at a time, so that a retry finds the first
        jdbc.sql("select id from supplier where id = :id for update")
                .param("id", supplierId)
                .query(Long.class)
                .single();
        List<Promotion> named = jdbc.sql(
                        SELECT + " where p.supplier_id = :id and lower(p.name) = lower(:name) group by p.id")
                .param("id", supplierId)
                .param("name", name)
                .query(Promotions::promotion)
                .list();
        for (Promotion existing : named) {
            if (existing.kind() == kind
                    && existing.brands().equals(List.copyOf(brands))
                    && Objects.equals(existing.campaignStepId(), stepId)
                    && same(existing.multiplier(), multiplier)
                    && existing.startsOn().equals(input.startsOn())
                    && existing.endsOn().equals(input.endsOn())
                    && same(existing.supplierPercent(), input.supplierPercent())
                    && same(existing.capPerPeriod(), input.capPerPeriod())) {
                return existing;
            }
            throw new InvalidInputException(FieldProblem.of("name", "supplier.promotion.taken", name));
        }
        if (kind == Kind.LOYALTY_BONUS) {
            addEarningRules(name, brands, multiplier, input.startsOn(), input.endsOn(), actor);
        }
        long id = jdbc.sql("""
                        insert into supplier_promotion (supplier_id, name, kind, brands, campaign_step_id, multiplier,
                            starts_on, ends_on, supplier_percent, cap_per_period, created_by, created_at)
                        values (:supplier, :name, :kind, :brands, :step, :multiplier, :startsOn, :endsOn, :percent,
                            :cap, :actor, :now)
                        returning id""")
                .param("supplier", supplierId)
                .param("name", name)
                .param("kind", kind.name())
                .param("brands", brands.toArray(String[]::new))
                .param("step", stepId)
                .param("multiplier", multiplier)
                .param("startsOn", input.startsOn())
                .param("endsOn", input.endsOn())
                .param("percent", input.supplierPercent())
                .param("cap", input.capPerPeriod())
                .param("actor", actor)
                .param("now", java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        audit.recordAs(
                actor, "supplier.promotion", "supplier_promotion", id, Map.of("supplier", supplierId, "name", name));
        settlements.recompute(supplierId);
        return of(supplierId).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
    }

    /**
     * The bonus: one earning rule per brand for the promotion's days. A brand already under a rule on one of those
     * days is refused with {@code startsOn} named (a line would have two rates), and nothing is stored.
     */
    private void addEarningRules(
            String name, Set<String> brands, BigDecimal multiplier, LocalDate from, LocalDate to, String actor) {
        for (String brand : brands) {
            String ruleName = name + " · " + brand;
            try {
                earningRules.add(
                        new EarningRules.RuleInput(
                                ruleName.length() > 200 ? ruleName.substring(0, 200) : ruleName,
                                EarningRules.Kind.BRAND.name(),
                                brand,
                                multiplier,
                                from,
                                to),
                        actor);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.problems().stream()
                        .map(p -> new FieldProblem(
                                p.field().equals("validFrom") || p.field().equals("validTo") ? "startsOn" : "brands",
                                p.code(),
                                p.args()))
                        .toList());
            }
        }
    }

    /** A campaign's coupon step, for the form: its id and "campaign · step". */
    public record CouponStep(long id, String label) {}

    public List<CouponStep> couponSteps() {
        return jdbc.sql("""
                        select s.id, c.name || ' · ' || s.name from campaign_step s join campaign c on c.id = s.campaign_id
                        where s.channel = 'COUPON' order by c.name, s.position""")
                .query((rs, n) -> new CouponStep(rs.getLong(1), rs.getString(2)))
                .list();
    }

    private boolean couponStep(long stepId) {
        return jdbc.sql("select count(*) from campaign_step where id = :id and channel = 'COUPON'")
                        .param("id", stepId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static final String SELECT = """
            select p.id, p.supplier_id, p.name, p.kind, p.brands, p.campaign_step_id, p.multiplier, p.starts_on,
                   p.ends_on, p.supplier_percent, p.cap_per_period,
                   coalesce(sum(t.redemptions), 0), coalesce(sum(t.cost), 0), coalesce(sum(t.supplier_share), 0),
                   coalesce(sum(t.our_share), 0)
            from supplier_promotion p left join supplier_settlement t on t.promotion_id = p.id""";

    private static Promotion promotion(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Promotion(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                Kind.valueOf(rs.getString(4)),
                List.of((String[]) rs.getArray(5).getArray()),
                rs.getObject(6, Long.class),
                rs.getBigDecimal(7),
                rs.getObject(8, LocalDate.class),
                rs.getObject(9, LocalDate.class),
                rs.getBigDecimal(10),
                rs.getBigDecimal(11),
                rs.getLong(12),
                rs.getBigDecimal(13),
                rs.getBigDecimal(14),
                rs.getBigDecimal(15));
    }
}
