package io.clientele.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL: durable unless told otherwise, data survives a restart, a second process shares the
 * running server.
 */
class EmbeddedDatabaseIntegrationTest {
    @TempDir
    Path dataDir;

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect();
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect();
                var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String show(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect();
                var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void startsDurableUnlessToldOtherwise() throws Exception {
        try (Database embedded = Database.open(new DatabaseSettings(dataDir, null, null, null))) {
            assertThat(show(embedded, "show fsync")).isEqualTo("on");
            assertThat(show(embedded, "show synchronous_commit")).isEqualTo("on");
            assertThat(show(embedded, "show full_page_writes")).isEqualTo("on");
            // zonky's -F (fsync off) is overridden on the command line, not left to a configuration file
            assertThat(show(embedded, "select source from pg_settings where name = 'fsync'"))
                    .isEqualTo("command line");
            assertThat(show(embedded, "select source from pg_settings where name = 'synchronous_commit'"))
                    .isEqualTo("command line");
            assertThat(show(embedded, "show wal_level")).isEqualTo("minimal");
            try (Connection connection = embedded.connect()) {
                assertThat(Durability.describe(connection))
                        .isEqualTo("durable (fsync on, synchronous_commit on, full_page_writes on)");
            }
            assertThat(embedded.description()).doesNotContain("crash");
        }
    }

    @Test
    void fastIsTheExplicitSwitchForThrowawayData() throws Exception {
        var settings = DatabaseSettings.from(dataDir, Map.of("CLIENTELE_DB_DURABILITY", "fast"));
        try (Database embedded = Database.open(settings)) {
            assertThat(show(embedded, "show fsync")).isEqualTo("off");
            assertThat(show(embedded, "show synchronous_commit")).isEqualTo("off");
            assertThat(show(embedded, "show full_page_writes")).isEqualTo("off");
            try (Connection connection = embedded.connect()) {
                assertThat(Durability.describe(connection))
                        .isEqualTo("fast, not crash-safe (fsync off, synchronous_commit off, full_page_writes off)");
            }
            assertThat(embedded.description()).endsWith("fast, not crash-safe");
        }
        // the same files started again without the switch are durable again
        try (Database embedded = Database.open(new DatabaseSettings(dataDir, null, null, null))) {
            assertThat(show(embedded, "show fsync")).isEqualTo("on");
        }
    }

    @Test
    void dataSurvivesARestartAndASecondOpenSharesTheRunningServer() throws Exception {
        DatabaseSettings settings = new DatabaseSettings(dataDir, null, null, null);
        try (Database first = Database.open(settings)) {
            execute(first, "create table kept (n int); insert into kept values (1), (2)");

            try (Database second = Database.open(settings)) {
                assertThat(second.jdbcUrl()).isEqualTo(first.jdbcUrl());
                assertThat(count(second, "select count(*) from kept")).isEqualTo(2);
            }
            // closing the process that only attached leaves the server running
            assertThat(count(first, "select count(*) from kept")).isEqualTo(2);
        }
        assertThat(Database.runningServerPort(dataDir.resolve("pg"))).isEmpty();

        try (Database restarted = Database.open(settings)) {
            assertThat(count(restarted, "select count(*) from kept")).isEqualTo(2);
        }
    }

    @Test
    void wrongCredentialsAndAMissingDatabaseAreExplained() throws Exception {
        try (Database embedded = Database.open(new DatabaseSettings(dataDir, null, null, null))) {
            String base = embedded.jdbcUrl().substring(0, embedded.jdbcUrl().lastIndexOf('/') + 1);
            assertThatThrownBy(() -> Database.open(DatabaseSettings.from(
                            dataDir,
                            Map.of(
                                    "CLIENTELE_DB_URL", base + "clientele",
                                    "CLIENTELE_DB_USER", "nobody",
                                    "CLIENTELE_DB_PASSWORD", "wrong"))))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("Cannot sign in to the external database")
                    .hasMessageContaining("the user or password is wrong");
            assertThatThrownBy(() -> Database.open(DatabaseSettings.from(
                            dataDir, Map.of("CLIENTELE_DB_URL", base + "nosuchdb", "CLIENTELE_DB_USER", "postgres"))))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("does not exist");
        }
    }
}
