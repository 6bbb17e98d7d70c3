package io.clientele.ingest;

import java.sql.SQLException;
import java.util.List;

/** Imports the rows of one kind of file, a chunk at a time, in the transaction of the connection it was made with. */
interface Importer {

    record Counts(long imported, long unchanged) {
        Counts plus(Counts other) {
            return new Counts(imported + other.imported, unchanged + other.unchanged);
        }
    }

    /** Whether a chunk may end between these two rows (a receipt's lines stay in one chunk). */
    default boolean canSplitBetween(SourceLine previous, SourceLine next) {
        return true;
    }

    /** Stores the valid rows of {@code lines}; every other row gets at least one reject. */
    Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException;

    /** Work done once after the last chunk; must be safe to repeat (a job can be resumed after it). */
    default void finish() throws SQLException {}
}
