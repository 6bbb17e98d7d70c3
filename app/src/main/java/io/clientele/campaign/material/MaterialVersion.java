package io.clientele.campaign.material;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One saved version of a material; never changed once saved. The fields used depend on the kind: {@code subject},
 * {@code htmlBody} and {@code textBody} for email; {@code text} for SMS, call scripts (with {@code answers}) and
 * letters. {@code htmlCleaned} says that cleaning removed something from the HTML as written; {@code sms} is the SMS
 * text's count on save.
 */
public record MaterialVersion(
        int version,
        @Nullable String subject,
        @Nullable String htmlBody,
        @Nullable String textBody,
        @Nullable String text,
        List<StandardAnswer> answers,
        boolean htmlCleaned,
        @Nullable SmsCount sms,
        String savedBy,
        Instant savedAt) {
    /** Whether any of the version's texts has the placeholder {@code name}. */
    public boolean mentions(String name) {
        return java.util.stream.Stream.of(subject, htmlBody, textBody, text)
                .anyMatch(template -> MergeTemplate.uses(template, name));
    }
}
