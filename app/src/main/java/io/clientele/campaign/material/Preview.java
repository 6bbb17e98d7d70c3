package io.clientele.campaign.material;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A material as one customer would get it, for a person to look at; a preview never sends anything. {@code html} is
 * the cleaned HTML with escaped values, to be shown in a sandboxed frame.
 */
public record Preview(
        long customerId,
        String customerName,
        int version,
        @Nullable String subject,
        @Nullable String html,
        @Nullable String text,
        List<StandardAnswer> answers,
        @Nullable SmsCount sms) {}
