package io.clientele.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer clt_…} requests as the token, with its scopes as authorities. */
final class ApiTokenFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final ProblemResponses problems;

    ApiTokenFilter(ApiTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.TokenPrincipal> principal =
                tokens.authenticate(header.substring(7).trim());
        if (principal.isEmpty()) {
            problems.invalidToken(response);
            return;
        }
        List<SimpleGrantedAuthority> authorities = principal.get().scopes().stream()
                .map(s -> new SimpleGrantedAuthority(s.authority()))
                .toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                "token:" + principal.get().name(), null, authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
