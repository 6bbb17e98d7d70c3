package io.clientele.survey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A survey: its name (for staff), its language-independent key (what links, imports and the scoring run name it by),
 * its status, what the customer reads before and after the questions, and the questions in order.
 */
public record Survey(
        long id,
        String key,
        String name,
        SurveyStatus status,
        LocalText title,
        LocalText intro,
        LocalText thanks,
        List<Question> questions,
        String updatedBy,
        Instant updatedAt) {
    public Survey {
        questions = List.copyOf(questions);
    }

    public Optional<Question> question(String key) {
        return questions.stream().filter(q -> q.key().equals(key)).findFirst();
    }
}
