package io.clientele.merchandising;

import io.clientele.ingest.ReceiptsParticipant;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sales explorer's daily rollup ({@code sales_day}, {@code sales_day_receipts}): each batch of receipts ingest
 * stores is added to it in the storing transaction, so it commits or rolls back with them; a retried import stores no
 * receipt twice and so adds none twice. At start, and by {@link #rebuild()}, it is built again from all the lines when
 * it was built in another zone (or never): its days are the app's. Receipts written to {@code sale} other than through
 * ingest (test fixtures, a bench's generator) are in it only after a {@link #rebuild()}.
 */
@Component
public class SalesRollup implements ReceiptsParticipant {
    /** The day of a receipt in the zone (the first parameter). */
    private static final String DAY = "(s.sold_at at time zone ?)::date";

    /** Lines summed by day, store, salesperson, product and price band; {@code %s} is where the receipts come from. */
    private static final String LINES = "insert into sales_day as d (day, store_id, salesperson_id, product_id,"
            + " price_band, revenue, gross_profit, units)"
            + " select " + DAY + ", s.store_id, s.salesperson_id, l.product_id, "
            + SalesExplorer.Dimension.PRICE_BAND.sql
            + ", sum(l.amount), sum(l.amount - l.quantity * l.unit_cost), sum(l.quantity)"
            + " from %s join sale_line l on l.sale_id = s.id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5"
            + " on conflict on constraint sales_day_key do update set revenue = d.revenue + excluded.revenue,"
            + " gross_profit = d.gross_profit + excluded.gross_profit, units = d.units + excluded.units";

    /** Receipts counted once per facet value their lines hold (facet '' once per receipt). */
    private static final String RECEIPTS = "insert into sales_day_receipts as d (day, store_id, salesperson_id, facet,"
            + " value, sale_receipts, return_receipts)"
            + " select day, store_id, salesperson_id, facet, value, count(*) filter (where kind = 'SALE'),"
            + " count(*) filter (where kind = 'RETURN')"
            + " from (select distinct " + DAY + " as day, s.store_id, s.salesperson_id, s.id, s.kind, f.facet, f.value"
            + " from %s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id"
            + " cross join lateral (values ('', ''), ('BRAND', " + SalesExplorer.Dimension.BRAND.sql + "), ('MODEL', "
            + SalesExplorer.Dimension.MODEL.sql + "), ('CATEGORY', " + SalesExplorer.Dimension.CATEGORY.sql
            + "), ('PRICE_BAND', " + SalesExplorer.Dimension.PRICE_BAND.sql + ")) f(facet, value)) x"
            + " group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5"
            + " on conflict on constraint sales_day_receipts_key do update set"
            + " sale_receipts = d.sale_receipts + excluded.sale_receipts,"
            + " return_receipts = d.return_receipts + excluded.return_receipts";

    private static final String BATCH = "unnest(?::bigint[]) b(id) join sale s on s.id = b.id";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    SalesRollup(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void receiptsStored(Connection connection, long[] saleIds) throws SQLException {
        if (saleIds.length == 0) return;
        Long[] ids = Arrays.stream(saleIds).boxed().toArray(Long[]::new);
        for (String sql : new String[] {LINES, RECEIPTS}) {
            try (var insert = connection.prepareStatement(sql.formatted(BATCH))) {
                insert.setString(1, zone());
                insert.setArray(2, connection.createArrayOf("bigint", ids));
                insert.executeUpdate();
            }
        }
    }

    /** Built again at start when its days are not the app's zone's (or it was never built). */
    @EventListener(ApplicationReadyEvent.class)
    void buildIfStale() {
        if (!current()) rebuild();
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
            jdbc.sql("lock table sales_day, sales_day_receipts in exclusive mode")
                    .update();
            jdbc.sql("truncate sales_day, sales_day_receipts").update();
            jdbc.sql(LINES.formatted("sale s")).param(zone()).update();
            jdbc.sql(RECEIPTS.formatted("sale s")).param(zone()).update();
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
