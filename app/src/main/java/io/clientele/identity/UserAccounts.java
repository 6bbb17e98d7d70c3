package io.clientele.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who sign in. Passwords are kept only as BCrypt hashes. */
@Service
public class UserAccounts {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    /** A person who signs in; {@code secondFactor}: whether signing in also asks for a TOTP code. */
    public record UserAccount(
            long id, String username, String displayName, Role role, boolean enabled, boolean secondFactor) {}

    record Credentials(String username, String passwordHash, Role role, boolean enabled) {}

    @Transactional
    public UserAccount create(String username, String displayName, Role role, String rawPassword) {
        if (!username.matches("[a-z0-9._-]{2,40}")) {
            throw new IllegalArgumentException(
                    "username: 2 to 40 lower-case letters, digits, dots, dashes or underscores, not '" + username
                            + "'");
        }
        if (rawPassword.length() < 4) {
            throw new IllegalArgumentException("password: at least 4 characters");
        }
        long id = jdbc.sql("""
                        insert into app_user (username, display_name, password_hash, role)
                        values (:username, :displayName, :hash, :role) returning id""")
                .param("username", username)
                .param("displayName", displayName)
                .param("hash", passwordEncoder.encode(rawPassword))
                .param("role", role.name())
                .query(Long.class)
                .single();
        return new UserAccount(id, username, displayName, role, true, false);
    }

    public long count() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    public List<UserAccount> all() {
        return jdbc.sql(SELECT_ACCOUNT + " order by username")
                .query(UserAccounts::account)
                .list();
    }

    /** The person signing in as {@code username}, if there is one. */
    public Optional<UserAccount> find(String username) {
        return jdbc.sql(SELECT_ACCOUNT + " where username = :username")
                .param("username", username)
                .query(UserAccounts::account)
                .optional();
    }

    private static final String SELECT_ACCOUNT = """
            select id, username, display_name, role, enabled, totp_confirmed_at is not null as second_factor
            from app_user""";

    private static UserAccount account(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new UserAccount(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"),
                rs.getBoolean("second_factor"));
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("select username, password_hash, role, enabled from app_user where username = :username")
                .param("username", username)
                .query((rs, n) -> new Credentials(
                        rs.getString("username"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")),
                        rs.getBoolean("enabled")))
                .optional();
    }
}
