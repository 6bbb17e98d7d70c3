package io.clientele.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
    /** The SHA-1 seed of RFC 6238 appendix B. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "at {0} s the eight-digit code is {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"
    })
    void theTestVectorsOfRfc6238(long seconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(seconds));
        assertThat(Totp.code(SEED, step, 8)).isEqualTo(expected);
        // six digits are the same number modulo 10^6: the last six
        assertThat(Totp.code(SEED, step, 6)).isEqualTo(expected.substring(2));
    }

    @Test
    void theStepBeforeAndAfterAreAcceptedNotTwoAway() {
        Instant at = Instant.ofEpochSecond(1111111111);
        long now = Totp.step(at);
        assertThat(Totp.matchingStep(SEED, Totp.code(SEED, now, 6), at)).hasValue(now);
        assertThat(Totp.matchingStep(SEED, Totp.code(SEED, now - 1, 6), at)).hasValue(now - 1);
        assertThat(Totp.matchingStep(SEED, Totp.code(SEED, now + 1, 6), at)).hasValue(now + 1);
        assertThat(Totp.matchingStep(SEED, Totp.code(SEED, now - 2, 6), at)).isEmpty();
        assertThat(Totp.matchingStep(SEED, Totp.code(SEED, now + 2, 6), at)).isEmpty();
        assertThat(Totp.matchingStep(SEED, "12345", at)).isEmpty();
        assertThat(Totp.matchingStep(SEED, "abcdef", at)).isEmpty();
    }

    @Test
    void base32AsInRfc4648() {
        // RFC 4648 section 10, without padding
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXQ");
        assertThat(Totp.fromBase32("MZXW6YTBOI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThat(Totp.fromBase32(Totp.base32(SEED))).isEqualTo(SEED);
    }

    @Test
    void theKeyUriNamesIssuerAccountAndParameters() {
        assertThat(Totp.uri("Clientele", "ann lee", "foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("otpauth://totp/Clientele:ann%20lee?secret=MZXW6YTBOI&issuer=Clientele"
                        + "&algorithm=SHA1&digits=6&period=30");
    }
}
