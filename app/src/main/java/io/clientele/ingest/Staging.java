package io.clientele.ingest;

import java.sql.Connection;
import java.sql.SQLException;

/** The temporary tables that a chunk is copied into before one set-based statement writes it. */
final class Staging {
    private Staging() {}

    /** Creates the chunk's temporary table once per connection; its rows go at every commit. */
    static void create(Connection connection, String table, String columns) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("create temp table if not exists " + table + " (" + columns + ") on commit delete rows");
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
