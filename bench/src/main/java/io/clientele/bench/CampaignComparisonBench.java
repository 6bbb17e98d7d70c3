package io.clientele.bench;

import io.clientele.campaign.ResponseKind;
import io.clientele.platform.CommandContext;
import io.clientele.roi.AttributionModel;
import io.clientele.roi.ComparisonFigures;
import io.clientele.roi.Performance;
import io.clientele.roi.PeriodCosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The campaign comparison page (issue 19): {@code ComparisonFigures.compare}, what {@code /campaigns/performance}
 * reads (the precomputed figures; their refresh timed once), beside {@code Performance.compare}, everything it used to
 * compute live (funnel, direct, booked and allocated cost, attributed revenue last touch, incremental revenue with its
 * interval, channels), over {@code campaigns} campaigns of {@link RoiData} with a budget line, a booked cost each and
 * a period cost allocated by contacts — against one straightforward SQL statement for the same campaigns (funnel
 * subqueries, costs, the lateral last-touch revenue). Not over HTTP: the command context starts no web server. A
 * fresh database of its own (default /tmp/clientele-bench/campaign-comparison/db).
 */
final class CampaignComparisonBench {
    private CampaignComparisonBench() {}

    private static final String BASELINE = """
            with revenue as (%s)
            select c.id, c.name,
                   (select count(distinct m.customer_id) from campaign_member m
                    where m.campaign_id = c.id and m.member_group <> 'EXCLUDED') as targeted,
                   (select count(distinct m.customer_id) from campaign_member m
                    where m.campaign_id = c.id and m.send_status = 'SENT') as reached,
                   (select count(distinct r.customer_id) from campaign_response r
                    where r.campaign_id = c.id and r.kind in (%s)) as responded,
                   (select coalesce(sum(x.amount), 0) from campaign_cost x where x.campaign_id = c.id)
                   + (select coalesce(sum(s.unit_cost), 0) from campaign_member m join campaign_step s on s.id = m.step_id
                      where m.campaign_id = c.id and m.send_status = 'SENT') as direct_cost,
                   (select coalesce(sum(a.amount), 0) from period_cost_allocation a where a.campaign_id = c.id)
                       as allocated_cost,
                   coalesce(v.revenue, 0) as revenue
            from campaign c left join revenue v on v.campaign_id = c.id
            where c.id in (:campaigns)""".formatted(RoiData.LAST_TOUCH_BASELINE, ResponseKind.RESPONDED_SQL);

    static void run(Options options) throws Exception {
        int campaigns = (int) options.number("campaigns", 1_000);
        int customers = (int) options.number("customers", 100_000);
        long receipts = options.number("receipts", 10L * customers);
        int runs = (int) options.number("runs", 5);
        int window = 30;
        Path work = options.path("work", "/tmp/clientele-bench/campaign-comparison");
        BenchData.deleteTree(work.resolve("db"));
        Files.createDirectories(work);
        try (ConfigurableApplicationContext context = CommandContext.start(work.resolve("db"))) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            Path pid = work.resolve("db/pg/postmaster.pid");
            long t0 = System.nanoTime();
            List<Long> ids = RoiData.generate(context, campaigns, customers, 3, receipts);
            jdbc.sql("""
                            insert into campaign_budget_line (campaign_id, line_no, cost_type, amount)
                            select id, 1, 'MEDIA', 1000 from campaign where id in (:ids)""").param("ids", ids).update();
            jdbc.sql("""
                            insert into campaign_cost (campaign_id, line_no, amount, document, incurred_on,
                                                       entered_by, entered_at)
                            select id, 1, 900 + id % 200, 'INV-' || id, starts_on, 'bench', now()
                            from campaign where id in (:ids)""").param("ids", ids).update();
            long allocationStart = System.nanoTime();
            PeriodCosts.PeriodCost period = context.getBean(PeriodCosts.class)
                    .create(
                            new PeriodCosts.Input(
                                    RoiData.START,
                                    "2025-03-31",
                                    "50000.00",
                                    "Marketing department",
                                    "BY_CONTACTS",
                                    null),
                            "bench");
            long allocationMillis = (System.nanoTime() - allocationStart) / 1_000_000;
            jdbc.sql("analyze").update();
            System.err.printf(
                    "data: %,d campaigns, %,d customers, %,d receipts in %,d ms; period cost allocated to %,d"
                            + " campaigns in %,d ms (load %s)%n",
                    campaigns,
                    customers,
                    receipts,
                    (System.nanoTime() - t0) / 1_000_000,
                    period.allocations().size(),
                    allocationMillis,
                    CpuClock.load());

            Performance performance = context.getBean(Performance.class);
            ComparisonFigures comparison = context.getBean(ComparisonFigures.class);
            Timed<Integer> refresh = Timed.of(pid, comparison::refresh);
            System.err.printf(
                    "stored the figures of %,d campaigns in %,d ms (CPU %,d ms, load %s)%n",
                    refresh.result(), refresh.millis(), refresh.cpuMillis(), refresh.load());
            Performance.Filter all = new Performance.Filter(null, null, null);
            // one untimed request first, as a running server has had: the JSON readers are built and compiled
            comparison.compare(all, AttributionModel.LAST_TOUCH, window, false);
            StringBuilder rows = new StringBuilder();
            int listed = 0;
            for (int i = 1; i <= runs; i++) {
                Timed<List<Performance.Figures>> storedRun =
                        Timed.of(pid, () -> comparison.compare(all, AttributionModel.LAST_TOUCH, window, false));
                Timed<List<Performance.Figures>> liveRun =
                        Timed.of(pid, () -> performance.compare(all, AttributionModel.LAST_TOUCH, window, false));
                if (!storedRun.result().equals(liveRun.result())) {
                    throw new IllegalStateException("the stored figures differ from the live ones");
                }
                listed = storedRun.result().size();
                List<Long> shown = storedRun.result().stream()
                        .map(Performance.Figures::campaignId)
                        .toList();
                Timed<Integer> plainRun = Timed.of(
                        pid,
                        () -> jdbc.sql(BASELINE)
                                .param("campaigns", shown)
                                .param("window", window)
                                .query()
                                .listOfRows()
                                .size());
                String line = "| %d | %d | %,d | %,d | %s | %s"
                        .formatted(
                                i,
                                plainRun.result(),
                                liveRun.millis(),
                                liveRun.cpuMillis(),
                                liveRun.load(),
                                Timed.cells(storedRun, plainRun));
                System.err.println(line);
                rows.append(line).append('\n');
            }
            System.out.printf(
                    """
                    machine: %s
                    data: %,d campaigns (the page lists %,d), %,d customers, %,d receipts; last touch, %d-day window
                    refresh (all campaigns, four models): %,d ms, CPU %,d ms, load %s

                    | run | rows | live ms | live CPU ms | load | stored ms | stored CPU ms | load | baseline ms | baseline CPU ms | load | stored / baseline |
                    |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                    %s%n""",
                    machine,
                    campaigns,
                    listed,
                    customers,
                    receipts,
                    window,
                    refresh.millis(),
                    refresh.cpuMillis(),
                    refresh.load(),
                    rows);
        }
    }
}
