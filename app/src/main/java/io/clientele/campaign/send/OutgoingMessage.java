package io.clientele.campaign.send;

import io.clientele.campaign.StepChannel;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rendered message, ready to hand over: an email (subject, HTML and text parts, headers) or an SMS (text only,
 * its parts in the {@code X-Sms-Parts} header).
 */
public record OutgoingMessage(
        long stepId,
        long customerId,
        StepChannel channel,
        String recipient,
        @Nullable String subject,
        @Nullable String html,
        String text,
        Map<String, String> headers) {

    /** {@code {step}.{customer}}: what the X-Clientele-Message header and an SMS gateway's reference carry. */
    public String reference() {
        return stepId + "." + customerId;
    }
}
