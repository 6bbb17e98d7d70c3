package io.clientele.survey;

import static io.clientele.platform.InputFields.trimmed;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A survey's definition as the API and the form send it: all text, so that every wrong field is reported at once,
 * named by its path ({@code questions[1].options[0].key}). Both languages of a text are asked for; a blank one
 * falls back to the other on the customer's page.
 */
public record SurveyInput(
        @Nullable String key,
        @Nullable String name,
        @Nullable String titleEn,
        @Nullable String titleZh,
        @Nullable String introEn,
        @Nullable String introZh,
        @Nullable String thanksEn,
        @Nullable String thanksZh,
        @Nullable List<QuestionInput> questions) {

    public record QuestionInput(
            @Nullable String key,
            @Nullable String kind,
            @Nullable Boolean required,
            @Nullable String textEn,
            @Nullable String textZh,
            @Nullable List<OptionInput> options) {}

    public record OptionInput(
            @Nullable String key,
            @Nullable String en,
            @Nullable String zh) {}

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int MAX_QUESTIONS = 50;
    static final int MAX_OPTIONS = 20;
    private static final int SHORT = 200;
    private static final int LONG = 2000;

    /** The checked definition: what {@link Surveys} stores. */
    record Valid(
            String key, String name, LocalText title, LocalText intro, LocalText thanks, List<Question> questions) {}

    Valid validate() {
        List<FieldProblem> problems = new ArrayList<>();
        String checkedKey = key("key", key, problems);
        String checkedName = InputFields.required("name", name, SHORT, problems);
        LocalText title = text("title", titleEn, titleZh, SHORT, true, problems);
        LocalText intro = text("intro", introEn, introZh, LONG, false, problems);
        LocalText thanks = text("thanks", thanksEn, thanksZh, LONG, false, problems);
        List<Question> checked = new ArrayList<>();
        List<QuestionInput> given = questions == null ? List.of() : questions;
        if (given.isEmpty()) {
            problems.add(FieldProblem.of("questions", "validation.required"));
        } else if (given.size() > MAX_QUESTIONS) {
            problems.add(FieldProblem.of("questions", "survey.validation.tooMany", MAX_QUESTIONS));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < given.size() && i < MAX_QUESTIONS; i++) {
            Question question = question("questions[" + i + "]", i + 1, given.get(i), problems);
            if (question != null && !keys.add(question.key())) {
                problems.add(FieldProblem.of("questions[" + i + "].key", "survey.validation.twice"));
            }
            if (question != null) {
                checked.add(question);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(checkedKey, checkedName, title, intro, thanks, checked);
    }

    private static @Nullable Question question(
            String path, int position, @Nullable QuestionInput input, List<FieldProblem> problems) {
        if (input == null) {
            problems.add(FieldProblem.of(path, "validation.required"));
            return null;
        }
        int before = problems.size();
        String key = key(path + ".key", input.key(), problems);
        QuestionKind kind = InputFields.oneOf(path + ".kind", input.kind(), QuestionKind.class, problems);
        LocalText text = text(path + ".text", input.textEn(), input.textZh(), LONG, true, problems);
        List<Option> options = new ArrayList<>();
        List<OptionInput> given = input.options() == null ? List.of() : input.options();
        if (kind != null && kind.hasOptions()) {
            int least = kind == QuestionKind.ASPECTS ? 1 : 2;
            if (given.size() < least || given.size() > MAX_OPTIONS) {
                problems.add(FieldProblem.of(path + ".options", "survey.validation.options", least, MAX_OPTIONS));
            }
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < given.size() && i < MAX_OPTIONS; i++) {
                String optionPath = path + ".options[" + i + "]";
                OptionInput option = given.get(i);
                if (option == null) {
                    problems.add(FieldProblem.of(optionPath, "validation.required"));
                    continue;
                }
                String optionKey = key(optionPath + ".key", option.key(), problems);
                if (optionKey != null && !keys.add(optionKey)) {
                    problems.add(FieldProblem.of(optionPath + ".key", "survey.validation.twice"));
                }
                options.add(new Option(
                        optionKey == null ? "" : optionKey,
                        text(optionPath + ".text", option.en(), option.zh(), SHORT, true, problems)));
            }
        } else if (!given.isEmpty()) {
            problems.add(FieldProblem.of(path + ".options", "survey.validation.noOptions"));
        }
        if (problems.size() > before || key == null || kind == null) {
            return null;
        }
        return new Question(0, position, key, kind, Boolean.TRUE.equals(input.required()), text, options);
    }

    private static @Nullable String key(String field, @Nullable String text, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            problems.add(FieldProblem.of(field, "validation.required"));
        } else if (!KEY.matcher(value).matches()) {
            problems.add(FieldProblem.of(field, "survey.validation.key"));
        }
        return value;
    }

    /** Both languages' text; required means at least one of them. */
    private static LocalText text(
            String field,
            @Nullable String en,
            @Nullable String zh,
            int max,
            boolean required,
            List<FieldProblem> problems) {
        String english = trimmed(en);
        String chinese = trimmed(zh);
        if (required && english == null && chinese == null) {
            problems.add(FieldProblem.of(field + "En", "validation.required"));
        }
        for (String[] part : new String[][] {{field + "En", english}, {field + "Zh", chinese}}) {
            if (part[1] != null && part[1].length() > max) {
                problems.add(FieldProblem.of(part[0], "validation.length", max));
            }
            InputFields.printable(part[0], part[1], problems);
        }
        return new LocalText(english == null ? "" : english, chinese == null ? "" : chinese);
    }
}
