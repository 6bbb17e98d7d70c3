package io.clientele.identity;

import io.clientele.platform.RateLimits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer clt_…} requests as the token, with its scopes as authorities, within the
 * token's budget of requests a minute. An unknown token counts as a failed sign-in of the client address: an address
 * that keeps sending them is answered 429 while it is throttled (a known token still works from it, as it proves
 * what a guesser lacks).
 */
final class ApiTokenFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;
    private final ProblemResponses problems;
    private final LoginProtection protection;
    private final RateLimits<Long> rateLimits;
    private final int defaultPerMinute;

    ApiTokenFilter(
            ApiTokens tokens,
            ProblemResponses problems,
            LoginProtection protection,
            RateLimits<Long> rateLimits,
            int defaultPerMinute) {
        this.tokens = tokens;
        this.problems = problems;
        this.protection = protection;
        this.rateLimits = rateLimits;
        this.defaultPerMinute = defaultPerMinute;
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
            Optional<Duration> refused = protection.unknownToken(request.getRemoteAddr());
            if (refused.isPresent()) {
                problems.tooManyRequests(response, refused.get(), "Too many unknown API tokens from this address.");
            } else {
                problems.invalidToken(response);
            }
            return;
        }
        int perMinute = Objects.requireNonNullElse(principal.get().rateLimitPerMinute(), defaultPerMinute);
        Optional<Duration> wait = rateLimits.take(principal.get().id(), perMinute);
        if (wait.isPresent()) {
            problems.tooManyRequests(
                    response, wait.get(), "This API token's budget of " + perMinute + " requests a minute is used up.");
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
