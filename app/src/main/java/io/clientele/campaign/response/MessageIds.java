package io.clientele.campaign.response;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a sent email names its step and customer, so a bounce can be traced back: the header
 * {@code X-Clientele-Message: {step}.{customer}} and the Message-ID {@code <c{step}.{customer}.{random}@clientele>}.
 */
public final class MessageIds {
    public static final String HEADER = "X-Clientele-Message";

    private static final Pattern HEADER_VALUE = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");
    private static final Pattern MESSAGE_ID = Pattern.compile("<?c(\\d{1,18})\\.(\\d{1,18})\\.[^@<>\\s]*@clientele>?");

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private MessageIds() {}

    /** The {@code X-Clientele-Message} value of the step's message to the customer. */
    public static String header(long stepId, long customerId) {
        return stepId + "." + customerId;
    }

    /** A fresh Message-ID naming the step and customer (the random part keeps a resent message's ID unique). */
    public static String messageId(long stepId, long customerId) {
        return "<c" + stepId + "." + customerId + "." + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36)
                + "@clientele>";
    }

    /** The step and customer an {@code X-Clientele-Message} value or a Message-ID names; empty for anything else. */
    public static Optional<TrackingLinks.Target> parse(String value) {
        String v = value.strip();
        Matcher m = HEADER_VALUE.matcher(v);
        if (!m.matches()) {
            m = MESSAGE_ID.matcher(v);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new TrackingLinks.Target(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }
}
