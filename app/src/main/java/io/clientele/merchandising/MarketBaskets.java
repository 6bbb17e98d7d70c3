package io.clientele.merchandising;

import io.clientele.analytics.basket.AssociationRule;
import io.clientele.analytics.basket.AssociationRules;
import io.clientele.analytics.basket.Baskets;
import io.clientele.analytics.basket.FpGrowth;
import io.clientele.analytics.basket.FrequentItemsets;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentPredicate;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Association rules over sale receipts: PostgreSQL folds the receipts into their distinct baskets (one row per
 * distinct item set, with its count), FP-Growth mines them in memory. Returns are not baskets; a store manager
 * mines only their stores' receipts.
 */
@Service
public class MarketBaskets {
    /** An item: its key (SKU, brand or category) and what a person reads (the product's name at product level). */
    public record Item(String key, String label) {}

    /**
     * A rule and its measures (docs/sales-analysis.md); conviction is null when the rule always held (infinite).
     */
    public record Rule(
            List<Item> antecedent,
            List<Item> consequent,
            long receipts,
            double support,
            double confidence,
            double lift,
            @Nullable Double conviction) {}

    /**
     * The strongest rules (by lift) up to the query's limit, and how they were found.
     *
     * @param receipts sale receipts mined
     * @param totalRules rules that passed the thresholds, of which {@code rules} are the first
     */
    public record RuleSet(
            BasketQuery query,
            long receipts,
            int items,
            int distinctBaskets,
            int frequentItemsets,
            int totalRules,
            List<Rule> rules,
            double seconds) {}

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final SavedSegments segments;
    private final Clock clock;

    MarketBaskets(JdbcClient jdbc, DataScopes scopes, SavedSegments segments, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.segments = segments;
        this.clock = clock;
    }

    public RuleSet mine(BasketQuery query) {
        long started = System.nanoTime();
        Map<String, Object> params = new HashMap<>();
        String where = receipts(query, params);
        String column = query.level().column;
        Map<String, Integer> codes = new HashMap<>();
        List<String> keys = new ArrayList<>();
        List<int[]> distinct = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        jdbc.sql("select items, count(*) from (select array_agg(distinct " + column + ") as items"
                        + " from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id"
                        + " where " + where + " group by s.id) b group by items")
                .params(params)
                .query(rs -> {
                    String[] items = strings(rs.getArray(1));
                    int[] basket = new int[items.length];
                    for (int i = 0; i < items.length; i++) {
                        basket[i] = codes.computeIfAbsent(items[i], key -> {
                            keys.add(key);
                            return keys.size() - 1;
                        });
                    }
                    distinct.add(basket);
                    counts.add(rs.getLong(2));
                });
        if (distinct.isEmpty()) {
            throw new InvalidInputException(
                    FieldProblem.of("from", "merchandising.noReceipts", query.from(), query.to()));
        }
        Baskets.Builder builder = Baskets.builder(keys.size());
        for (int i = 0; i < distinct.size(); i++) builder.add(distinct.get(i), counts.get(i));
        Baskets baskets = builder.build();
        FrequentItemsets itemsets = FpGrowth.mine(baskets, query.minSupport(), query.maxLength());
        List<AssociationRule> all = AssociationRules.of(itemsets, query.minConfidence());
        List<AssociationRule> shown = all.subList(0, Math.min(all.size(), query.limit()));
        Map<String, String> labels = labels(query.level(), shown, keys);
        List<Rule> rules = shown.stream()
                .map(r -> new Rule(
                        items(r.antecedent(), keys, labels),
                        items(r.consequent(), keys, labels),
                        r.count(),
                        r.support(),
                        r.confidence(),
                        r.lift(),
                        Double.isInfinite(r.conviction()) ? null : r.conviction()))
                .toList();
        return new RuleSet(
                query,
                baskets.transactions(),
                keys.size(),
                baskets.distinctBaskets(),
                itemsets.size(),
                all.size(),
                rules,
                Math.round((System.nanoTime() - started) / 1e6) / 1e3);
    }

    /** The condition on {@code s} (sale) for the query's receipts, its parameters put into {@code params}. */
    private String receipts(BasketQuery query, Map<String, Object> params) {
        StringBuilder where =
                new StringBuilder("s.kind = 'SALE' and s.sold_at >= :basketFrom and s.sold_at < :basketTo");
        Days days = new Days(query.from(), query.to());
        params.put("basketFrom", days.start(clock.getZone()));
        params.put("basketTo", days.end(clock.getZone()));
        DataScope scope = scopes.current();
        if (!query.stores().isEmpty()) {
            Set<String> known = Set.copyOf(jdbc.sql("select code from store where code = any(:codes)")
                    .param("codes", query.stores().toArray(String[]::new))
                    .query(String.class)
                    .list());
            List<String> refused = query.stores().stream()
                    .filter(code -> !known.contains(code) || !scope.includesStore(code))
                    .toList();
            if (!refused.isEmpty()) {
                throw new InvalidInputException(
                        FieldProblem.of("stores", "validation.unknown", String.join(", ", refused)));
            }
            where.append(" and s.store_id in (select id from store where code = any(:basketStores))");
            params.put("basketStores", query.stores().toArray(String[]::new));
        }
        if (!scope.unrestricted()) {
            where.append(" and s.store_id in (select id from store where code = any(:scopeStores))");
            params.put("scopeStores", scope.storeCodes().toArray(String[]::new));
        }
        if (query.segment() != null) {
            var segment = segments.find(query.segment())
                    .orElseThrow(() -> new InvalidInputException(
                            FieldProblem.of("segment", "validation.unknown", query.segment())));
            SegmentPredicate members = segments.union(List.of(segment));
            where.append(" and s.customer_id in (select c.id")
                    .append(SegmentPredicate.FROM)
                    .append(" where ")
                    .append(members.where())
                    .append(')');
            params.putAll(members.params());
        }
        return where.toString();
    }

    private static String[] strings(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        return Arrays.copyOf(values, values.length, String[].class);
    }

    /** Product names for the SKUs the rules show; brands and categories are their own labels. */
    private Map<String, String> labels(BasketLevel level, List<AssociationRule> rules, List<String> keys) {
        if (level != BasketLevel.PRODUCT) return Map.of();
        String[] skus = rules.stream()
                .flatMapToInt(r -> Arrays.stream(concat(r.antecedent(), r.consequent())))
                .distinct()
                .mapToObj(keys::get)
                .toArray(String[]::new);
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.sql("select sku, name from product where sku = any(:skus)")
                .param("skus", skus)
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static List<Item> items(int[] codes, List<String> keys, Map<String, String> labels) {
        return Arrays.stream(codes)
                .mapToObj(keys::get)
                .sorted()
                .map(key -> new Item(key, labels.getOrDefault(key, key)))
                .collect(Collectors.toList());
    }
}
