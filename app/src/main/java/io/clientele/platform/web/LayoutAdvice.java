package io.clientele.platform.web;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page may use: the signed-in person's name, roles, and the scopes their role grants (pages hide the
 * menus and buttons the person cannot use: {@code viewer.may('customers:write')}), and the form errors.
 */
@ControllerAdvice
class LayoutAdvice {

    record Viewer(String username, Set<String> roles, Set<String> scopes) {
        public boolean has(String role) {
            return roles.contains(role);
        }

        public boolean may(String scope) {
            return scopes.contains(scope);
        }
    }

    @ModelAttribute("viewer")
    @Nullable
    Viewer viewer(@Nullable Principal principal) {
        if (!(principal instanceof Authentication authentication)) {
            return null;
        }
        return new Viewer(
                authentication.getName(), withPrefix(authentication, "ROLE_"), withPrefix(authentication, "SCOPE_"));
    }

    /** No errors unless a handler or a redirect's flash attributes bring some, so forms need no null checks. */
    @ModelAttribute(FormErrors.ATTRIBUTE)
    FormErrors errors() {
        return FormErrors.NONE;
    }

    private static Set<String> withPrefix(Authentication authentication, String prefix) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length()))
                .collect(Collectors.toSet());
    }
}
