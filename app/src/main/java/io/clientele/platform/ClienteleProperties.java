package io.clientele.platform;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every feature. {@code clientele.db.url/user/password} are also read from the
 * {@code CLIENTELE_DB_URL}, {@code CLIENTELE_DB_USER} and {@code CLIENTELE_DB_PASSWORD} variables.
 */
@ConfigurationProperties("clientele")
public record ClienteleProperties(
        @DefaultValue("data") Path dataDir, @DefaultValue Db db) {
    public record Db(
            @Nullable String url,
            @Nullable String user,
            @Nullable String password) {}
}
