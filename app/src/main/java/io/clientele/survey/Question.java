package io.clientele.survey;

import java.util.List;
import java.util.Optional;

/** A question of a survey, in its place; {@code options} are its choices or aspects (empty for the other kinds). */
public record Question(
        long id, int position, String key, QuestionKind kind, boolean required, LocalText text, List<Option> options) {
    public Question {
        options = List.copyOf(options);
    }

    public Optional<Option> option(String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst();
    }
}
