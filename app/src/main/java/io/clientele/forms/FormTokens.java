package io.clientele.forms;

import static io.clientele.platform.db.Rows.timestamptz;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The signed tokens of public forms, under a key made once per installation ({@code form_secret}):
 *
 * <ul>
 *   <li>the one-time submission token each form page carries ({@code <form>.<issued>.<nonce>.<mac>}): a retried POST
 *       carries the same token, and the submission stored under it is answered instead of storing another; a token
 *       is good for a day after its page was served;
 *   <li>the confirmation link's token ({@code <submission>.<mac>}): who cannot compute the HMAC cannot confirm a
 *       submission, so a forged link confirms nothing.
 * </ul>
 */
@Component
class FormTokens {
    static final Duration SUBMISSION_VALID = Duration.ofDays(1);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] key;

    FormTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String submissionToken(long formId) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        String body = formId + "." + clock.instant().getEpochSecond() + "."
                + HexFormat.of().formatHex(nonce);
        return body + "." + mac("submit:" + body);
    }

    /** Whether the token was made here for this form and is still good. */
    boolean validSubmissionToken(long formId, String token) {
        String[] parts = token.split("\\.", -1);
        if (token.length() > 120 || parts.length != 4 || !parts[0].equals(String.valueOf(formId))) {
            return false;
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!same(mac("submit:" + body), parts[3])) {
            return false;
        }
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            return !issued.plus(SUBMISSION_VALID).isBefore(clock.instant());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    String confirmationToken(long submissionId) {
        return submissionId + "." + mac("confirm:" + submissionId);
    }

    /** The submission a confirmation token names, or empty for a token this server did not make. */
    Optional<Long> confirmedSubmission(String token) {
        int dot = token.indexOf('.');
        if (token.length() > 80 || dot < 1 || !token.substring(0, dot).matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        String id = token.substring(0, dot);
        return same(mac("confirm:" + id), token.substring(dot + 1))
                ? Optional.of(Long.parseLong(id))
                : Optional.empty();
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] full = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(java.util.Arrays.copyOf(full, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            // the first node to get here stores its key; every node then reads the same one
            jdbc.sql("""
                            insert into form_secret (name, value, created_at) values ('tokens', :value, :at)
                            on conflict (name) do nothing""")
                    .param("value", fresh)
                    .param("at", timestamptz(clock.instant()))
                    .update();
            k = jdbc.sql("select value from form_secret where name = 'tokens'")
                    .query(byte[].class)
                    .single();
            key = k;
        }
        return k;
    }
}
