package io.clientele.merchandising;

import io.clientele.analytics.pricing.ElasticityEstimate;
import io.clientele.analytics.pricing.PriceElasticity;
import io.clientele.analytics.pricing.PricePoint;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A product's or a category's price response from its receipts: per period (week by default) the average net unit
 * price paid (after promotion and coupon discounts) and the units sold, the log-log elasticity over them
 * ({@link PriceElasticity}), and what a price would give: expected units, revenue and profit per period, and the
 * profit-maximising price in a range given the unit cost.
 *
 * <p>A category is answered as one average product (docs/sales-analysis.md): its list price is the units-weighted
 * mean list price of its lines over the days, a period's price is the share of the list price paid that period
 * (net amount / list value of the lines) times that mean, and its units are the list value sold / that mean. So a
 * period where the whole category sells 10% below list shows 10% below the mean list price, mixes of cheap and dear
 * products do not pass for price changes, and revenue is exactly the category's.
 */
@Service
public class PriceResponses {
    /** The periods sales are summed over; the SQL unit is fixed here, never from input. */
    public enum Period {
        DAY("day"),
        WEEK("week"),
        MONTH("month");

        final String unit;

        Period(String unit) {
            this.unit = unit;
        }
    }

    /** What is priced: one product or a whole category. */
    public enum Level {
        PRODUCT,
        CATEGORY
    }

    /** One period's observation. */
    public record Observation(LocalDate period, double price, double units) {}

    /**
     * The estimate (or why there is none), the observations, and at the chosen prices what they would give.
     *
     * @param sku the product's SKU; null for a category
     * @param category the product's category, or the category asked about
     * @param listPrice the product's list price; for a category the units-weighted mean list price of its lines
     * @param status ESTIMATED, or NOT_ENOUGH_VARIATION with the estimate's reason
     * @param unitCost the product's cost (for a category the units-weighted mean cost of its lines), or the one asked
     * @param best the profit-maximising price in [low, high]; null without an estimate
     * @param curve expected units, revenue and profit at 21 prices from low to high; empty without an estimate
     * @param whatIf what the price asked about would give; null when none was asked or there is no estimate
     */
    public record Response(
            Level level,
            @Nullable String sku,
            String category,
            String name,
            BigDecimal listPrice,
            double unitCost,
            Period period,
            LocalDate from,
            LocalDate to,
            String status,
            ElasticityEstimate estimate,
            List<Observation> observations,
            double low,
            double high,
            @Nullable PricePoint best,
            List<PricePoint> curve,
            @Nullable PricePoint whatIf) {}

    /** The questions of one request, read and checked. */
    public record Question(
            @Nullable String product,
            @Nullable String category,
            @Nullable String from,
            @Nullable String to,
            @Nullable String period,
            @Nullable String cost,
            @Nullable String low,
            @Nullable String high,
            @Nullable String price) {}

    private static final int CURVE_POINTS = 21;
    /** Two years of weeks: enough periods for an interval, recent enough for today's demand. */
    static final int DEFAULT_DAYS = 730;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final Clock clock;

    PriceResponses(JdbcClient jdbc, DataScopes scopes, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.clock = clock;
    }

