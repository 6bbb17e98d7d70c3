package io.clientele.bench;

import io.clientele.platform.db.Durability;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * The line every figure is recorded with: date, cores, heap, JVM, and for a scenario with a database how durably it
 * writes, asked of the server itself ({@code durable (fsync on, synchronous_commit on, full_page_writes on)}, or
 * {@code fast, not crash-safe (…)} with {@code CLIENTELE_DB_DURABILITY=fast}): a figure always says under which
 * settings it was measured.
 */
final class Machine {
    private Machine() {}

    static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return "%s, %d cores, heap %d MiB, Java %s"
                .formatted(
                        LocalDate.now(), runtime.availableProcessors(), runtime.maxMemory() >> 20, Runtime.version());
    }

    static String describe(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return describe() + ", PostgreSQL " + Durability.describe(connection);
        }
    }
}
