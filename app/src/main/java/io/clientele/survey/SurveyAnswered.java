package io.clientele.survey;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A customer answered a survey. Published after the response committed (never for one rolled back, never twice for
 * one response), so a listener may act on it at once: a journey deciding on the answer, for instance. Listen with a
 * plain {@code @EventListener}: it runs in the answering thread after the commit, outside any transaction (a
 * {@code @TransactionalEventListener} would never hear it), and its failure is logged, not the customer's. Nothing
 * is published again after a crash between the commit and the listener: a consumer that must see every answer reads
 * {@link SurveyResponses#answered} from where it left off. {@code campaignId} and {@code stepId} name the send whose
 * link was answered, null for an answer given outside a campaign.
 */
public record SurveyAnswered(
        long customerId,
        long surveyId,
        String surveyKey,
        long responseId,
        @Nullable Long campaignId,
        @Nullable Long stepId,
        Instant answeredAt,
        List<Answer> answers) {
    public SurveyAnswered {
        answers = List.copyOf(answers);
    }
}
