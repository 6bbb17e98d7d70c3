package io.clientele.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What failed sign-ins are counted against: an account (the user name as typed) or a client address. A key that is
 * not a plausible user name or address (too long, control characters, a NUL PostgreSQL cannot store) is kept as a
 * hash, so that hostile input can neither break the count nor reach the audit trail verbatim.
 */
record LoginSubject(Kind kind, String key) {
    enum Kind {
        ACCOUNT,
        ADDRESS
    }

    static LoginSubject account(String username) {
        String key = username.strip().toLowerCase(Locale.ROOT);
        return new LoginSubject(Kind.ACCOUNT, key.matches("[a-z0-9._@-]{1,64}") ? key : hashed(username));
    }

    static LoginSubject address(String address) {
        return new LoginSubject(
                Kind.ADDRESS, address.matches("[0-9a-fA-F.:%\\[\\]]{1,64}") ? address : hashed(address));
    }

    /** The audit trail's entity for this kind of subject. */
    String entity() {
        return kind == Kind.ACCOUNT ? "user" : "address";
    }

    private static String hashed(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