    /** The price response of the product or the category the question names (exactly one of them). */
    public Response of(Question question) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean byCategory = InputFields.trimmed(question.category()) != null;
        String product = null;
        String category = null;
        if (byCategory) {
            if (InputFields.trimmed(question.product()) != null) {
                problems.add(FieldProblem.of("category", "merchandising.productOrCategory"));
            }
            category = InputFields.required("category", question.category(), 200, problems);
            InputFields.printable("category", category, problems);
        } else {
            product = InputFields.required("product", question.product(), 100, problems);
            InputFields.printable("product", product, problems);
        }
        Days days = Days.parse(question.from(), question.to(), LocalDate.now(clock), DEFAULT_DAYS, problems);
        Period unit = InputFields.trimmed(question.period()) == null
                ? Period.WEEK
                : InputFields.oneOf("period", question.period(), Period.class, problems);
        BigDecimal unitCost = InputFields.money("cost", question.cost(), problems);
        BigDecimal lowest = InputFields.money("low", question.low(), problems);
        BigDecimal highest = InputFields.money("high", question.high(), problems);
        BigDecimal asked = InputFields.money("price", question.price(), problems);
        if (lowest != null && lowest.signum() <= 0) problems.add(FieldProblem.of("low", "validation.atLeast", "0.01"));
        if (asked != null && asked.signum() <= 0) problems.add(FieldProblem.of("price", "validation.atLeast", "0.01"));
        if (lowest != null && highest != null && highest.compareTo(lowest) < 0) {
            problems.add(FieldProblem.of("high", "validation.endsBeforeStart"));
        }
        if (unitCost != null && unitCost.signum() < 0) problems.add(FieldProblem.of("cost", "validation.notNegative"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Subject subject = byCategory ? category(category, days, unit) : product(product, days, unit);
        List<Observation> observations = subject.observations();
        double[] prices = observations.stream().mapToDouble(Observation::price).toArray();
        double[] units = observations.stream().mapToDouble(Observation::units).toArray();
        ElasticityEstimate estimate = PriceElasticity.estimate(prices, units, 0.95);
        BigDecimal list = subject.listPrice();
        double c = unitCost != null ? unitCost.doubleValue() : subject.unitCost();
        // by default the prices seen, widened to the list price: what the data can speak for
        double lo = lowest != null ? lowest.doubleValue() : Math.min(min(prices), list.doubleValue());
        double hi = highest != null ? highest.doubleValue() : Math.max(max(prices), list.doubleValue());
        PricePoint best = null;
        PricePoint whatIf = null;
        List<PricePoint> curve = new ArrayList<>();
        if (estimate instanceof ElasticityEstimate.Estimated e && lo > 0) {
            best = e.bestPrice(c, lo, hi);
            for (int i = 0; i < CURVE_POINTS; i++) curve.add(e.at(lo + (hi - lo) * i / (CURVE_POINTS - 1), c));
            if (asked != null) whatIf = e.at(asked.doubleValue(), c);
        }
        return new Response(
                byCategory ? Level.CATEGORY : Level.PRODUCT,
                product,
                subject.category(),
                subject.name(),
                list,
                c,
                unit,
                days.from(),
                days.to(),
                estimate instanceof ElasticityEstimate.Estimated ? "ESTIMATED" : "NOT_ENOUGH_VARIATION",
                estimate,
                observations,
                lo,
                hi,
                best,
                curve,
                whatIf);
    }

    /** What is priced, as the estimate sees it. */
    private record Subject(
            String name, String category, BigDecimal listPrice, double unitCost, List<Observation> observations) {}

    private Subject product(String sku, Days days, Period unit) {
        record Found(String name, String category, BigDecimal price, BigDecimal cost) {}
        Found found = jdbc.sql("select name, category, price, cost from product where sku = :sku")
                .param("sku", sku)
                .query((rs, n) -> new Found(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .optional()
                .orElseThrow(() -> new InvalidInputException(FieldProblem.of("product", "validation.unknown", sku)));
        List<Observation> observations = new ArrayList<>();
        for (PeriodSums sums : sums("p.sku = :key", sku, days, unit)) {
            observations.add(new Observation(sums.period, sums.amount / sums.units, sums.units));
        }
        if (observations.isEmpty()) {
            throw new InvalidInputException(
                    FieldProblem.of("from", "merchandising.noSales", sku, days.from(), days.to()));
        }
        return new Subject(
                found.name(), found.category(), found.price(), found.cost().doubleValue(), observations);
    }

    private Subject category(String category, Days days, Period unit) {
        boolean known = jdbc.sql("select exists (select 1 from product where category = :category)")
                .param("category", category)
                .query(Boolean.class)
                .single();
        if (!known) throw new InvalidInputException(FieldProblem.of("category", "validation.unknown", category));
        List<PeriodSums> periods = sums("p.category = :key", category, days, unit);
        if (periods.isEmpty()) {
            throw new InvalidInputException(
                    FieldProblem.of("from", "merchandising.noSales", category, days.from(), days.to()));
        }
        double units = 0;
        double listValue = 0;
        double costValue = 0;
        for (PeriodSums sums : periods) {
            units += sums.units;
            listValue += sums.listValue;
            costValue += sums.costValue;
        }
        double meanList = listValue / units;
        List<Observation> observations = new ArrayList<>();
        for (PeriodSums sums : periods) {
            observations.add(
                    new Observation(sums.period, sums.amount / sums.listValue * meanList, sums.listValue / meanList));
        }
        return new Subject(
                category,
                category,
                BigDecimal.valueOf(meanList).setScale(2, RoundingMode.HALF_UP),
                costValue / units,
                observations);
    }

    /** A period's sale lines of the product or category: net amount, units, and their value at list price and cost. */
    private record PeriodSums(LocalDate period, double amount, double units, double listValue, double costValue) {}

    private List<PeriodSums> sums(String which, String key, Days days, Period unit) {
        Map<String, Object> params = new HashMap<>();
        params.put("key", key);
        params.put("from", days.start(clock.getZone()));
        params.put("to", days.end(clock.getZone()));
        params.put("zone", clock.getZone().getId());
        params.put("unit", unit.unit);
        DataScope scope = scopes.current();
        String stores = "";
        if (!scope.unrestricted()) {
            stores = " and s.store_id in (select id from store where code = any(:scopeStores))";
            params.putAll(scope.parameters());
        }
        return jdbc.sql("""
                        select date_trunc(:unit, s.sold_at at time zone :zone)::date, sum(l.amount),
                               sum(l.quantity), sum(l.quantity * l.unit_price), sum(l.quantity * l.unit_cost)
                        from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id
                        where %s and s.kind = 'SALE' and l.quantity > 0
                          and s.sold_at >= :from and s.sold_at < :to%s
                        group by 1 having sum(l.quantity * l.unit_price) > 0 order by 1""".formatted(which, stores))
                .params(params)
                .query((rs, n) -> new PeriodSums(
                        rs.getObject(1, LocalDate.class),
                        rs.getDouble(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5)))
                .list();
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) m = Math.min(m, v);
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) m = Math.max(m, v);
        return m;
    }
}
