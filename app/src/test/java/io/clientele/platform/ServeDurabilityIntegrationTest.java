package io.clientele.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh {@code ./clientele serve} (the application jar, as the script runs it, with no database settings) starts
 * its embedded PostgreSQL durable: asked from the outside, the server answers {@code on} for fsync,
 * synchronous_commit and full_page_writes.
 */
class ServeDurabilityIntegrationTest {
    private static final Path JAR = Path.of("target/clientele-app-0.1.0-SNAPSHOT-exec.jar");

    @TempDir
    Path temp;

    @Test
    void aFreshServeRunsItsEmbeddedDatabaseDurable() throws Exception {
        assertThat(JAR).as("the application jar (built by the package phase)").exists();
        Path dataDir = temp.resolve("data");
        Path err = temp.resolve("serve.err");
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--no-demo",
                        "--data-dir",
                        dataDir.toString())
                .redirectOutput(temp.resolve("serve.out").toFile())
                .redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("CLIENTELE_"));
        Process serve = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!(Files.exists(err) && Files.readString(err).contains("Clientele is running"))) {
                assertThat(serve.isAlive()).as("serve exited: %s", tail(err)).isTrue();
                assertThat(System.nanoTime() < deadline)
                        .as("serve did not start: %s", tail(err))
                        .isTrue();
                Thread.sleep(200);
            }
            List<String> pid = Files.readAllLines(dataDir.resolve("pg/postmaster.pid"));
            String url = "jdbc:postgresql://localhost:" + pid.get(3).trim() + "/clientele";
            try (Connection connection = DriverManager.getConnection(url, "postgres", null)) {
                assertThat(show(connection, "show fsync")).isEqualTo("on");
                assertThat(show(connection, "show synchronous_commit")).isEqualTo("on");
                assertThat(show(connection, "show full_page_writes")).isEqualTo("on");
                assertThat(show(connection, "select source from pg_settings where name = 'fsync'"))
                        .isEqualTo("command line");
            }
        } finally {
            serve.destroy();
            serve.waitFor(60, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }
    }

    private static String show(Connection connection, String sql) throws SQLException {
        try (var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String tail(Path file) throws java.io.IOException {
        if (!Files.exists(file)) {
            return "";
        }
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
