package io.clientele.identity;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.login.*}: how failed sign-ins are throttled. Per account, the first {@code free-failures}
 * failures within {@code window} cost nothing; each further one makes the next attempt wait, starting at
 * {@code first-delay} and doubling up to {@code max-delay}; at {@code max-failures} the account is locked for
 * {@code lockout}. A client address has its own, higher, limits (it may serve many honest people behind one NAT).
 * The defaults let a person mistype ten times in a minute before the lockout, and bound a guesser to a few dozen
 * passwords per account and hour. {@code totp-key} is the Base64 AES key (16, 24 or 32 bytes) that encrypts the
 * second-factor secrets; without it a key is created in {@code <data-dir>/secrets/totp.key}.
 */
@ConfigurationProperties("clientele.login")
record LoginProperties(
        @DefaultValue("5") int freeFailures,
        @DefaultValue("10") int maxFailures,
        @DefaultValue("20") int freeAddressFailures,
        @DefaultValue("50") int maxAddressFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue("15m") Duration lockout,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("30s") Duration maxDelay,
        @Nullable String totpKey) {

    ThrottlePolicy policyOf(LoginSubject.Kind kind) {
        return switch (kind) {
            case ACCOUNT -> new ThrottlePolicy(freeFailures, maxFailures, window, lockout, firstDelay, maxDelay);
            case ADDRESS ->
                new ThrottlePolicy(freeAddressFailures, maxAddressFailures, window, lockout, firstDelay, maxDelay);
        };
    }
}
