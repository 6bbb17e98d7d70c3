package io.clientele.identity;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * After the right password: signed in, unless the person has a second factor. Then the session is not signed in
 * but holds a {@link Pending} sign-in that the code on {@code /login/totp} completes; until then no page opens. The
 * account's failures are cleared only when the sign-in is complete, so that a password guesser who got it right
 * cannot guess codes without limit.
 */
final class PasswordAccepted implements AuthenticationSuccessHandler {
    private final SecondFactors secondFactors;
    private final LoginProtection protection;
    private final Clock clock;
    private final AuthenticationSuccessHandler signedIn;
    private final AuthenticationSuccessHandler supplierSignedIn;

    PasswordAccepted(SecondFactors secondFactors, LoginProtection protection, Clock clock) {
        this.secondFactors = secondFactors;
        this.protection = protection;
        this.clock = clock;
        this.signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
        // a supplier's person has no dashboard: it starts on its supplier's pages
        SavedRequestAwareAuthenticationSuccessHandler supplier = new SavedRequestAwareAuthenticationSuccessHandler();
        supplier.setDefaultTargetUrl(Role.SUPPLIER.home());
        this.supplierSignedIn = supplier;
    }

    /** A sign-in awaiting its second factor, valid for {@link #VALID}. */
    record Pending(Authentication authentication, Instant since) implements Serializable {
        static final String ATTRIBUTE = Pending.class.getName();
        static final Duration VALID = Duration.ofMinutes(5);

        boolean isValid(Clock clock) {
            return since.plus(VALID).isAfter(clock.instant());
        }
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        if (secondFactors.required(authentication.getName())) {
            HttpSession session = request.getSession();
            // the form login filter has already saved the signed-in context: take it back out
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
            SecurityContextHolder.clearContext();
            session.setAttribute(Pending.ATTRIBUTE, new Pending(authentication, clock.instant()));
            response.sendRedirect(request.getContextPath() + "/login/totp");
            return;
        }
        protection.succeeded(new LoginProtection.Attempt(authentication.getName(), request.getRemoteAddr()));
        boolean supplier = authentication.getAuthorities().stream()
                .anyMatch(a -> Role.SUPPLIER.authority().equals(a.getAuthority()));
        (supplier ? supplierSignedIn : signedIn).onAuthenticationSuccess(request, response, authentication);
    }
}
