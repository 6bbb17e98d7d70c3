package io.clientele.bench;

import io.clientele.platform.CommandContext;
import io.clientele.roi.Attribution;
import io.clientele.roi.AttributionModel;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attributed revenue (issue 19): last touch, 30-day window, over every campaign of {@link RoiData} (all customers
 * contacted, three touches each) — {@code Attribution.attributed}, the one window-function query behind the ROI
 * pages — against the straightforward lateral last-touch query, both run {@code runs} times alternately, their
 * per-campaign sums compared. A fresh database of its own (default /tmp/clientele-bench/attribution/db), or with
 * {@code --reuse 1} the one a previous run left.
 */
final class AttributionBench {
    private AttributionBench() {}

    static void run(Options options) throws Exception {
        int generated = (int) options.number("customers", 100_000);
        long receiptsAsked = options.number("receipts", 20L * generated);
        int campaignsAsked = (int) options.number("campaigns", 10);
        int runs = (int) options.number("runs", 2);
        int window = 30;
        Path work = options.path("work", "/tmp/clientele-bench/attribution");
        // --reuse 1: time again on the data a previous run left (a 1,000,000-customer set takes ten minutes to make)
        boolean reuse = options.number("reuse", 0) == 1 && Files.isDirectory(work.resolve("db"));
        if (!reuse) {
            BenchData.deleteTree(work.resolve("db"));
        }
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            Path pid = work.resolve("db/pg/postmaster.pid");
            long t0 = System.nanoTime();
            List<Long> ids = reuse
                    ? jdbc.sql("select id from campaign order by id")
                            .query(Long.class)
                            .list()
                    : RoiData.generate(context, campaignsAsked, generated, 3, receiptsAsked);
            int campaigns = ids.size();
            long customers =
                    jdbc.sql("select count(*) from customer").query(Long.class).single();
            long receipts =
                    jdbc.sql("select count(*) from sale").query(Long.class).single();
            long members = jdbc.sql("select count(*) from campaign_member")
                    .query(Long.class)
                    .single();
            System.err.printf(
                    "data: %,d customers, %,d campaigns, %,d members, %,d receipts in %,d ms (load %s)%n",
                    customers, campaigns, members, receipts, (System.nanoTime() - t0) / 1_000_000, CpuClock.load());

            Attribution attribution = context.getBean(Attribution.class);
            Map<Long, BigDecimal> ours = Map.of();
            Map<Long, BigDecimal> plain = Map.of();
            StringBuilder rows = new StringBuilder();
            for (int i = 1; i <= runs; i++) {
                Timed<Map<Long, BigDecimal>> oursRun =
                        Timed.of(pid, () -> totals(attribution.attributed(ids, AttributionModel.LAST_TOUCH, window)));
                // said at once: at large sizes the baseline may outlast the run's time box
                System.err.printf(
                        "run %d, ours: %,d ms, CPU %,d ms, load %s%n",
                        i, oursRun.millis(), oursRun.cpuMillis(), oursRun.load());
                Timed<Map<Long, BigDecimal>> plainRun = Timed.of(pid, () -> baseline(jdbc, window));
                ours = oursRun.result();
                plain = plainRun.result();
                String line = "| %d | %s".formatted(i, Timed.cells(oursRun, plainRun));
                System.err.println(line);
                rows.append(line).append('\n');
            }
            BigDecimal total = ours.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal plainTotal = plain.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            long disagreements = disagreements(ours, plain);
            System.out.printf(
                    """
                    machine: %s
                    data: %,d customers contacted, %,d campaigns, %,d member rows, %,d receipts; last touch, %d-day window

                    | run | ours ms | ours CPU ms | load | baseline ms | baseline CPU ms | load | ours / baseline |
                    |---:|---:|---:|---:|---:|---:|---:|---:|
                    %s
                    attributed %s (ours) and %s (baseline), %d campaigns disagreeing by more than a cent
                    %n""",
                    machine,
                    customers,
                    campaigns,
                    members,
                    receipts,
                    window,
                    rows,
                    total.toPlainString(),
                    plainTotal.toPlainString(),
                    disagreements);
        }
    }

    /** Campaigns whose sums differ by more than a cent (the service rounds each step, here one per campaign). */
    private static long disagreements(Map<Long, BigDecimal> ours, Map<Long, BigDecimal> theirs) {
        BigDecimal cent = new BigDecimal("0.01");
        return ours.keySet().stream()
                        .filter(id -> ours.get(id)
                                        .subtract(theirs.getOrDefault(id, BigDecimal.ZERO))
                                        .abs()
                                        .compareTo(cent)
                                > 0)
                        .count()
                + theirs.keySet().stream().filter(id -> !ours.containsKey(id)).count();
    }

    private static Map<Long, BigDecimal> totals(Map<Long, Map<Long, Attribution.Revenue>> byCampaign) {
        Map<Long, BigDecimal> totals = new HashMap<>();
        byCampaign.forEach(
                (id, steps) -> totals.put(id, steps.get(Attribution.CAMPAIGN).total()));
        return totals;
    }

    private static Map<Long, BigDecimal> baseline(JdbcClient jdbc, int window) {
        Map<Long, BigDecimal> totals = new HashMap<>();
        jdbc.sql(RoiData.LAST_TOUCH_BASELINE).param("window", window).query(rs -> {
            totals.put(rs.getLong(1), rs.getBigDecimal(2));
        });
        return totals;
    }
}
