package io.clientele.platform.web;

import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout shows of the signed-in person: name and roles (the menu hides what the role cannot open). */
@ControllerAdvice
class LayoutAdvice {

    record Viewer(String username, Set<String> roles) {
        public boolean has(String role) {
            return roles.contains(role);
        }
    }

    @ModelAttribute("viewer")
    @Nullable
    Viewer viewer(@Nullable Principal principal) {
        if (!(principal instanceof Authentication authentication)) {
            return null;
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toSet());
        return new Viewer(authentication.getName(), roles);
    }
}
