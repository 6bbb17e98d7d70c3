package io.clientele.identity;

import io.clientele.platform.db.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Integration tokens. The secret ({@code clt_} + 32 random bytes) is returned once by {@link #issue}; only its
 * SHA-256 is stored, so a stolen database does not yield usable tokens.
 */
@Service
public class ApiTokens {
    private static final String PREFIX = "clt_";
    static final int MAX_RATE_LIMIT = 1_000_000;
    /** How long an authenticated token is trusted without reading its row again (its mark is due at most a minute). */
    private static final long TRUSTED_NANOS = 5_000_000_000L;

    private static final int MAX_TRUSTED = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final JdbcClient jdbc;

    /**
     * Tokens authenticated in the last few seconds, by the hex of their hash: a POS sends thousands of requests a
     * minute with one token, and its row changes only when it is revoked (which empties this at once, after its
     * commit) or its use is marked. Unknown tokens are never kept.
     */
    private final Map<String, Trusted> trusted = new ConcurrentHashMap<>();

    private record Trusted(TokenPrincipal principal, long until) {}

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ApiToken(
            long id,
            String name,
            String prefix,
            Set<ApiScope> scopes,
            @Nullable Integer rateLimitPerMinute,
            String createdBy,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A new token with its secret, which exists only in this object. */
    public record IssuedToken(ApiToken token, String secret) {}

    /** An authenticated token: its budget of requests a minute is null when it has none of its own. */
    record TokenPrincipal(
            long id,
            String name,
            Set<ApiScope> scopes,
            @Nullable Integer rateLimitPerMinute) {}

    /** A token with the default budget of requests (see {@code clientele.api.rate-limit.per-minute}). */
    @Transactional
    public IssuedToken issue(String name, Set<ApiScope> scopes, String createdBy) {
        return issue(name, scopes, null, createdBy);
    }

    @Transactional
    public IssuedToken issue(
            String name, Set<ApiScope> scopes, @Nullable Integer rateLimitPerMinute, String createdBy) {
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("name: 1 to 100 characters");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes: choose at least one");
        }
        if (rateLimitPerMinute != null && (rateLimitPerMinute < 1 || rateLimitPerMinute > MAX_RATE_LIMIT)) {
            throw new IllegalArgumentException("requests a minute: 1 to " + MAX_RATE_LIMIT);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String[] codes = scopes.stream().map(ApiScope::code).sorted().toArray(String[]::new);
        long id = jdbc.sql("""
                        insert into api_token (name, token_prefix, token_hash, scopes, rate_limit_per_minute, created_by)
                        values (:name, :prefix, :hash, :scopes, :rateLimit, :createdBy) returning id""")
                .param("name", name.strip())
                .param("prefix", secret.substring(0, PREFIX.length() + 6))
                .param("hash", sha256(secret))
                .param("scopes", codes)
                .param("rateLimit", rateLimitPerMinute)
                .param("createdBy", createdBy)
                .query(Long.class)
                .single();
        return new IssuedToken(find(id).orElseThrow(), secret);
    }

    /** Revokes a token; revoking twice changes nothing. */
    @Transactional
    public boolean revoke(long id, String by) {
        trusted.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request between this statement and the commit may have trusted the token again
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    trusted.clear();
                }
            });
        }
        return jdbc.sql(
                                "update api_token set revoked_at = now(), revoked_by = :by where id = :id and revoked_at is null")
                        .param("id", id)
                        .param("by", by)
                        .update()
                > 0;
    }

    private static final String SELECT_TOKENS =
            "select id, name, token_prefix, scopes, rate_limit_per_minute, created_by, created_at, last_used_at, revoked_at"
                    + " from api_token ";

    public List<ApiToken> all() {
        return jdbc.sql(SELECT_TOKENS + "order by revoked_at is not null, created_at desc")
                .query(ApiTokens::token)
                .list();
    }

    public Optional<ApiToken> find(long id) {
        return jdbc.sql(SELECT_TOKENS + "where id = :id")
                .param("id", id)
                .query(ApiTokens::token)
                .optional();
    }

    private static ApiToken token(java.sql.ResultSet rs, int row) throws SQLException {
        return new ApiToken(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("token_prefix"),
                scopes(rs.getArray("scopes")),
                rs.getObject("rate_limit_per_minute", Integer.class),
                rs.getString("created_by"),
                Rows.instant(rs, "created_at"),
                Rows.nullableInstant(rs, "last_used_at"),
                Rows.nullableInstant(rs, "revoked_at"));
    }

    /** The active token with this secret; marks it used (at most once a minute, to keep reads cheap). */
    Optional<TokenPrincipal> authenticate(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        byte[] hash = sha256(secret);
        String hex = HexFormat.of().formatHex(hash);
        Trusted known = trusted.get(hex);
        long now = System.nanoTime();
        if (known != null && now - known.until() < 0) {
            return Optional.of(known.principal());
        }
        record Found(TokenPrincipal principal, boolean markUsed) {}
        // the mark is written only when due, so that most requests cost this one statement
        Optional<Found> found = jdbc.sql("""
                        select id, name, scopes, rate_limit_per_minute,
                               last_used_at is null or last_used_at < now() - interval '1 minute' as mark_used
                        from api_token
                        where token_hash = :hash and revoked_at is null""")
                .param("hash", hash)
                .query((rs, n) -> new Found(
                        new TokenPrincipal(
                                rs.getLong("id"),
                                rs.getString("name"),
                                scopes(rs.getArray("scopes")),
                                rs.getObject("rate_limit_per_minute", Integer.class)),
                        rs.getBoolean("mark_used")))
                .optional();
        found.filter(Found::markUsed)
                .ifPresent(f -> jdbc.sql("""
                        update api_token set last_used_at = now()
                        where id = :id and (last_used_at is null or last_used_at < now() - interval '1 minute')""").param("id", f.principal().id()).update());
        if (found.isEmpty()) {
            trusted.remove(hex);
            return Optional.empty();
        }
        if (trusted.size() >= MAX_TRUSTED) {
            trusted.clear();
        }
        trusted.put(hex, new Trusted(found.get().principal(), now + TRUSTED_NANOS));
        return found.map(Found::principal);
    }

    private static Set<ApiScope> scopes(Array array) throws SQLException {
        String[] codes = (String[]) array.getArray();
        return Arrays.stream(codes)
                .map(ApiScope::ofCode)
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiScope.class)));
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
