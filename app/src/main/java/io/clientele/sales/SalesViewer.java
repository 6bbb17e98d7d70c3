package io.clientele.sales;

import io.clientele.identity.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Whose leads and opportunities the signed-in person works: a salesperson only their own, everyone else all. */
final class SalesViewer {
    private SalesViewer() {}

    /** The salesperson's user name, or null for a manager, an administrator, an integration or the system. */
    static @Nullable String ownerLimit() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null) {
            return null;
        }
        return who.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(Role.SALES.authority()::equals)
                ? who.getName()
                : null;
    }
}
