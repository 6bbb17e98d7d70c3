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
 * The sales explorer's two-dimension pivot (issue 17): {@code SalesExplorer.pivot} by brand × month over a year from
 * the daily rollup ({@link SalesRollup}: every measure but distinct customers, the row, column and grand totals by
 * grouping sets) against the plain SQL {@code GROUP BY} of the lines (revenue and units only, no totals, no distinct
 * counts); with {@code --lines-path 1} also the pivot from the lines with distinct customers. Before the runs: the
 * rollup built from the lines, and the participant's upkeep for an import chunk of 50,000 receipts. {@code lines}
 * sale lines, 1–3 per receipt, over 200 products of 20 brands in one store, a receipt in two with a card holder,
 * generated set-based in a fresh database.
 */
final class ExplorerBench {
    private ExplorerBench() {}

    static void run(Options options) throws Exception {
        long lines = options.number("lines", 1_000_000);
        int runs = (int) options.number("runs", 3);
        Path work = options.path("work", "/tmp/clientele-bench/explorer");
        BenchData.deleteTree(work.resolve("db"));
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            Path pid = work.resolve("db/pg/postmaster.pid");
            long t0 = System.nanoTime();
            long written = generate(jdbc, lines);
            System.err.printf(
                    "data: %,d lines in %,d ms (load %s)%n",
                    written, (System.nanoTime() - t0) / 1_000_000, CpuClock.load());
            SalesRollup rollup = context.getBean(SalesRollup.class);
            // the lines were written by SQL, not through ingest: the rollup is built from them, as at start
            Timed<Long> built = Timed.of(pid, () -> {
                rollup.rebuild();
                return jdbc.sql("select (select count(*) from sales_day) + (select count(*) from sales_day_receipts)")
                        .query(Long.class)
                        .single();
            });
            System.err.printf(
                    "rollup built: %,d rows in %,d ms (CPU %,d ms, load %s)%n",
                    built.result(), built.millis(), built.cpuMillis(), built.load());
            Timed<Integer> upkeep = upkeep(context, pid, jdbc);
            System.err.printf(
                    "upkeep: %,d receipts added in %,d ms (CPU %,d ms, load %s)%n",
                    upkeep.result(), upkeep.millis(), upkeep.cpuMillis(), upkeep.load());
            SalesExplorer explorer = context.getBean(SalesExplorer.class);
            SalesExplorer.Question question =
                    new SalesExplorer.Question("BRAND", "MONTH", "2025-01-01", "2025-12-31", List.of(), null, null);
            boolean linesToo = options.number("lines-path", 0) == 1;
            StringBuilder rows = new StringBuilder();
            int cells = 0;
            int plainCells = 0;
            for (int i = 1; i <= runs; i++) {
                Timed<SalesExplorer.Pivot> ours = Timed.of(pid, () -> explorer.pivot(question, false, false));
                if (ours.result().source() != SalesExplorer.Source.ROLLUP) {
                    throw new IllegalStateException("the pivot did not read the rollup");
                }
                Timed<Integer> plain = Timed.of(pid, () -> plain(jdbc));
                cells = ours.result().cells().size();
                plainCells = plain.result();
                String line = "| %d | %s".formatted(i, Timed.cells(ours, plain));
                if (linesToo) {
                    Timed<SalesExplorer.Pivot> fromLines = Timed.of(pid, () -> explorer.pivot(question, false, true));
                    line += " %,d | %,d |".formatted(fromLines.millis(), fromLines.cpuMillis());
                }
                System.err.println(line);
                rows.append(line).append('\n');
            }
            System.out.printf(
                    """
                    machine: %s
                    data: %,d sale lines; pivot brand × month over 2025: %d cells (plain SQL: %d)
                    rollup built from the lines: %,d rows in %,d ms (CPU %,d ms, load %s)
                    upkeep: the receipts participant adding %,d receipts: %,d ms (CPU %,d ms, load %s)

                    | run | rollup ms | rollup CPU ms | load | plain SQL ms | plain SQL CPU ms | load | rollup / plain SQL |%s
                    |---:|---:|---:|---:|---:|---:|---:|---:|%s
                    %s%n""",
                    machine,
                    written,
                    cells,
                    plainCells,
                    built.result(),
                    built.millis(),
                    built.cpuMillis(),
                    built.load(),
                    upkeep.result(),
                    upkeep.millis(),
                    upkeep.cpuMillis(),
                    upkeep.load(),
                    linesToo ? " lines ms | lines CPU ms |" : "",
                    linesToo ? "---:|---:|" : "",
                    rows);
        }
    }

    /**
     * What the rollup adds to an import: the participant told of the last 50,000 receipts (an import chunk's worth),
     * on one connection in a transaction rolled back afterwards, so that they are not counted twice.
     */
    private static Timed<Integer> upkeep(ConfigurableApplicationContext context, Path pid, JdbcClient jdbc)
            throws Exception {
        long[] ids = jdbc.sql("select id from sale order by id desc limit 50000").query(Long.class).list().stream()
                .mapToLong(Long::longValue)
                .toArray();
        SalesRollup rollup = context.getBean(SalesRollup.class);
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            try {
                return Timed.of(pid, () -> {
                    try {
                        rollup.receiptsStored(connection, ids);
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
        BenchData.store(jdbc);
        BenchData.customers(jdbc, 100_000);
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        select 'EX-' || b || '-' || m, 'Bench product ' || b || '-' || m, 'Brand ' || lpad(b::text, 2, '0'),
                               'M' || m, 'Category ' || (b % 5), 10 + b * 7 + m, 5 + b * 3
                        from generate_series(0, 19) b, generate_series(0, 9) m""").update();
        long receipts = lines / 2;
        jdbc.sql("""
                        insert into sale (id, source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        overriding system value
                        select i, 'BENCH', i::text, 'SALE', (select id from store where code = 'BENCH'),
                               case when i % 2 = 0 then (select min(id) from customer) + (i * 7919) % 100000 end,
                               timestamptz '2025-01-01 10:00:00+00' + make_interval(days => (i % 365)::int), 0, 0
                        from generate_series(1, :receipts) i""").param("receipts", receipts).update();
        // 1, 2 or 3 lines (2 on average), a product by a multiplicative hash of receipt and line
        long written = jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select s.i, ln, p.id, 1 + ln % 2, p.price, 0, p.price * (1 + ln % 2), p.cost
                        from generate_series(1, :receipts) s(i)
                        cross join lateral generate_series(1, 1 + (s.i % 3)::int) ln
                        join product p on p.sku = 'EX-' || ((s.i * 2654435761 + ln * 40503) % 20) || '-'
                                                   || ((s.i * 7919 + ln) % 10)""").param("receipts", receipts).update();
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
