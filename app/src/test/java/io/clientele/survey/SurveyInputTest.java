package io.clientele.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.survey.SurveyInput.OptionInput;
import io.clientele.survey.SurveyInput.QuestionInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A definition's problems, each named by its path. */
class SurveyInputTest {
    private static QuestionInput rating(String key) {
        return new QuestionInput(key, "RATING", true, "How?", "如何？", null);
    }

    private static List<String> problems(SurveyInput input) {
        try {
            input.validate();
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems().stream().map(FieldProblem::field).toList();
        }
    }

    @Test
    void aGoodDefinitionIsKeptInOrder() {
        SurveyInput.Valid valid = new SurveyInput(
                        "trial",
                        "Trial",
                        "Title",
                        null,
                        null,
                        null,
                        null,
                        null,
                        List.of(
                                rating("first"),
                                new QuestionInput(
                                        "pick",
                                        "single_choice",
                                        false,
                                        "Pick",
                                        null,
                                        List.of(new OptionInput("a", "A", "甲"), new OptionInput("b", "B", null)))))
                .validate();
        assertThat(valid.questions()).extracting(Question::key).containsExactly("first", "pick");
        assertThat(valid.questions().get(1).kind()).isEqualTo(QuestionKind.SINGLE_CHOICE);
        assertThat(valid.title().zh()).isEmpty();
    }

    @Test
    void everyWrongFieldIsNamed() {
        assertThat(problems(new SurveyInput(
                        "Bad Key",
                        " ",
                        null,
                        null,
                        null,
                        "\u0000",
                        null,
                        null,
                        List.of(
                                rating("same"),
                                rating("same"),
                                new QuestionInput("kind", "SLIDER", null, "x", null, null),
                                new QuestionInput(
                                        "pick",
                                        "SINGLE_CHOICE",
                                        null,
                                        "x",
                                        null,
                                        List.of(new OptionInput("a", "A", null))),
                                new QuestionInput(
                                        "free",
                                        "FREE_TEXT",
                                        null,
                                        null,
                                        null,
                                        List.of(new OptionInput("a", "A", null)))))))
                .containsExactly(
                        "key",
                        "name",
                        "titleEn",
                        "introZh",
                        "questions[1].key",
                        "questions[2].kind",
                        "questions[3].options",
                        "questions[4].textEn",
                        "questions[4].options");
        assertThat(problems(new SurveyInput("ok", "Ok", "T", null, null, null, null, null, null)))
                .containsExactly("questions");
    }
}
