package io.clientele.merchandising;

import io.clientele.ingest.ReceiptsParticipant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sales explorer's rollup ({@code sales_rollup}, V88): the lines summed and their receipts counted by day and by
 * month, store and facet value (whole receipts per salesperson; brand, category and price band over all salespeople). Each batch of receipts ingest stores is added to it in the storing transaction, so it commits or rolls
 * back with them; a retried import stores no receipt twice and so adds none twice. At start, when it was built in
 * another zone (or never), it is built again from all the lines in the background (the explorer reads the lines
 * meanwhile); {@link #rebuild()} does the same at once for receipts written to {@code sale} other than through ingest
 * (test fixtures, a bench's generator).
 */
@Component
public class SalesRollup implements ReceiptsParticipant {
    private static final Logger log = LoggerFactory.getLogger(SalesRollup.class);

    /**
     * Adds the receipts of {@code %s} (a from-item of their sales {@code s} and lines {@code l}; the zone is the first
     * parameter): each receipt's lines summed once per facet value they hold (so that a receipt is counted once under
     * each), then by day, store and value (the salesperson for whole receipts only), then those days by month.
     */
    private static final String ADD = "with r as (select (s.sold_at at time zone ?)::date as day, s.store_id,"
            + " case when f.facet = '' then s.salesperson_id end as salesperson_id, s.kind, f.facet, f.value,"
            + " sum(l.amount) as revenue, sum(l.amount - l.quantity * l.unit_cost) as gross_profit,"
            + " sum(l.quantity) as units from %s join product p on p.id = l.product_id"
            + " cross join lateral (values ('', ''), ('BRAND', " + SalesExplorer.Dimension.BRAND.sql
            + "), ('CATEGORY', "
            + SalesExplorer.Dimension.CATEGORY.sql + "), ('PRICE_BAND', " + SalesExplorer.Dimension.PRICE_BAND.sql
            + ")) f(facet, value) group by s.id, f.facet, f.value),"
            + " d as (select day, store_id, salesperson_id, facet, value, sum(revenue) as revenue,"
            + " sum(gross_profit) as gross_profit, sum(units) as units,"
            + " count(*) filter (where kind = 'SALE') as sale_receipts,"
            + " count(*) filter (where kind = 'RETURN') as return_receipts from r group by 1, 2, 3, 4, 5)"
            + " insert into sales_rollup as t (grain, day, store_id, salesperson_id, facet, value, revenue,"
            + " gross_profit, units, sale_receipts, return_receipts)"
            + " select 'D', day, store_id, salesperson_id, facet, value, revenue, gross_profit, units, sale_receipts,"
            + " return_receipts from d"
            + " union all select 'M', date_trunc('month', day)::date, store_id, salesperson_id, facet, value,"
            + " sum(revenue), sum(gross_profit), sum(units), sum(sale_receipts), sum(return_receipts) from d"
            + " group by 2, 3, 4, 5, 6"
            + " on conflict on constraint sales_rollup_key do update set revenue = t.revenue + excluded.revenue,"
            + " gross_profit = t.gross_profit + excluded.gross_profit, units = t.units + excluded.units,"
            + " sale_receipts = t.sale_receipts + excluded.sale_receipts,"
            + " return_receipts = t.return_receipts + excluded.return_receipts";

    /**
     * A batch's receipts and lines; the lines are also kept to the batch's first and last ids (a batch is stored at
     * once, so its ids are close) so that they are read by their key's range, not by a scan of all the lines.
     */
    private static final String BATCH = "unnest(?::bigint[]) b(id) join sale s on s.id = b.id"
            + " join sale_line l on l.sale_id = s.id and l.sale_id >= ? and l.sale_id <= ?";

    /** The receipts of a rebuild's step and their lines, by a range of ids (after, upto]. */
    private static final String RANGE = "sale s join sale_line l on l.sale_id = s.id and s.id > ? and s.id <= ?"
            + " and l.sale_id > ? and l.sale_id <= ?";

    /** The receipts a rebuild adds at a time: its sort and hash stay small, whatever the lines. */
    private static final long REBUILD_RECEIPTS = 200_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    /** The build started at start, if any; done when none was needed. */
    private volatile CompletableFuture<Void> startBuild = CompletableFuture.completedFuture(null);

    SalesRollup(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void receiptsStored(Connection connection, long[] saleIds) throws SQLException {
        if (saleIds.length == 0) return;
        try (var insert = connection.prepareStatement(ADD.formatted(BATCH))) {
            insert.setString(1, zone());
            insert.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint", Arrays.stream(saleIds).boxed().toArray()));
            insert.setLong(3, Arrays.stream(saleIds).min().orElseThrow());
            insert.setLong(4, Arrays.stream(saleIds).max().orElseThrow());
            insert.executeUpdate();
        }
    }

    /**
     * Built again at start when its days are not the app's zone's (or it was never built), in the background: it
     * takes minutes for tens of millions of lines, and until it commits {@link #current()} is false.
     */
    @EventListener(ApplicationReadyEvent.class)
    void buildIfStale() {
        if (current()) return;
        startBuild = CompletableFuture.runAsync(
                        this::rebuild,
                        command -> Thread.ofVirtual().name("sales-rollup-build").start(command))
                .exceptionally(e -> {
                    log.error("The sales rollup could not be built; the explorer reads the lines", e);
                    return null;
                });
    }

    /** The build started at start, for whoever must not read before it is done. */
    CompletableFuture<Void> startBuild() {
        return startBuild;
    }

    /** Whether the rollup holds every receipt stored through ingest, by day in the app's zone. */
    boolean current() {
        @Nullable
        String built = jdbc.sql("select zone from sales_rollup_state")
                .query(String.class)
                .optional()
                .orElse(null);
        return zone().equals(built);
    }

    /** Everything again from the lines; imports storing receipts meanwhile wait for it and then add theirs. */
    public void rebuild() {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("lock table sales_rollup in exclusive mode").update();
            jdbc.sql("truncate sales_rollup").update();
            // each step's two aggregations in memory rather than spilled to disk
            jdbc.sql("set local work_mem = '256MB'").update();
            long[] ids = jdbc.sql("select coalesce(min(id), 1) - 1, coalesce(max(id), 0) from sale")
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
            for (long from = ids[0]; from < ids[1]; from += REBUILD_RECEIPTS) {
                jdbc.sql(ADD.formatted(RANGE))
                        .param(zone())
                        .param(from)
                        .param(from + REBUILD_RECEIPTS)
                        .param(from)
                        .param(from + REBUILD_RECEIPTS)
                        .update();
            }
            // its statistics said empty (the truncate): the pivots' plans need its rows
            jdbc.sql("analyze sales_rollup").update();
            jdbc.sql("update sales_rollup_state set zone = ?, built_at = ?")
                    .param(zone())
                    .param(Timestamp.from(clock.instant()))
                    .update();
        });
    }

    private String zone() {
        return Objects.requireNonNull(clock.getZone().getId());
    }
}
