package io.clientele.campaign.channel;

import io.clientele.identity.ApiScope;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who looks at calls: an agent sees and records only the calls assigned to them; whoever may read campaigns
 * (marketing, managers, an integration token with {@code campaigns:read}) sees every call, and records none.
 */
public record CallViewer(String username, boolean seesAll) {
    public static CallViewer current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return new CallViewer("", false);
        }
        boolean all = authentication.getAuthorities().stream()
                .anyMatch(a -> ApiScope.CAMPAIGNS_READ.authority().equals(a.getAuthority()));
        return new CallViewer(authentication.getName(), all);
    }
}
