package io.clientele.bench;

import io.clientele.merchandising.SalesExplorer;
import io.clientele.merchandising.SalesRollup;
import io.clientele.platform.CommandContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sales explorer's two-dimension pivot (issue 17) on receipts of a realistic shape: {@code lines} sale lines
 * in 2025, 1–3 per receipt, in 50 stores of 5 regions with 10 salespeople each, over 5,000 products of 50 brands and
 * 20 categories priced across every price band, 3% returns, half with one of 100,000 card holders — so that day ×
 * store × salesperson × product is nearly one line each, as in the demo's data. Timed in each run:
 * {@code SalesExplorer.pivot} by brand × month from the rollup ({@link SalesRollup}) over 2025's whole months and over
 * 2025-01-15–2025-12-14 (whole months by month, the days around them by day); the replaced daily rollup (V81's
 * {@code sales_day} and {@code sales_day_receipts}, built here in tables of the bench's own with the SQL it had, and
 * its three queries for the same pivot); and the plain SQL {@code GROUP BY} of the lines (revenue and units only, no
 * totals, no distinct counts). With {@code --lines-path 1} also the pivot from the lines. Before the runs: each rollup
 * built from the lines and each one's upkeep for an import chunk (the last 50,000 receipts, rolled back after).
 */
final class ExplorerBench {
    private ExplorerBench() {}

    private static final int STORES = 50;
    private static final int SALESPEOPLE = 10;
    private static final int PRODUCTS = 5_000;

