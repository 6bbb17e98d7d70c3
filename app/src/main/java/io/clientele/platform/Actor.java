package io.clientele.platform;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is making the current change: a signed-in person (their user name), an integration (identity names API
 * token principals {@code token:<name>}), or the system (start-up work, jobs).
 */
public record Actor(String name, Via via) {
    public enum Via {
        WEB,
        API,
        SYSTEM
    }

    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return new Actor("system", Via.SYSTEM);
        }
        String name = authentication.getName();
        return new Actor(name, name.startsWith("token:") ? Via.API : Via.WEB);
    }

    /** How the change came in, as stored in {@code source} columns: {@code web}, {@code api} or {@code system}. */
    public String source() {
        return via.name().toLowerCase(java.util.Locale.ROOT);
    }
}
