package io.clientele.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers checked against their questions: each wrong one named by its question, none stored partly. */
class AnswerValidatorTest {
    private static final LocalText T = new LocalText("q", "问");
    private static final Survey SURVEY = new Survey(
            1,
            "trial",
            "Trial",
            SurveyStatus.ACTIVE,
            T,
            LocalText.EMPTY,
            LocalText.EMPTY,
            List.of(
                    new Question(11, 1, "rating", QuestionKind.RATING, true, T, List.of()),
                    new Question(12, 2, "nps", QuestionKind.NPS, false, T, List.of()),
                    new Question(
                            13,
                            3,
                            "beans",
                            QuestionKind.ASPECTS,
                            false,
                            T,
                            List.of(new Option("taste", T), new Option("aroma", T))),
                    new Question(
                            14,
                            4,
                            "pick",
                            QuestionKind.MULTIPLE_CHOICE,
                            false,
                            T,
                            List.of(new Option("a", T), new Option("b", T))),
                    new Question(15, 5, "comment", QuestionKind.FREE_TEXT, false, T, List.of())),
            "me",
            Instant.EPOCH);

    private static Map<String, List<String>> fields(String... pairs) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return fields;
    }

    private static List<String> problems(Map<String, List<String>> fields) {
        try {
            AnswerValidator.check(SURVEY, fields);
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> p.field() + " " + p.code()).toList();
        }
    }

    @Test
    void everyKindAnswered() {
        List<Answer> answers = AnswerValidator.check(
                SURVEY,
                fields(
                        "q.rating", "5",
                        "q.nps", "0",
                        "q.beans.taste.perceived", "4",
                        "q.beans.taste.expected", "3",
                        "q.pick", "a",
                        "q.pick", "b",
                        "q.comment", "Très bon 😀"));
        assertThat(answers)
                .containsExactly(
                        new Answer("rating", "", 5, null, null),
                        new Answer("nps", "", 0, null, null),
                        new Answer("beans", "taste", 4, 3, null),
                        new Answer("pick", "a", null, null, null),
                        new Answer("pick", "b", null, null, null),
                        new Answer("comment", "", null, null, "Très bon 😀"));
    }

    @Test
    void wrongAnswersAreNamedByTheirQuestion() {
        assertThat(problems(fields(
                        "q.rating", "6",
                        "q.nps", "11",
                        "q.beans.taste.perceived", "0",
                        "q.beans.aroma.expected", "3",
                        "q.pick", "z",
                        "q.comment", "nul\u0000")))
                .containsExactly(
                        "rating survey.answer.range",
                        "nps survey.answer.range",
                        "beans.taste.perceived survey.answer.range",
                        "beans.taste.expected survey.answer.both",
                        "beans.aroma.perceived survey.answer.both",
                        "pick survey.answer.choice",
                        "comment validation.characters");
        assertThat(problems(fields("q.nps", "4.5")))
                .containsExactly("rating survey.answer.required", "nps survey.answer.range");
        assertThat(problems(fields("q.rating", "3", "q.comment", "half \uD800 a pair")))
                .containsExactly("comment validation.characters");
        assertThat(problems(fields("q.rating", "3", "q.comment", "x".repeat(QuestionKind.MAX_TEXT + 1))))
                .containsExactly("comment validation.length");
    }

    @Test
    void theApisJsonBecomesTheSameFields() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rating", 4);
        json.put("beans", Map.of("taste", Map.of("perceived", 5, "expected", 4)));
        json.put("pick", List.of("b"));
        assertThat(AnswerValidator.check(SURVEY, AnswerValidator.fields(json)))
                .containsExactly(
                        new Answer("rating", "", 4, null, null),
                        new Answer("beans", "taste", 5, 4, null),
                        new Answer("pick", "b", null, null, null));
        assertThatThrownBy(() -> AnswerValidator.check(SURVEY, AnswerValidator.fields(Map.of("rating", 9))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("rating"));
    }
}
