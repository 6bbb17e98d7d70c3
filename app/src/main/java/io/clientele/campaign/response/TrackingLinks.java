package io.clientele.campaign.response;

import io.clientele.campaign.CampaignProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The links a campaign message carries back to us: the open pixel, each clicked link, the one-click unsubscribe and
 * an event invitation's registration source.
 * Each names its step and customer and is signed with HMAC-SHA256 under a key generated once per installation (kept
 * in {@code app_secret}), so a link cannot be forged for another customer, and a click link only redirects to the
 * exact address it was signed with (no open redirect).
 */
@Component
public class TrackingLinks {
    /** What a verified link names. */
    public record Target(long stepId, long customerId) {}

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.([A-Za-z0-9_-]{22})");
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String publicUrl;
    private volatile byte[] key;

    TrackingLinks(JdbcClient jdbc, Clock clock, CampaignProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    public String openUrl(long stepId, long customerId) {
        return publicUrl + "/t/o/" + token("open", stepId, customerId, "") + ".gif";
    }

    /** A link that records the click and redirects to {@code target}, and only to it. */
    public String clickUrl(long stepId, long customerId, String target) {
        return publicUrl + "/t/c/" + token("click", stepId, customerId, target) + "?u="
                + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    /** The RFC 8058 one-click unsubscribe address (List-Unsubscribe), also linked from the message's footer. */
    public String unsubscribeUrl(long stepId, long customerId) {
        return publicUrl + "/u/" + token("unsubscribe", stepId, customerId, "");
    }

    /**
     * The hidden campaign source of an event invitation's registration link: names the step and the invited member, so
     * that a registration made through it is that member's response whoever fills the form in.
     */
    public String eventSource(long stepId, long customerId) {
        return token("event", stepId, customerId, "");
    }

    public Optional<Target> verifyEventSource(String token) {
        return verify("event", token, "");
    }

    public Optional<Target> verifyOpen(String token) {
        return verify("open", token, "");
    }

    public Optional<Target> verifyClick(String token, String target) {
        return verify("click", token, target);
    }

    public Optional<Target> verifyUnsubscribe(String token) {
        return verify("unsubscribe", token, "");
    }

    private String token(String purpose, long stepId, long customerId, String target) {
        return stepId + "." + customerId + "." + signature(purpose, stepId, customerId, target);
    }

    private Optional<Target> verify(String purpose, String token, String target) {
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        long stepId = Long.parseLong(m.group(1));
        long customerId = Long.parseLong(m.group(2));
        byte[] expected = signature(purpose, stepId, customerId, target).getBytes(StandardCharsets.US_ASCII);
        byte[] given = m.group(3).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.of(new Target(stepId, customerId)) : Optional.empty();
    }

    // 128 bits of the HMAC, as 22 base64url characters
    private String signature(String purpose, long stepId, long customerId, String target) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            byte[] digest = mac.doFinal(
                    (purpose + '\n' + stepId + '\n' + customerId + '\n' + target).getBytes(StandardCharsets.UTF_8));
            return BASE64.encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // the first node to get here stores its key; every node then reads the same one
            jdbc.sql("""
                            insert into app_secret (name, value, created_at) values ('tracking', :value, :at)
                            on conflict (name) do nothing""")
                    .param("value", fresh)
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
            k = jdbc.sql("select value from app_secret where name = 'tracking'")
                    .query(byte[].class)
                    .single();
            key = k;
        }
        return k;
    }
}
