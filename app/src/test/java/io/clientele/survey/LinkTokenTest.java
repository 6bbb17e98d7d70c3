package io.clientele.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Survey link tokens: they open to what they were sealed for, hide it, and refuse anything changed or made up. */
class LinkTokenTest {
    private final LinkToken tokens = new LinkToken(secret(1));

    private static byte[] secret(int seed) {
        byte[] secret = new byte[32];
        new Random(seed).nextBytes(secret);
        return secret;
    }

    @Test
    void opensToItsTargetAndIsTheSameEachTime() {
        LinkTarget target = new LinkTarget(7, 123_456, 42L, 99L);
        String token = tokens.seal(target);
        assertThat(tokens.open(token)).contains(target);
        assertThat(tokens.seal(target)).isEqualTo(token);
        assertThat(token).matches("[A-Za-z0-9_-]{40,70}");
        LinkTarget noCampaign = new LinkTarget(7, Long.MAX_VALUE, null, null);
        assertThat(tokens.open(tokens.seal(noCampaign))).contains(noCampaign);
    }

    @Test
    void theNextCustomersTokenSharesNothingVisibleWithThisOne() {
        String one = tokens.seal(new LinkTarget(7, 1000, 42L, 99L));
        String next = tokens.seal(new LinkTarget(7, 1001, 42L, 99L));
        assertThat(one).doesNotContain("1000");
        // no common prefix beyond chance: the nonce differs from the first byte
        assertThat(one.substring(0, 4)).isNotEqualTo(next.substring(0, 4));
    }

    @Test
    void refusesEveryChangedByteATruncationAnotherKeyAndGarbage() {
        String token = tokens.seal(new LinkTarget(7, 1000, 42L, 99L));
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i] ^= 1;
            assertThat(tokens.open(Base64.getUrlEncoder().withoutPadding().encodeToString(changed)))
                    .as("byte %d changed", i)
                    .isEmpty();
        }
        assertThat(tokens.open(
                        Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(bytes, bytes.length - 1))))
                .isEmpty();
        assertThat(new LinkToken(secret(2)).open(token)).isEmpty();
        assertThat(tokens.open("")).isEmpty();
        assertThat(tokens.open("not a token!")).isEmpty();
        assertThat(tokens.open("1.2.AAAAAAAAAAAAAAAAAAAAAA")).isEmpty();
        assertThat(tokens.open("A".repeat(500))).isEmpty();
    }
}
