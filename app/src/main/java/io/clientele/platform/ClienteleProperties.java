package io.clientele.platform;

import io.clientele.platform.db.Durability;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings shared by every feature. {@code clientele.db.url/user/password/durability} are also read from the
 * {@code CLIENTELE_DB_URL}, {@code CLIENTELE_DB_USER}, {@code CLIENTELE_DB_PASSWORD} and
 * {@code CLIENTELE_DB_DURABILITY} variables.
 */
@ConfigurationProperties("clientele")
public record ClienteleProperties(
        @DefaultValue("data") Path dataDir, @DefaultValue Db db) {
    public record Db(
            @Nullable String url,
            @Nullable String user,
            @Nullable String password,
            @DefaultValue("durable") Durability durability) {}
}
