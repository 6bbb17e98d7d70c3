package io.clientele.customer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Customers' first and last purchase ({@code customer.first_purchase_at} and {@code last_purchase_at}), kept on the
 * customer row so that lists, counts and segments need not read receipts. Whoever stores purchases tells this, per
 * customer, when the first and the last of them were; the stored dates widen to take them in and never narrow. The
 * one statement that sets these dates, run on the caller's connection in its transaction, for a batch of customers
 * at a time.
 *
 * <p>{@code add} may send a batch while the caller still reads its purchases from an open result set of the same
 * connection (PostgreSQL keeps both in the transaction); {@code flush} sends the rest.
 */
public final class PurchaseDates {
    private static final int BATCH = 10_000;
    private static final String WIDEN = """
            update customer c set first_purchase_at = least(c.first_purchase_at, x.first_at),
                                  last_purchase_at = greatest(c.last_purchase_at, x.last_at)
            from unnest(?::bigint[], ?::text[]::timestamptz[], ?::text[]::timestamptz[]) as x(id, first_at, last_at)
            where c.id = x.id""";

    private final Connection connection;
    private final Long[] customerIds = new Long[BATCH];
    private final String[] firsts = new String[BATCH];
    private final String[] lasts = new String[BATCH];
    private int size;

    public PurchaseDates(Connection connection) {
        this.connection = connection;
    }

    /** A customer bought between {@code first} and {@code last} (equal for one purchase). */
    public void add(long customerId, Instant first, Instant last) throws SQLException {
        customerIds[size] = customerId;
        firsts[size] = first.toString();
        lasts[size] = last.toString();
        if (++size == BATCH) {
            flush();
        }
    }

    /** Sends what {@link #add} has not sent yet. */
    public void flush() throws SQLException {
        if (size == 0) {
            return;
        }
        try (var widen = connection.prepareStatement(WIDEN)) {
            widen.setArray(1, connection.createArrayOf("bigint", Arrays.copyOf(customerIds, size)));
            widen.setArray(2, connection.createArrayOf("text", Arrays.copyOf(firsts, size)));
            widen.setArray(3, connection.createArrayOf("text", Arrays.copyOf(lasts, size)));
            widen.executeUpdate();
        }
        size = 0;
    }
}
