package io.clientele.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path temp;

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReportedByName() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        Path dataDir = file.resolve("data");
        assertThatThrownBy(() -> Database.open(new DatabaseSettings(dataDir, null, null, null)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("The data directory " + dataDir.toAbsolutePath() + " is not writable")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void theEmbeddedBufferCacheIsSizedByItsVariable() {
        assertThat(Database.sharedBuffers(Map.of())).isEqualTo("256MB");
        assertThat(Database.sharedBuffers(Map.of("CLIENTELE_DB_SHARED_BUFFERS", " 2GB ")))
                .isEqualTo("2GB");
        assertThatThrownBy(() -> Database.sharedBuffers(Map.of("CLIENTELE_DB_SHARED_BUFFERS", "lots; fsync=off")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("CLIENTELE_DB_SHARED_BUFFERS is a size such as 512MB or 2GB");
    }

    @Test
    void anExternalUrlThatIsNotPostgresIsRefusedBeforeConnecting() {
        var settings = DatabaseSettings.from(temp, Map.of("CLIENTELE_DB_URL", "jdbc:mysql://localhost/x"));
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("CLIENTELE_DB_URL must be a PostgreSQL JDBC URL");
    }

    @Test
    void anUnreachableExternalDatabaseSaysWhereItLooked() {
        // port 1 on loopback: nothing listens there, the connection is refused at once
        var settings = DatabaseSettings.from(
                temp, Map.of("CLIENTELE_DB_URL", "jdbc:postgresql://127.0.0.1:1/clientele", "CLIENTELE_DB_USER", "x"));
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("Cannot reach the external database jdbc:postgresql://127.0.0.1:1/clientele")
                .hasMessageContaining("PostgreSQL is running");
    }

    @Test
    void sqlStatesBecomeAdvice() {
        assertThat(Database.explain(new SQLException("auth", "28P01"), "db"))
                .contains("the user or password is wrong")
                .contains("CLIENTELE_DB_PASSWORD");
        assertThat(Database.explain(new SQLException("no db", "3D000"), "db")).contains("does not exist");
        assertThat(Database.explain(new SQLException("odd", "XX000"), "db")).isEqualTo("Cannot connect to db: odd");
    }

    @Test
    void durabilityIsDurableUnlessFastIsAskedFor() {
        assertThat(DatabaseSettings.from(temp, Map.of()).durability()).isEqualTo(Durability.DURABLE);
        assertThat(DatabaseSettings.from(temp, Map.of("CLIENTELE_DB_DURABILITY", " "))
                        .durability())
                .isEqualTo(Durability.DURABLE);
        assertThat(DatabaseSettings.from(temp, Map.of("CLIENTELE_DB_DURABILITY", "FAST"))
                        .durability())
                .isEqualTo(Durability.FAST);
        assertThat(Durability.FAST.serverSettings())
                .containsExactly(
                        Map.entry("fsync", "off"),
                        Map.entry("synchronous_commit", "off"),
                        Map.entry("full_page_writes", "off"));
        assertThatThrownBy(() -> DatabaseSettings.from(temp, Map.of("CLIENTELE_DB_DURABILITY", "quick")))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("'durable' (the default) or 'fast'")
                .hasMessageContaining("not 'quick'");
    }

    @Test
    void blankVariablesMeanEmbedded() {
        var settings = DatabaseSettings.from(temp, Map.of("CLIENTELE_DB_URL", "  "));
        assertThat(settings.external()).isFalse();
    }

    @Test
    void aStalePostmasterPidFileIsIgnored() throws IOException {
        Path pg = Files.createDirectories(temp.resolve("pg"));
        // a pid that cannot be alive: pid_max on Linux is at most 2^22
        Files.writeString(pg.resolve("postmaster.pid"), "99999999\n" + pg + "\n1700000000\n5432\n");
        assertThat(Database.runningServerPort(pg)).isEmpty();
    }

    @Test
    void aLivePostmasterPidFileGivesItsPort() throws IOException {
        Path pg = Files.createDirectories(temp.resolve("pg"));
        Files.writeString(pg.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + pg + "\n1\n54321\n");
        assertThat(Database.runningServerPort(pg)).contains(54321);
    }
}
