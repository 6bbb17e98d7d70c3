package io.clientele.campaign.material;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.platform.FieldProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaterialTemplateLanguageTest {
    private static final Map<String, String> ANNA = Map.of(
            "first_name", "Anna",
            "last_name", "<b>Li</b> & \"Co\"",
            "city", "Zürich",
            "offer.code", "SPRING25");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '⇒', textBlock = """
            Hello {{first_name}}                            ⇒ Hello Anna
            Hello {{ first_name }}!                         ⇒ Hello Anna!
            Hello {{first_name|Valued customer}}            ⇒ Hello Anna
            Dear {{home_store|our store}}                   ⇒ Dear our store
            {{grade}}                                       ⇒ ''
            Code {{offer.code}} in {{city}}                 ⇒ Code SPRING25 in Zürich
            Costs ${price} and #{msg} and {single}          ⇒ Costs ${price} and #{msg} and {single}
            {{first_name}}{{first_name}}                    ⇒ AnnaAnna
            你好 {{first_name|朋友}} 🎉                       ⇒ 你好 Anna 🎉
            """)
    void rendersTextWithValuesOrFallbacks(String template, String expected) {
        assertThat(MergeTemplate.check("text", template)).isEmpty();
        assertThat(MergeTemplate.render(template, ANNA, MergeTemplate.Escaping.TEXT))
                .isEqualTo(expected);
    }

    @Test
    void valuesAndFallbacksAreEscapedInHtmlAndNotInText() {
        String template = "<p>{{last_name}} / {{home_store|<i>R&D</i>}}</p>";

        assertThat(MergeTemplate.render(template, ANNA, MergeTemplate.Escaping.HTML))
                .isEqualTo("<p>&lt;b&gt;Li&lt;/b&gt; &amp; &quot;Co&quot; / &lt;i&gt;R&amp;D&lt;/i&gt;</p>");
        assertThat(MergeTemplate.render(template, ANNA, MergeTemplate.Escaping.TEXT))
                .isEqualTo("<p><b>Li</b> & \"Co\" / <i>R&D</i></p>");
    }

    @Test
    void aValueInAnAttributeCannotCloseIt() {
        String rendered = MergeTemplate.render(
                "<a href=\"https://shop.example/{{first_name}}\">x</a>",
                Map.of("first_name", "\" onclick=\"alert(1)"),
                MergeTemplate.Escaping.HTML);

        assertThat(rendered).isEqualTo("<a href=\"https://shop.example/&quot; onclick=&quot;alert(1)\">x</a>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '⇒', quoteCharacter = '`', textBlock = """
            {{T(java.lang.Runtime).getRuntime().exec('x')}}  ⇒ material.template.unknown   ⇒ 1 ⇒ 1
            Hi {{__proto__}}                                 ⇒ material.template.unknown   ⇒ 1 ⇒ 4
            Hi {{constructor.constructor}}                   ⇒ material.template.unknown   ⇒ 1 ⇒ 4
            Hi {{customer.email}}                            ⇒ material.template.unknown   ⇒ 1 ⇒ 4
            Hi {{${first_name}}}                             ⇒ material.template.malformed ⇒ 1 ⇒ 4
            Hi {{#{first_name}}}                             ⇒ material.template.malformed ⇒ 1 ⇒ 4
            Hi {{{first_name}}}                              ⇒ material.template.malformed ⇒ 1 ⇒ 4
            Hi {{first_name {{last_name}} }}                 ⇒ material.template.malformed ⇒ 1 ⇒ 4
            Hi {{first name}}                                ⇒ material.template.malformed ⇒ 1 ⇒ 4
            Hi {{}}                                          ⇒ material.template.unknown   ⇒ 1 ⇒ 4
            Hi {{first_name                                  ⇒ material.template.unclosed  ⇒ 1 ⇒ 4
            Hi first_name}}                                  ⇒ material.template.strayClose ⇒ 1 ⇒ 14
            Hi {{FIRST_NAME}}                                ⇒ material.template.unknown   ⇒ 1 ⇒ 4
            """)
    void hostileOrBrokenPlaceholdersAreRefusedWithTheirPosition(String template, String code, int line, int column) {
        List<FieldProblem> problems = MergeTemplate.check("htmlBody", template);

        assertThat(problems).hasSize(1);
        assertThat(problems.getFirst().field()).isEqualTo("htmlBody");
        assertThat(problems.getFirst().code()).isEqualTo(code);
        assertThat(problems.getFirst().args().subList(1, 3)).containsExactly(line, column);
        assertThatThrownBy(() -> MergeTemplate.render(template, ANNA, MergeTemplate.Escaping.HTML))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSurveyLinkNamesItsSurveyByKey() {
        String template =
                "Answer: {{survey_link.coffee_trial}} or {{survey_link.coffee_trial|later}} {{survey_link.nps}}";
        assertThat(MergeTemplate.check("text", template)).isEmpty();
        assertThat(MergeTemplate.surveyKeys(template)).containsExactly("coffee_trial", "nps");
        assertThat(MergeTemplate.check("text", "{{survey_link.Bad-Key}}"))
                .extracting(FieldProblem::code)
                .containsExactly("material.template.unknown");
        assertThat(MergeTemplate.render(
                        "{{survey_link.nps|no link}}",
                        Map.of("survey_link.nps", "https://crm.example/s/nps/abc"),
                        MergeTemplate.Escaping.TEXT))
                .isEqualTo("https://crm.example/s/nps/abc");
    }

    @Test
    void thePositionCountsLinesAndColumns() {
        List<FieldProblem> problems =
                MergeTemplate.check("textBody", "Dear {{first_name}},\n\nyour {{coupon}} and {{x}}");

        assertThat(problems)
                .extracting(p ->
                        p.args().get(0) + "@" + p.args().get(1) + ":" + p.args().get(2))
                .containsExactly("coupon@3:6", "x@3:21");
    }

    @Test
    void aTemplateTooLongIsRefusedWithoutReadingIt() {
        String huge = "{{first_name}} ".repeat(MergeTemplate.MAX_LENGTH / 10);

        assertThat(MergeTemplate.check("htmlBody", huge))
                .containsExactly(FieldProblem.of("htmlBody", "validation.length", MergeTemplate.MAX_LENGTH));
    }

    @Test
    void aLongTemplateWithinTheLimitRenders() {
        String template = "{{first_name}} ".repeat(6000);

        assertThat(MergeTemplate.check("htmlBody", template)).isEmpty();
        assertThat(MergeTemplate.render(template, ANNA, MergeTemplate.Escaping.HTML))
                .hasSize("Anna ".length() * 6000);
    }

    @Test
    void aFallbackHasALimit() {
        assertThat(MergeTemplate.check("subject", "{{first_name|" + "x".repeat(201) + "}}"))
                .extracting(FieldProblem::code)
                .containsExactly("material.template.fallback");
    }

    @Test
    void everyWhitelistedNameIsAccepted() {
        MergeTemplate.NAMES.forEach(name -> assertThat(MergeTemplate.check("text", "{{" + name + "}}"))
                .as(name)
                .isEmpty());
    }
}
