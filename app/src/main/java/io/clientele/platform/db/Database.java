package io.clientele.platform.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reachable PostgreSQL for this process: the external one from the settings, the embedded server another
 * Clientele process already runs on the same data directory, or an embedded server started here (and stopped
 * when this process ends). Every failure is turned into a {@link StartupException} that says what to do.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String DATABASE_NAME = "clientele";
    private static final String EMBEDDED_USER = "postgres";

    private final String jdbcUrl;
    private final @Nullable String user;
    private final @Nullable String password;
    private final String description;
    private final @Nullable EmbeddedPostgres ownedServer;

    private Database(
            String jdbcUrl,
            @Nullable String user,
            @Nullable String password,
            String description,
            @Nullable EmbeddedPostgres ownedServer) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.description = description;
        this.ownedServer = ownedServer;
    }

    public static Database open(DatabaseSettings settings) {
        if (settings.external()) {
            return openExternal(settings);
        }
        return openEmbedded(settings.dataDir(), settings.durability());
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public @Nullable String user() {
        return user;
    }

    public @Nullable String password() {
        return password;
    }

    /** For logs and the start-up banner; never contains the password. */
    public String description() {
        return description;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, connectionProperties(user, password));
    }

    @Override
    public void close() {
        if (ownedServer != null) {
            try {
                ownedServer.close();
            } catch (IOException e) {
                log.warn("Stopping the embedded PostgreSQL failed: {}", e.getMessage());
            }
        }
    }

    private static Database openExternal(DatabaseSettings settings) {
        String url = settings.url();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new StartupException(DatabaseSettings.URL_VARIABLE
                    + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://db.example.com:5432/clientele, not: "
                    + url);
        }
        Database database = new Database(url, settings.user(), settings.password(), url, null);
        probe(database, "the external database " + url);
        return database;
    }

    private static Database openEmbedded(Path dataDir, Durability durability) {
        Path pgDir = dataDir.toAbsolutePath().resolve("pg");
        requireWritable(dataDir.toAbsolutePath());
        Optional<Integer> runningPort = runningServerPort(pgDir);
        if (runningPort.isPresent()) {
            Database attached = embeddedAt(runningPort.get(), pgDir, null);
            try (Connection ignored = attached.connect()) {
                // the running server keeps the durability it was started with
                log.info("Using the embedded PostgreSQL already running on {}", pgDir);
                return attached;
            } catch (SQLException e) {
                log.warn(
                        "A PostgreSQL seems to run on {} but does not answer ({}); starting one",
                        pgDir,
                        e.getMessage());
            }
        }
        EmbeddedPostgres server;
        try {
            Files.createDirectories(pgDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", sharedBuffers(System.getenv()))
                    .setServerConfig("work_mem", "32MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    // no replication from the embedded server: tables filled in the transaction that creates them
                    // (scoring and launch partitions) then write no WAL for their rows
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0");
            // after zonky's defaults for test databases (-F and synchronous_commit=off), which these override
            durability.serverSettings().forEach(builder::setServerConfig);
            server = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StartupException(
                    "Could not start the embedded PostgreSQL in " + pgDir + ": " + rootMessage(e)
                            + ". Check that the folder is writable and not used by another program, or set "
                            + DatabaseSettings.URL_VARIABLE + " to use an external PostgreSQL.",
                    e);
        }
        createDatabaseIfMissing(server);
        if (durability == Durability.FAST) {
            log.warn(
                    "The embedded PostgreSQL in {} runs with {}=fast: fsync, synchronous_commit and full_page_writes"
                            + " off. A crash may lose the last commits and a host crash may corrupt the database:"
                            + " for throwaway data only.",
                    pgDir,
                    Durability.VARIABLE);
        }
        Database started = embeddedAt(server.getPort(), pgDir, server);
        return durability == Durability.FAST
                ? started.describedAs(started.description + ", fast, not crash-safe")
                : started;
    }

    private static Database embeddedAt(int port, Path pgDir, @Nullable EmbeddedPostgres owned) {
        String url = "jdbc:postgresql://localhost:" + port + "/" + DATABASE_NAME;
        return new Database(url, EMBEDDED_USER, null, "embedded PostgreSQL in " + pgDir + " on port " + port, owned);
    }

    private Database describedAs(String newDescription) {
        return new Database(jdbcUrl, user, password, newDescription, ownedServer);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE_NAME);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE_NAME);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StartupException(
                    "Could not create the database in the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** The port of a live postmaster on this data directory, read from its {@code postmaster.pid}. */
    static Optional<Integer> runningServerPort(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void requireWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupException("The data directory " + dataDir + " is not writable (" + rootMessage(e)
                    + "). Choose another one with --data-dir or fix its permissions.");
        }
    }

    private static void probe(Database database, String what) {
        try (Connection ignored = database.connect()) {
            log.info("Connected to {}", what);
        } catch (SQLException e) {
            throw new StartupException(explain(e, what), e);
        }
    }

    /** Turns the SQL states of a failed connection into advice. */
    static String explain(SQLException e, String what) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "28P01", "28000" ->
                "Cannot sign in to " + what + ": the user or password is wrong. Check " + DatabaseSettings.USER_VARIABLE
                        + " and " + DatabaseSettings.PASSWORD_VARIABLE + ".";
            case "3D000" ->
                "The database named in " + DatabaseSettings.URL_VARIABLE + " does not exist on " + what
                        + ". Create it first (CREATE DATABASE clientele).";
            case "08001", "08004", "08006" ->
                "Cannot reach " + what + " (" + e.getMessage()
                        + "). Check the host and port in " + DatabaseSettings.URL_VARIABLE
                        + " and that PostgreSQL is running.";
            default -> "Cannot connect to " + what + ": " + e.getMessage();
        };
    }

    private static Properties connectionProperties(@Nullable String user, @Nullable String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "clientele");
        return properties;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The variable that sizes the embedded server's buffer cache, e.g. {@code 2GB} for millions of customers. */
    static final String SHARED_BUFFERS_VARIABLE = "CLIENTELE_DB_SHARED_BUFFERS";

    /**
     * The embedded server's {@code shared_buffers}: 256MB (enough for the demo and a laptop) unless
     * {@value #SHARED_BUFFERS_VARIABLE} says otherwise. Segment counts scan a summary of about 550 bytes per
     * customer, so a million customers want about 1GB to keep it in memory.
     */
    static String sharedBuffers(Map<String, String> environment) {
        String value = environment.get(SHARED_BUFFERS_VARIABLE);
        if (value == null || value.isBlank()) {
            return "256MB";
        }
        String size = value.strip();
        if (!size.matches("[1-9][0-9]{0,5}(kB|MB|GB)")) {
            throw new StartupException(SHARED_BUFFERS_VARIABLE + " is a size such as 512MB or 2GB, not '" + size + "'");
        }
        return size;
    }
}
