package io.clientele.campaign.channel;

import java.security.SecureRandom;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Personal coupon codes: the step's prefix, eight random characters from an alphabet without the look-alikes 0, O,
 * 1 and I (32 characters: 40 bits from {@link SecureRandom}), and a check character (Luhn mod 32 over the eight), so
 * a till can refuse a mistyped code before looking it up. The prefix is not covered by the check.
 */
public final class CouponCodes {
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int RANDOM_LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    /** A new code with the prefix (null: none). */
    public String next(@Nullable String prefix) {
        char[] body = new char[RANDOM_LENGTH];
        byte[] bytes = new byte[5];
        random.nextBytes(bytes);
        long bits = 0;
        for (byte b : bytes) {
            bits = (bits << 8) | (b & 0xFF);
        }
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            body[i] = ALPHABET.charAt((int) (bits >>> (5 * i)) & 31);
        }
        String drawn = new String(body);
        return (prefix == null ? "" : prefix) + drawn + check(drawn);
    }

    /** Whether the code ends in eight characters of the alphabet and their right check character. */
    public static boolean wellFormed(@Nullable String code) {
        if (code == null || code.length() < RANDOM_LENGTH + 1) {
            return false;
        }
        String tail = code.toUpperCase(Locale.ROOT).substring(code.length() - RANDOM_LENGTH - 1);
        String body = tail.substring(0, RANDOM_LENGTH);
        for (int i = 0; i < body.length(); i++) {
            if (ALPHABET.indexOf(body.charAt(i)) < 0) {
                return false;
            }
        }
        return tail.charAt(RANDOM_LENGTH) == check(body);
    }

    /** Luhn mod N: doubles every second value from the right, adds the base-32 digits, completes to a multiple. */
    static char check(String body) {
        int n = ALPHABET.length();
        int factor = 2;
        int sum = 0;
        for (int i = body.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(body.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return ALPHABET.charAt((n - sum % n) % n);
    }
}
