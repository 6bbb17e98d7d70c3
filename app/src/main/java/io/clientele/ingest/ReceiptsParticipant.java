package io.clientele.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A feature that acts on receipts as they are stored (the loyalty ledger earns and takes back points). Every Spring
 * bean implementing this is told of each batch of receipts a sales import chunk, a POS request or a bulk load
 * stored, on the storing connection and inside its transaction: what it writes commits or rolls back with the
 * receipts, so a retried or resumed import, which stores no receipt twice, tells nothing twice.
 */
public interface ReceiptsParticipant {
    /** Receipts just stored: the ids of their {@code sale} rows (lines included), uncommitted yet. */
    void receiptsStored(Connection connection, long[] saleIds) throws SQLException;
}
