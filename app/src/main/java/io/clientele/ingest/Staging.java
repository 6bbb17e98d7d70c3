package io.clientele.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/** The temporary tables that a chunk is copied into before one set-based statement writes it. */
final class Staging {
    private Staging() {}

    /**
     * Runs the chunk's {@code create temp table if not exists … on commit delete rows}, written out by the importer
     * that uses the table: created once per connection, its rows go at every commit.
     */
    static void create(Connection connection, String createTempTable) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(createTempTable);
        }
    }

    static long count(Connection connection, String table) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
