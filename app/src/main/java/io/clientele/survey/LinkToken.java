package io.clientele.survey;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The token of a survey link: the {@link LinkTarget} encrypted and authenticated, so that it names nobody to whoever
 * reads the URL (no ids to count up from) and cannot be made without the server's secret. The target's ids are
 * written as variable-length numbers and sealed with AES-GCM; its nonce is the first 12 bytes of an HMAC-SHA256 of
 * them (a synthetic IV), so the same target always gives the same token (a message rendered twice carries one link)
 * and the check on the way back is the HMAC as well as GCM's tag. About 50 URL-safe characters.
 */
final class LinkToken {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte[] CONTEXT = "clientele survey link v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG = 16;
    private static final int MAX_TOKEN = 120;

    private final SecretKeySpec cipherKey;
    private final SecretKeySpec macKey;

    /** @param secret at least 32 random bytes; the cipher and HMAC keys are derived from it */
    LinkToken(byte[] secret) {
        this.cipherKey =
                new SecretKeySpec(Arrays.copyOf(hmac(secret, "cipher".getBytes(StandardCharsets.US_ASCII)), 16), "AES");
        this.macKey = new SecretKeySpec(hmac(secret, "nonce".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
    }

    String seal(LinkTarget target) {
        byte[] plain = encode(target);
        byte[] nonce = nonce(plain);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, cipherKey, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plain);
            return ENCODER.encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The target the token was sealed for, or empty for anything this server did not make. */
    Optional<LinkTarget> open(String token) {
        if (token.length() > MAX_TOKEN || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < NONCE + TAG + 4) {
            return Optional.empty();
        }
        byte[] nonce = Arrays.copyOf(bytes, NONCE);
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, cipherKey, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(CONTEXT);
            plain = cipher.doFinal(bytes, NONCE, bytes.length - NONCE);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(nonce, nonce(plain))) {
            return Optional.empty();
        }
        return Optional.ofNullable(decode(plain));
    }

    private byte[] nonce(byte[] plain) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return Arrays.copyOf(mac.doFinal(plain), NONCE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    // survey, customer, campaign (0: none), step (0: none), each as an unsigned LEB128 number
    private static byte[] encode(LinkTarget target) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(24);
        for (long value : new long[] {
            target.surveyId(),
            target.customerId(),
            target.campaignId() == null ? 0 : target.campaignId(),
            target.stepId() == null ? 0 : target.stepId()
        }) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            out.write((int) rest);
        }
        return out.toByteArray();
    }

    private static @Nullable LinkTarget decode(byte[] plain) {
        long[] values = new long[4];
        int p = 0;
        for (int i = 0; i < values.length; i++) {
            long value = 0;
            int shift = 0;
            while (true) {
                if (p >= plain.length || shift > 56) {
                    return null;
                }
                byte b = plain[p++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
                shift += 7;
            }
            values[i] = value;
        }
        if (p != plain.length || values[0] <= 0 || values[1] <= 0) {
            return null;
        }
        return new LinkTarget(
                values[0], values[1], values[2] == 0 ? null : values[2], values[3] == 0 ? null : values[3]);
    }
}
