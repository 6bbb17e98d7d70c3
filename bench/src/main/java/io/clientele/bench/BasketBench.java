package io.clientele.bench;

import io.clientele.analytics.basket.Baskets;
import io.clientele.analytics.basket.FpGrowth;
import io.clientele.merchandising.BasketQuery;
import io.clientele.merchandising.MarketBaskets;
import io.clientele.platform.CommandContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mining rules at category level (issue 27): {@code MarketBaskets.mine} — PostgreSQL folds the receipts into distinct
 * baskets, FP-Growth mines them — against the plain SQL way (a self-join of sale lines grouped by category pair: pairs
 * only) and a naive Apriori (level-wise candidates, each level a scan of every receipt) over the same receipts read
 * into memory. {@code receipts} receipts of 1–3 lines over 18 categories of 3 products, skewed popularity and one
 * planted anchor → accessory pair, generated set-based in a fresh database; Apriori runs on the first {@code naive}
 * receipts only (it is the slow one). Same thresholds for all: support 0.01, length 3 (pairs for SQL).
 */
final class BasketBench {
    private static final double SUPPORT = 0.01;
    private static final int LENGTH = 3;
    private static final int CATEGORIES = 18;

    private BasketBench() {}

    static void run(Options options) throws Exception {
        long receipts = options.number("receipts", 1_000_000);
        long naive = Math.min(receipts, options.number("naive", 200_000));
        int runs = (int) options.number("runs", 2);
        Path work = options.path("work", "/tmp/clientele-bench/basket");
        BenchData.deleteTree(work.resolve("db"));
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            Path pid = work.resolve("db/pg/postmaster.pid");
            long t0 = System.nanoTime();
            long lines = generate(jdbc, receipts);
            System.err.printf(
                    "data: %,d receipts, %,d lines in %,d ms (load %s)%n",
                    receipts, lines, (System.nanoTime() - t0) / 1_000_000, CpuClock.load());
            MarketBaskets baskets = context.getBean(MarketBaskets.class);
            BasketQuery query = BasketQuery.parse(
                    "CATEGORY",
                    "2025-01-01",
                    "2025-12-31",
                    List.of(),
                    null,
                    String.valueOf(SUPPORT),
                    "0.1",
                    String.valueOf(LENGTH),
                    "1000",
                    LocalDate.of(2025, 12, 31));
            StringBuilder rows = new StringBuilder();
            MarketBaskets.RuleSet mined = null;
            Map<String, Long> pairs = Map.of();
            for (int i = 1; i <= runs; i++) {
                Timed<MarketBaskets.RuleSet> ours = Timed.of(pid, () -> baskets.mine(query));
                Timed<Map<String, Long>> plain = Timed.of(pid, () -> pairCounts(jdbc, receipts));
                mined = ours.result();
                pairs = plain.result();
                String line = "| %d | %s".formatted(i, Timed.cells(ours, plain));
                System.err.println(line);
                rows.append(line).append('\n');
            }
            List<int[]> transactions = read(jdbc, naive);
            Timed<Integer> apriori = Timed.of(pid, () -> apriori(transactions, SUPPORT, LENGTH));
            Timed<Integer> fpGrowth = Timed.of(pid, () -> {
                Baskets.Builder builder = Baskets.builder(CATEGORIES);
                for (int[] t : transactions) builder.add(t);
                return FpGrowth.mine(builder.build(), SUPPORT, LENGTH).size();
            });
            System.out.printf(
                    """
                    machine: %s
                    data: %,d receipts, %,d lines, %d categories; support %.2f, length %d (plain SQL: pairs only)

                    | run | ours ms | ours CPU ms | load | plain SQL ms | plain SQL CPU ms | load | ours / plain SQL |
                    |---:|---:|---:|---:|---:|---:|---:|---:|
                    %s
                    ours: %,d distinct baskets, %,d frequent item sets, %,d rules, %,d category pairs counted by SQL
                    the first %,d receipts read into memory: naive Apriori %,d ms, %,d frequent item sets;
                    FP-Growth (analytics.basket, folding identical baskets first) %,d ms, %,d frequent item sets (load %s)
                    %n""",
                    machine,
                    receipts,
                    lines,
                    CATEGORIES,
                    SUPPORT,
                    LENGTH,
                    rows,
                    mined.distinctBaskets(),
                    mined.frequentItemsets(),
                    mined.totalRules(),
                    pairs.size(),
                    transactions.size(),
                    apriori.millis(),
                    apriori.result(),
                    fpGrowth.millis(),
                    fpGrowth.result(),
                    apriori.load());
        }
    }

    private static long generate(JdbcClient jdbc, long receipts) {
        BenchData.store(jdbc);
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        select 'BK-' || c || '-' || p, 'Bench product ' || c || '-' || p, 'Brand ' || (c % 8),
                               'M' || p, 'Category ' || lpad(c::text, 2, '0'), 10 + c * 10 + p, 5 + c * 5
                        from generate_series(0, :categories - 1) c, generate_series(0, 2) p""").param("categories", CATEGORIES).update();
        jdbc.sql("""
                        insert into sale (id, source, receipt_id, kind, store_id, sold_at, total_amount, total_cost)
                        overriding system value
                        select i, 'BENCH', i::text, 'SALE', (select id from store where code = 'BENCH'),
                               timestamptz '2025-01-01 10:00:00+00' + make_interval(days => (i % 365)::int),
                               0, 0
                        from generate_series(1, :receipts) i""").param("receipts", receipts).update();
        // 1-3 lines; a category drawn with skewed popularity (floor(18·u²)); category 0 pulls 1 into line 2
        long lines = jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select s.i, ln, p.id, 1, p.price, 0, p.price, p.cost
                        from generate_series(1, :receipts) s(i)
                        cross join lateral generate_series(1, 1 + (case when s.i % 10 < 5 then 0
                                                                     when s.i % 10 < 8 then 1 else 2 end)) ln
                        cross join lateral (select ((s.i * 2654435761 + ln * 40503) % 1000003) / 1000003.0 as u,
                                                   (s.i * 7919 + ln) % 3 as k) r
                        cross join lateral (select case
                                    when ln = 2 and floor(:categories * ((s.i * 2654435761 + 40503) % 1000003
                                                                           / 1000003.0) ^ 2) = 0
                                         and s.i % 5 < 3 then 1
                                    else floor(:categories * r.u ^ 2)::int end as c) cat
                        join product p on p.sku = 'BK-' || cat.c || '-' || r.k""")
                .param("receipts", receipts)
                .param("categories", CATEGORIES)
                .update();
        jdbc.sql("vacuum analyze").update();
        return lines;
    }

    /** The plain SQL way: every pair of categories on a receipt, counted by a self-join and a GROUP BY. */
    private static Map<String, Long> pairCounts(JdbcClient jdbc, long receipts) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        select a.category, b.category, count(distinct a.sale_id)
                        from (select l.sale_id, p.category from sale_line l join product p on p.id = l.product_id) a
                        join (select l.sale_id, p.category from sale_line l join product p on p.id = l.product_id) b
                          on b.sale_id = a.sale_id and b.category > a.category
                        group by a.category, b.category
                        having count(distinct a.sale_id) >= :min""").param("min", (long) Math.ceil(SUPPORT * receipts)).query(rs -> {
            counts.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
        });
        return counts;
    }

    /** The first n receipts' category codes, one array per receipt (not folded: Apriori scans every receipt). */
    private static List<int[]> read(JdbcClient jdbc, long n) {
        List<int[]> transactions = new ArrayList<>();
        jdbc.sql("""
                        select array_agg(distinct substring(p.category from 10)::int)
                        from sale_line l join product p on p.id = l.product_id
                        where l.sale_id <= :n group by l.sale_id""").param("n", n).query(rs -> {
            Integer[] items = (Integer[]) rs.getArray(1).getArray();
            transactions.add(Arrays.stream(items).mapToInt(Integer::intValue).toArray());
        });
        return transactions;
    }

    /**
     * Naive Apriori (Agrawal and Srikant, 1994): level k's candidates are unions of two frequent (k−1)-sets sharing
     * k−2 items whose every (k−1)-subset is frequent; each level counts its candidates by testing every transaction.
     * Answers the number of frequent item sets.
     */
    static int apriori(List<int[]> transactions, double minSupport, int maxLength) {
        long min = (long) Math.ceil(minSupport * transactions.size());
        Map<Integer, Long> singles = new HashMap<>();
        for (int[] t : transactions) for (int item : t) singles.merge(item, 1L, Long::sum);
        List<int[]> level = new ArrayList<>();
        for (Map.Entry<Integer, Long> single : singles.entrySet()) {
            if (single.getValue() >= min) level.add(new int[] {single.getKey()});
        }
        level.sort(Arrays::compare);
        int found = level.size();
        for (int k = 2; k <= maxLength && !level.isEmpty(); k++) {
            java.util.Set<List<Integer>> previous = new java.util.HashSet<>();
            for (int[] set : level) previous.add(Arrays.stream(set).boxed().toList());
            List<int[]> candidates = new ArrayList<>();
            for (int a = 0; a < level.size(); a++) {
                for (int b = a + 1; b < level.size(); b++) {
                    int[] x = level.get(a);
                    int[] y = level.get(b);
                    if (!Arrays.equals(x, 0, k - 2, y, 0, k - 2)) continue;
                    int[] union = Arrays.copyOf(x, k);
                    union[k - 1] = y[k - 2];
                    Arrays.sort(union);
                    if (allSubsetsFrequent(union, previous)) candidates.add(union);
                }
            }
            long[] counts = new long[candidates.size()];
            for (int[] t : transactions) {
                for (int c = 0; c < candidates.size(); c++) {
                    if (contains(t, candidates.get(c))) counts[c]++;
                }
            }
            List<int[]> next = new ArrayList<>();
            for (int c = 0; c < candidates.size(); c++) if (counts[c] >= min) next.add(candidates.get(c));
            found += next.size();
            level = next;
        }
        return found;
    }

    private static boolean allSubsetsFrequent(int[] set, java.util.Set<List<Integer>> previous) {
        for (int skip = 0; skip < set.length; skip++) {
            List<Integer> subset = new ArrayList<>();
            for (int i = 0; i < set.length; i++) if (i != skip) subset.add(set[i]);
            if (!previous.contains(subset)) return false;
        }
        return true;
    }

    private static boolean contains(int[] transaction, int[] items) {
        for (int item : items) {
            boolean seen = false;
            for (int t : transaction) seen |= t == item;
            if (!seen) return false;
        }
        return true;
    }
}
