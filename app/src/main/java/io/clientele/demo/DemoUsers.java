package io.clientele.demo;

import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import io.clientele.identity.UserDataScopes;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One demo user per role, all with the password {@code demo} (listed in the README); the store manager and the
 * salesperson with a data scope (a store, a region).
 */
final class DemoUsers {
    static final String PASSWORD = "demo";

    static final Map<String, Role> USERS = Map.of(
            "admin",
            Role.ADMIN,
            "manager",
            Role.MARKETING_MANAGER,
            "marketer",
            Role.MARKETER,
            "analyst",
            Role.ANALYST,
            "sales",
            Role.SALES,
            "store",
            Role.STORE_MANAGER,
            "agent",
            Role.SERVICE_AGENT,
            "servicemanager",
            Role.SERVICE_MANAGER,
            DemoSupplier.USER,
            Role.SUPPLIER);

    private DemoUsers() {}

    static void create(UserAccounts accounts, UserDataScopes scopes, JdbcClient jdbc) {
        USERS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(user ->
                        accounts.create(user.getKey(), displayName(user.getValue()), user.getValue(), PASSWORD));
        // the store manager runs the store with the most customers; the salesperson works for that store's region
        jdbc.sql("""
                        select s.code, r.code from store s join region r on r.id = s.region_id
                        left join customer c on c.home_store_id = s.id
                        group by s.code, r.code order by count(c.id) desc, s.code limit 1""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .ifPresent(store -> {
                    scopes.assign("store", store[0], "", "demo");
                    scopes.assign("sales", "", store[1], "demo");
                });
    }

    private static String displayName(Role role) {
        String words = role.name().toLowerCase().replace('_', ' ');
        return "Demo " + words;
    }
}
