package io.clientele.campaign.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaterialInputTest {
    private static List<String> problems(MaterialInput input) {
        try {
            input.validate(null);
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> p.field() + " " + p.code()).toList();
        }
    }

    @Test
    void anEmailNeedsANameASubjectAndABody() {
        assertThat(problems(new MaterialInput("EMAIL", " ", null, null, "  ", null, null)))
                .containsExactly(
                        "name validation.required", "subject validation.required", "htmlBody material.emailBody");
    }

    @Test
    void htmlThatCleaningEmptiesIsNoBody() {
        assertThat(problems(new MaterialInput("EMAIL", "x", "s", "<script>alert(1)</script>", null, null, null)))
                .containsExactly("htmlBody material.emailBody");
    }

    @Test
    void theKindIsOneOfFour() {
        assertThat(problems(new MaterialInput("FAX", "x", null, null, null, "t", null)))
                .containsExactly("kind validation.oneOf");
    }

    @Test
    void callScriptAnswersAreCheckedRowByRowAndBlankRowsLeftOut() {
        List<MaterialInput.AnswerInput> rows = List.of(
                new MaterialInput.AnswerInput("Too expensive", "Card {{card_number}}"),
                new MaterialInput.AnswerInput(" ", ""),
                new MaterialInput.AnswerInput("No time", null),
                new MaterialInput.AnswerInput("Who are you", "{{agent_name}}"));

        assertThat(problems(new MaterialInput("CALL_SCRIPT", "Call", null, null, null, "Hello", rows)))
                .containsExactly(
                        "answers[2].answer validation.required", "answers[3].answer material.template.unknown");
        MaterialInput.Valid valid =
                new MaterialInput("call_script", "Call", null, null, null, "Hello", rows.subList(0, 2)).validate(null);
        assertThat(valid.answers()).containsExactly(new StandardAnswer("Too expensive", "Card {{card_number}}"));
    }

    @Test
    void aMaterialKeepsItsKindWhenSavedAgain() {
        MaterialInput.Valid valid = new MaterialInput("EMAIL", "Letter", null, null, null, "Dear {{first_name}}", null)
                .validate(MaterialKind.LETTER);

        assertThat(valid.kind()).isEqualTo(MaterialKind.LETTER);
        assertThat(valid.text()).isEqualTo("Dear {{first_name}}");
    }

    @Test
    void anSmsIsCountedOnSave() {
        MaterialInput.Valid valid = new MaterialInput("SMS", "S", null, null, null, "Hi €", null).validate(null);

        assertThat(valid.sms()).isEqualTo(new SmsCount(SmsCount.Encoding.GSM_7, 4, 5, 1));
        assertThatThrownBy(() -> new MaterialInput("SMS", "S", null, null, null, "{{first_name", null).validate(null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("text"));
    }
}
