package io.clientele.ingest;

import io.clientele.customer.PurchaseDates;
import io.clientele.platform.db.Rows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Purchases are receipts of kind SALE of a known customer (returns and cancelled receipts are not); each customer's
 * first and last purchase is kept by the customer feature ({@link PurchaseDates}), told here about receipts just
 * stored, in the same transaction.
 */
final class Purchases {
    private Purchases() {}

    /**
     * Per customer, the first and last purchase among the receipts of {@code %s}: a relation with the columns
     * {@code customer_id, kind, sold_at} of {@code sale} (the receipts a statement stored), written in code.
     */
    static final String SPANS = """
            select customer_id, min(sold_at) as first_at, max(sold_at) as last_at from %s
            where kind = 'SALE' and customer_id is not null
            group by customer_id""";

    /** Runs {@code spans}, a statement ending in {@link #SPANS}, and tells the customer feature what it answers. */
    static void tellCustomers(Connection connection, PreparedStatement spans) throws SQLException {
        PurchaseDates dates = new PurchaseDates(connection);
        spans.setFetchSize(10_000);
        try (var rows = spans.executeQuery()) {
            while (rows.next()) {
                dates.add(rows.getLong("customer_id"), Rows.instant(rows, "first_at"), Rows.instant(rows, "last_at"));
            }
        }
        dates.flush();
    }
}