    static void run(Options options) throws Exception {
        long lines = options.number("lines", 1_000_000);
        int runs = (int) options.number("runs", 3);
        boolean old = options.number("old", 1) == 1;
        boolean linesToo = options.number("lines-path", 0) == 1;
        Path work = options.path("work", "/tmp/clientele-bench/explorer");
        BenchData.deleteTree(work.resolve("db"));
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(DataSource.class));
            System.err.println("machine: " + machine);
            Path pid = work.resolve("db/pg/postmaster.pid");
            long t0 = System.nanoTime();
            long written = generate(jdbc, lines);
            long generated = (System.nanoTime() - t0) / 1_000_000;
            long keys = jdbc.sql("select count(*) from (select distinct (s.sold_at at time zone 'UTC')::date,"
                            + " s.store_id, s.salesperson_id, l.product_id from sale s join sale_line l"
                            + " on l.sale_id = s.id) k")
                    .query(Long.class)
                    .single();
            StringBuilder report = new StringBuilder();
            report.append("machine: %s%ndata: %,d sale lines generated in %,d ms (load %s); %,d day × store ×"
                            .formatted(machine, written, generated, CpuClock.load(), keys)
                    + " salesperson × product keys%n".formatted());
            System.err.print(report);
            SalesRollup rollup = context.getBean(SalesRollup.class);
            // the lines were written by SQL, not through ingest: the rollup is built from them, as at start
            Timed<String> built = Timed.of(pid, () -> {
                rollup.rebuild();
                return jdbc.sql("select string_agg(grain || ' ' || n, ', ' order by grain) from (select grain,"
                                + " count(*) n from sales_rollup group by grain) g")
                        .query(String.class)
                        .single();
            });
            report.append(line("rollup built", built, "rows by grain (D day, M month)"));
            report.append(line("rollup upkeep", upkeep(context, pid, jdbc, rollup::receiptsStored), "receipts"));
            if (old) {
                Timed<Long> oldBuilt = Timed.of(pid, () -> OldDailyRollup.build(jdbc));
                report.append(line("daily rollup (old) built", oldBuilt, "rows"));
                report.append(
                        line("daily rollup (old) upkeep", upkeep(context, pid, jdbc, OldDailyRollup::add), "receipts"));
            }
            SalesExplorer explorer = context.getBean(SalesExplorer.class);
            SalesExplorer.Question months =
                    new SalesExplorer.Question("BRAND", "MONTH", "2025-01-01", "2025-12-31", List.of(), null, null);
            SalesExplorer.Question edges =
                    new SalesExplorer.Question("BRAND", "MONTH", "2025-01-15", "2025-12-14", List.of(), null, null);
            report.append("%n| run | rollup ms | rollup CPU ms | load | rollup, edges by day ms | CPU ms |".formatted()
                    + (old ? " old daily rollup ms | CPU ms |" : "")
                    + " plain SQL ms | plain SQL CPU ms | load | rollup / plain SQL |"
                    + (old ? " old / plain SQL |" : "") + (linesToo ? " lines ms | lines CPU ms |" : "") + "\n");
            report.append("|---:|---:|---:|---:|---:|---:|" + (old ? "---:|---:|" : "") + "---:|---:|---:|---:|"
                    + (old ? "---:|" : "") + (linesToo ? "---:|---:|" : "") + "\n");
            for (int i = 1; i <= runs; i++) {
                Timed<SalesExplorer.Pivot> ours = Timed.of(pid, () -> explorer.pivot(months, false, false));
                Timed<SalesExplorer.Pivot> ourEdges = Timed.of(pid, () -> explorer.pivot(edges, false, false));
                for (var pivot : List.of(ours.result(), ourEdges.result())) {
                    if (pivot.source() != SalesExplorer.Source.ROLLUP
                            || pivot.cells().size() != 50 * 12) {
                        throw new IllegalStateException("the pivot did not read the rollup or missed cells");
                    }
                }
                Timed<Integer> before = old ? Timed.of(pid, () -> OldDailyRollup.pivot(jdbc)) : null;
                Timed<Integer> plain = Timed.of(pid, () -> plain(jdbc));
                if (plain.result() != 50 * 12 || (before != null && before.result() != 50 * 12)) {
                    throw new IllegalStateException("the baselines missed cells");
                }
                String row = "| %d | %,d | %,d | %s | %,d | %,d |"
                        .formatted(
                                i,
                                ours.millis(),
                                ours.cpuMillis(),
                                ours.load(),
                                ourEdges.millis(),
                                ourEdges.cpuMillis());
                if (before != null) row += " %,d | %,d |".formatted(before.millis(), before.cpuMillis());
                row += " %,d | %,d | %s | %.3f |"
                        .formatted(
                                plain.millis(),
                                plain.cpuMillis(),
                                plain.load(),
                                (double) ours.millis() / plain.millis());
                if (before != null) row += " %.3f |".formatted((double) before.millis() / plain.millis());
                if (linesToo) {
                    Timed<SalesExplorer.Pivot> fromLines = Timed.of(pid, () -> explorer.pivot(months, false, true));
                    row += " %,d | %,d |".formatted(fromLines.millis(), fromLines.cpuMillis());
                }
                System.err.println(row);
                report.append(row).append('\n');
            }
            System.out.println(report);
        }
    }

    /** A line of the report, also printed at once (the runs take minutes). */
    private static String line(String what, Timed<?> timed, String result) {
        String line = "%s: %,d ms (CPU %,d ms, load %s); %s %s%n"
                .formatted(what, timed.millis(), timed.cpuMillis(), timed.load(), timed.result(), result);
        System.err.print(line);
        return line;
    }

    /** What a rollup's upkeep does with a batch of stored receipts. */
    interface Upkeep {
        void add(Connection connection, long[] saleIds) throws SQLException;
    }

    /**
     * What a rollup adds to an import: its upkeep told of the last 50,000 receipts (an import chunk's worth, the
     * latest days), on one connection in a transaction rolled back afterwards, so that they are not counted twice.
     */
    private static Timed<Integer> upkeep(
            ConfigurableApplicationContext context, Path pid, JdbcClient jdbc, Upkeep upkeep) throws Exception {
        long[] ids = jdbc.sql("select id from sale order by id desc limit 50000").query(Long.class).list().stream()
                .mapToLong(Long::longValue)
                .toArray();
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            try {
                return Timed.of(pid, () -> {
                    try {
                        upkeep.add(connection, ids);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return ids.length;
                });
            } finally {
                connection.rollback();
            }
        }
    }

    private static long generate(JdbcClient jdbc, long lines) {
        BenchData.customers(jdbc, 100_000);
        jdbc.sql("insert into region (code, name) select 'BR' || g, 'Bench region ' || g from generate_series(0, 4) g")
                .update();
        jdbc.sql("""
                        insert into store (code, name, region_id, city)
                        select 'B' || lpad(g::text, 2, '0'), 'Bench store ' || g,
                               (select id from region where code = 'BR' || g % 5), 'Eastwick'
                        from generate_series(0, :stores - 1) g""").param("stores", STORES).update();
        jdbc.sql("""
                        insert into salesperson (code, name, store_id)
                        select st.code || '-' || g, 'Seller ' || st.code || '-' || g, st.id
                        from store st cross join generate_series(0, :people - 1) g order by st.id, g""").param("people", SALESPEOPLE).update();
        // 50 brands of 100 models, 20 categories; prices from 5 to 1,500 so that every band sells
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        select 'EX-' || g, 'Bench product ' || g, 'Brand ' || lpad((g / 100)::text, 2, '0'),
                               'M' || g % 100, 'Category ' || lpad(((g * 7) % 20)::text, 2, '0'),
                               5 + (g * 7919) % 1500, round((5 + (g * 7919) % 1500) * 0.6, 2)
                        from generate_series(0, :products - 1) g order by g""").param("products", PRODUCTS).update();
        long receipts = lines / 2;
        // receipts in time order over 2025 (an import's chunks are), a store and one of its salespeople by hashes
        // modulo primes (so that the store does not fix the salesperson or the products)
        jdbc.sql("""
                        with k as (select min(id) as store, (select min(id) from salesperson) as person,
                                          (select min(id) from customer) as customer from store)
                        insert into sale (id, source, receipt_id, kind, store_id, salesperson_id, customer_id, sold_at,
                                          total_amount, total_cost)
                        overriding system value
                        select i, 'BENCH', i::text, case when i % 31 = 0 then 'RETURN' else 'SALE' end,
                               k.store + h.store, k.person + h.store * :people + h.person,
                               case when i % 2 = 0 then k.customer + (i * 7919) % 100000 end,
                               timestamptz '2025-01-01 08:00:00+00'
                                   + make_interval(days => ((i - 1) * 365 / :receipts)::int,
                                                   mins => (i * 37 % 720)::int),
                               0, 0
                        from k, generate_series(1, :receipts) i
                        cross join lateral (select (i * 2654435761 % 999983) % :stores as store,
                                                   (i * 40503 % 1000003) % :people as person) h""")
                .param("receipts", receipts)
                .param("stores", STORES)
                .param("people", SALESPEOPLE)
                .update();
        // 1, 2 or 3 lines (2 on average) of a product by a multiplicative hash of receipt and line
        long written = jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select s.id, ln, p.id, q.n, p.price, 0, p.price * q.n, p.cost
                        from sale s
                        cross join lateral generate_series(1, 1 + (s.id % 3)::int) ln
                        cross join lateral (select (case when s.kind = 'RETURN' then -1 else 1 end)
                                                   * (1 + (ln + s.id) % 2)::int as n) q
                        join product p on p.id = (select min(id) from product)
                                                 + (s.id * 69069 % 1000033 + ln * 7919) % :products""").param("products", PRODUCTS).update();
        jdbc.sql("vacuum analyze").update();
        return written;
    }

    /** The plain SQL baseline: the same lines grouped by brand and month, revenue and units. */
    private static int plain(JdbcClient jdbc) {
        return jdbc.sql("""
                        select p.brand, to_char(s.sold_at at time zone 'UTC', 'YYYY-MM'), sum(l.amount), sum(l.quantity)
                        from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id
                        where s.sold_at >= timestamptz '2025-01-01 00:00:00+00'
                          and s.sold_at < timestamptz '2026-01-01 00:00:00+00'
                        group by 1, 2""").query().listOfRows().size();
    }
}
