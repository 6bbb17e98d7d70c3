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
 * A product's price response from its receipts: per period (week by default) the average net unit price paid (after
 * promotion and coupon discounts) and the units sold, the log-log elasticity over them
 * ({@link PriceElasticity}), and what a price would give: expected units, revenue and profit per period, and the
 * profit-maximising price in a range given the unit cost.
 */
@Service
public class PriceResponses {
    /** The periods a product's sales are summed over; the SQL unit is fixed here, never from input. */
    public enum Period {
        DAY("day"),
        WEEK("week"),
        MONTH("month");

        final String unit;

        Period(String unit) {
            this.unit = unit;
        }
    }

    /** One period's observation. */
    public record Observation(LocalDate period, double price, double units) {}

    /**
     * The estimate (or why there is none), the observations, and at the chosen prices what they would give.
     *
     * @param status ESTIMATED, or NOT_ENOUGH_VARIATION with the estimate's reason
     * @param unitCost the product's cost, or the one asked about
     * @param best the profit-maximising price in [low, high]; null without an estimate
     * @param curve expected units, revenue and profit at 21 prices from low to high; empty without an estimate
     */
    public record Response(
            String sku,
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
            List<PricePoint> curve) {}

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

    public Response of(
            @Nullable String sku,
            @Nullable String from,
            @Nullable String to,
            @Nullable String period,
            @Nullable String cost,
            @Nullable String low,
            @Nullable String high) {
        List<FieldProblem> problems = new ArrayList<>();
        String product = InputFields.required("product", sku, 100, problems);
        InputFields.printable("product", product, problems);
        Days days = Days.parse(from, to, LocalDate.now(clock), DEFAULT_DAYS, problems);
        Period unit = InputFields.trimmed(period) == null
                ? Period.WEEK
                : InputFields.oneOf("period", period, Period.class, problems);
        BigDecimal unitCost = InputFields.money("cost", cost, problems);
        BigDecimal lowest = InputFields.money("low", low, problems);
        BigDecimal highest = InputFields.money("high", high, problems);
        if (lowest != null && lowest.signum() <= 0) problems.add(FieldProblem.of("low", "validation.atLeast", "0.01"));
        if (lowest != null && highest != null && highest.compareTo(lowest) < 0) {
            problems.add(FieldProblem.of("high", "validation.endsBeforeStart"));
        }
        if (unitCost != null && unitCost.signum() < 0) problems.add(FieldProblem.of("cost", "validation.notNegative"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Map<String, Object> found = jdbc.sql("select name, price, cost from product where sku = :sku")
                .param("sku", product)
                .query((rs, n) -> Map.<String, Object>of(
                        "name", rs.getString(1), "price", rs.getBigDecimal(2), "cost", rs.getBigDecimal(3)))
                .optional()
                .orElseThrow(
                        () -> new InvalidInputException(FieldProblem.of("product", "validation.unknown", product)));
        List<Observation> observations = observations(product, days, unit);
        if (observations.isEmpty()) {
            throw new InvalidInputException(
                    FieldProblem.of("from", "merchandising.noSales", product, days.from(), days.to()));
        }
        double[] prices = observations.stream().mapToDouble(Observation::price).toArray();
        double[] units = observations.stream().mapToDouble(Observation::units).toArray();
        ElasticityEstimate estimate = PriceElasticity.estimate(prices, units, 0.95);
        BigDecimal list = (BigDecimal) found.get("price");
        double c = (unitCost != null ? unitCost : (BigDecimal) found.get("cost")).doubleValue();
        // by default the prices seen, widened to the list price: what the data can speak for
        double lo = lowest != null ? lowest.doubleValue() : Math.min(min(prices), list.doubleValue());
        double hi = highest != null ? highest.doubleValue() : Math.max(max(prices), list.doubleValue());
        PricePoint best = null;
        List<PricePoint> curve = new ArrayList<>();
        if (estimate instanceof ElasticityEstimate.Estimated e && lo > 0) {
            best = e.bestPrice(c, lo, hi);
            for (int i = 0; i < CURVE_POINTS; i++) curve.add(e.at(lo + (hi - lo) * i / (CURVE_POINTS - 1), c));
        }
        return new Response(
                product,
                (String) found.get("name"),
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
                curve);
    }

    private List<Observation> observations(String sku, Days days, Period unit) {
        Map<String, Object> params = new HashMap<>();
        params.put("sku", sku);
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
                        select date_trunc(:unit, s.sold_at at time zone :zone)::date,
                               sum(l.amount) / sum(l.quantity), sum(l.quantity)
                        from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id
                        where p.sku = :sku and s.kind = 'SALE' and l.quantity > 0
                          and s.sold_at >= :from and s.sold_at < :to""" + stores + " group by 1 order by 1")
                .params(params)
                .query((rs, n) -> new Observation(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3)))
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
