package io.clientele.platform.db;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the data lives: an external PostgreSQL when {@code url} is set, otherwise an embedded one whose files
 * are kept under {@code dataDir/pg} and written as {@code durability} says.
 */
public record DatabaseSettings(
        Path dataDir,
        @Nullable String url,
        @Nullable String user,
        @Nullable String password,
        Durability durability) {

    public static final String URL_VARIABLE = "CLIENTELE_DB_URL";
    public static final String USER_VARIABLE = "CLIENTELE_DB_USER";
    public static final String PASSWORD_VARIABLE = "CLIENTELE_DB_PASSWORD";

    /** Durable, as every process runs unless told otherwise. */
    public DatabaseSettings(Path dataDir, @Nullable String url, @Nullable String user, @Nullable String password) {
        this(dataDir, url, user, password, Durability.DURABLE);
    }

    /**
     * The settings every command uses: its {@code --data-dir} and the {@code CLIENTELE_DB_*} variables, among them
     * {@value Durability#VARIABLE}.
     */
    public static DatabaseSettings from(Path dataDir, Map<String, String> environment) {
        return new DatabaseSettings(
                dataDir,
                blankToNull(environment.get(URL_VARIABLE)),
                blankToNull(environment.get(USER_VARIABLE)),
                blankToNull(environment.get(PASSWORD_VARIABLE)),
                Durability.parse(environment.get(Durability.VARIABLE)));
    }

    public boolean external() {
        return url != null;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
