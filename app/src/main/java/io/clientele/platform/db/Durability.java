package io.clientele.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the embedded PostgreSQL writes: {@link #DURABLE} (the default) loses no committed transaction to a crash of
 * the process, the server or the host; {@link #FAST} ({@value #VARIABLE}{@code =fast}, or the property
 * {@code clientele.db.durability=fast}) is for throwaway data only (benchmarks, demos): a crash may lose the last
 * commits, and a crash of the host or a power loss may corrupt the database. An external PostgreSQL keeps its
 * owner's settings either way.
 */
public enum Durability {
    /** {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on: a commit is on disk when it returns. */
    DURABLE("on"),
    /** The three off: commits return before they are on disk, and the disk is never waited for. Not crash-safe. */
    FAST("off");

    public static final String VARIABLE = "CLIENTELE_DB_DURABILITY";

    /** The settings this class decides, in the order they are named everywhere. */
    static final String[] SETTINGS = {"fsync", "synchronous_commit", "full_page_writes"};

    private final String value;

    Durability(String value) {
        this.value = value;
    }

    /**
     * The server settings, passed on the embedded server's command line after zonky's own ({@code -F}, that is
     * fsync off, and {@code synchronous_commit=off}, its defaults for throwaway test databases), which they
     * override: PostgreSQL applies command-line options in order.
     */
    Map<String, String> serverSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : SETTINGS) {
            settings.put(name, value);
        }
        return settings;
    }

    /** {@code durable} (also when unset or blank) or {@code fast}; anything else is a start-up error. */
    public static Durability parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return DURABLE;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "durable" -> DURABLE;
            case "fast" -> FAST;
            default ->
                throw new StartupException(
                        VARIABLE + " is 'durable' (the default) or 'fast' (not crash-safe, for throwaway data), not '"
                                + text.strip() + "'");
        };
    }

    /**
     * What the server this connection reaches actually runs with, for logs and benchmark headers: {@code durable} or
     * {@code fast, not crash-safe} when the three settings agree with one of the two, else {@code mixed}; then the
     * settings, e.g. {@code durable (fsync on, synchronous_commit on, full_page_writes on)}.
     */
    public static String describe(Connection connection) throws SQLException {
        StringBuilder settings = new StringBuilder();
        int on = 0;
        for (String name : SETTINGS) {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("show " + name)) {
                rows.next();
                String shown = rows.getString(1);
                on += "on".equals(shown) ? 1 : 0;
                settings.append(settings.isEmpty() ? "" : ", ")
                        .append(name)
                        .append(' ')
                        .append(shown);
            }
        }
        String mode = on == SETTINGS.length ? "durable" : on == 0 ? "fast, not crash-safe" : "mixed";
        return mode + " (" + settings + ")";
    }
}
