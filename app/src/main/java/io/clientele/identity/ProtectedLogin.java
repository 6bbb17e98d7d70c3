package io.clientele.identity;

import java.time.Instant;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check of the sign-in form behind {@link LoginProtection}: a throttled account or address is refused
 * before its password is looked at, and every failure is counted (a success is, once the sign-in is complete, by
 * {@link PasswordAccepted} or the second factor). The client address is the request's remote
 * address, which is a proxy's {@code X-Forwarded-For} only when the server is configured to trust that proxy.
 */
final class ProtectedLogin implements AuthenticationProvider {
    private final AuthenticationProvider passwords;
    private final LoginProtection protection;

    ProtectedLogin(AuthenticationProvider passwords, LoginProtection protection) {
        this.passwords = passwords;
        this.protection = protection;
    }

    /** The attempt was not even checked: the account or the address is in a delay or a lockout. */
    static final class Refused extends AuthenticationException {
        private final Instant until;

        Refused(Instant until) {
            super("too many failed sign-ins; try again at " + until);
            this.until = until;
        }

        Instant until() {
            return until;
        }
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                        ? web.getRemoteAddress()
                        : "unknown";
        LoginProtection.Attempt attempt = new LoginProtection.Attempt(authentication.getName(), address);
        protection.refusedUntil(attempt).ifPresent(until -> {
            throw new Refused(until);
        });
        try {
            return passwords.authenticate(authentication);
        } catch (AuthenticationException e) {
            protection.failed(attempt);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
