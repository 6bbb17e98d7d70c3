package io.clientele.insight;

import io.clientele.analytics.value.PurchaseLog;
import io.clientele.platform.db.CopyReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Reads every known customer's receipts up to the end of a day (in a time zone) into a {@link PurchaseLog}, from the
 * receipt headers (their totals are kept there), streamed with COPY. Cancelled receipts do not count; returns do,
 * negatively. Customers are numbered by ascending id: {@code customerIds[c]} is customer c's id.
 */
final class ReceiptReader {
    private ReceiptReader() {}

    /** Told how many receipts have been read, of about how many. */
    interface Progress {
        void read(long done, long total);
    }

    record Purchases(long[] customerIds, PurchaseLog log) {}

    static Purchases read(Connection connection, LocalDate asOf, ZoneId zone, Progress progress) throws SQLException {
        long[] customerIds = customerIds(connection);
        return new Purchases(customerIds, purchases(connection, customerIds, asOf, zone, progress));
    }

    private static long[] customerIds(Connection connection) throws SQLException {
        long[] ids = new long[1 << 16];
        int n = 0;
        CopyReader copy = CopyReader.open(connection, "select id from customer order by id");
        while (copy.next()) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = copy.getLong(0);
        }
        return Arrays.copyOf(ids, n);
    }

    private static PurchaseLog purchases(
            Connection connection, long[] customerIds, LocalDate asOf, ZoneId zone, Progress progress)
            throws SQLException {
        long estimate = estimatedReceipts(connection);
        Instant end = asOf.plusDays(1).atStartOfDay(zone).toInstant();
        // the end instant is formatted here from a date, not taken from input
        CopyReader copy = CopyReader.open(connection, """
                select customer_id, extract(epoch from sold_at)::bigint, kind = 'RETURN', total_amount, total_cost
                from sale
                where customer_id is not null and kind <> 'CANCELLED' and sold_at < '%s'""".formatted(end));
        PurchaseLog.Builder builder = PurchaseLog.builder(customerIds.length);
        ZoneRules rules = zone.getRules();
        int fixedOffset = rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH).getTotalSeconds() : 0;
        long read = 0;
        while (copy.next()) {
            int customer = Arrays.binarySearch(customerIds, copy.getLong(0));
            if (customer < 0) {
                continue;
            }
            long seconds = copy.getLong(1);
            int offset = rules.isFixedOffset()
                    ? fixedOffset
                    : rules.getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
            int day = (int) Math.floorDiv(seconds + offset, 86_400);
            builder.add(customer, day, copy.getScaled(3, 2), copy.getScaled(4, 2), copy.getFlag(2));
            if (++read % 100_000 == 0) {
                progress.read(read, Math.max(read, estimate));
            }
        }
        progress.read(read, read);
        return builder.build();
    }

    private static long estimatedReceipts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("select reltuples::bigint from pg_class where relname = 'sale'")) {
            return rows.next() ? Math.max(1, rows.getLong(1)) : 1;
        }
    }
}
