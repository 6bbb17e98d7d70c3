package io.clientele.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;

/** 401, 403 and 429 for the API as RFC 9457 problem details, never a redirect to the sign-in page. */
final class ProblemResponses {

    void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"clientele\"");
        write(response, 401, "Unauthorized", "Send an API token as 'Authorization: Bearer <token>' or sign in.");
    }

    /**
     * 403, or 401 when the request has no credentials at all: a request without a session is refused by the CSRF
     * check before authentication is asked for, and must still hear that it is not signed in.
     */
    void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (!(e instanceof CsrfException)) {
            write(response, 403, "Forbidden", "Your role or token scopes do not allow this request.");
        } else if (signedIn()) {
            write(
                    response,
                    403,
                    "Forbidden",
                    "A call with the session of a signed-in page needs its CSRF token (the X-CSRF-TOKEN header or the"
                            + " _csrf parameter); or call with an API token.");
        } else {
            unauthorized(request, response, new InsufficientAuthenticationException("no credentials"));
        }
    }

    private static boolean signedIn() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
    }

    void invalidToken(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"clientele\", error=\"invalid_token\"");
        write(response, 401, "Unauthorized", "The API token is unknown or revoked.");
    }

    /** 429 with {@code Retry-After} in whole seconds, rounded up so that a client waiting that long gets through. */
    void tooManyRequests(HttpServletResponse response, Duration retryAfter, String detail) throws IOException {
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds());
        response.setHeader("Retry-After", Long.toString(seconds));
        write(response, 429, "Too Many Requests", detail + " Retry after " + seconds + " s.");
    }

    private static void write(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        // fixed texts and numbers only, so no JSON escaping is needed
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
