package io.clientele.demo;

import io.clientele.identity.Role;
import io.clientele.identity.UserAccounts;
import java.util.Map;

/** One demo user per role, all with the password {@code demo} (listed in the README). */
final class DemoUsers {
    static final String PASSWORD = "demo";

    static final Map<String, Role> USERS = Map.of(
            "admin", Role.ADMIN,
            "manager", Role.MARKETING_MANAGER,
            "marketer", Role.MARKETER,
            "analyst", Role.ANALYST,
            "sales", Role.SALES,
            "store", Role.STORE_MANAGER,
            "agent", Role.SERVICE_AGENT);

    private DemoUsers() {}

    static void create(UserAccounts accounts) {
        USERS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(user ->
                        accounts.create(user.getKey(), displayName(user.getValue()), user.getValue(), PASSWORD));
    }

    private static String displayName(Role role) {
        String words = role.name().toLowerCase().replace('_', ' ');
        return "Demo " + words;
    }
}
