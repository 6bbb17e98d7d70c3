package io.clientele.ingest;

import io.clientele.customer.PurchaseDates;
import io.clientele.platform.db.Rows;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Purchases are receipts of kind SALE of a known customer (returns and cancelled receipts are not); each customer's
 * first and last purchase is kept by the customer feature ({@link PurchaseDates}), told here about receipts just
 * stored, in the same transaction.
 */
final class Purchases {
    private Purchases() {}

    /**
     * Tells the customer feature about the purchases among the receipts {@code receipts} names: a condition on
     * {@code sale} written in code (never input), with {@code ?} for each of {@code parameters}.
     */
    static void tellCustomers(Connection connection, String receipts, Object... parameters) throws SQLException {
        PurchaseDates dates = new PurchaseDates(connection);
        try (var query = connection.prepareStatement("""
                select customer_id, min(sold_at) as first_at, max(sold_at) as last_at from sale
                where kind = 'SALE' and customer_id is not null and (%s)
                group by customer_id""".formatted(receipts))) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            query.setFetchSize(10_000);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    dates.add(
                            rows.getLong("customer_id"), Rows.instant(rows, "first_at"), Rows.instant(rows, "last_at"));
                }
            }
        }
        dates.flush();
    }
}
