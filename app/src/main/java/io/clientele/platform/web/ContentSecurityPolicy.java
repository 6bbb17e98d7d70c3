package io.clientele.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers of every response. Scripts run only from our own files or from an inline script that carries
 * this response's nonce ({@code th:attr="nonce=${cspNonce}"}): no {@code 'unsafe-inline'} and no {@code eval}, so a
 * name that slipped past escaping into the page still cannot run. Inline event handlers ({@code onclick}) are not
 * allowed either; pages use the data attributes {@code /js/clientele.js} handles. Styles keep
 * {@code 'unsafe-inline'}: htmx and ECharts set inline styles, and a style cannot run script. No page may be framed by
 * another site except a public form.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentSecurityPolicy extends OncePerRequestFilter {
    /** The request attribute, and template variable, that holds the response's nonce. */
    static final String NONCE = "cspNonce";

    /**
     * The one page other sites may frame: a public form ({@code /f/<slug>}, io.clientele.forms), which marketers embed
     * in web pages. Its confirmation link and every other page may not be framed.
     */
    private static final Pattern PUBLIC_FORM = Pattern.compile("/f/[^/]+");

    private final SecureRandom random = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String nonce = Base64.getEncoder().encodeToString(bytes);
        request.setAttribute(NONCE, nonce);
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'unsafe-inline'; "
                        + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
                        + "frame-ancestors "
                        + (PUBLIC_FORM.matcher(request.getRequestURI()).matches() ? "*" : "'none'"));
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        chain.doFilter(request, response);
    }
}
