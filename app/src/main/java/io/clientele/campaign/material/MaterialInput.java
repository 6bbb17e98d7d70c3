package io.clientele.campaign.material;

import static io.clientele.platform.InputFields.trimmed;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A material as the form and the API send it. The fields used depend on the kind: {@code subject}, {@code htmlBody}
 * and {@code textBody} for email; {@code text} for an SMS, a call script (with {@code answers}) or a letter.
 * {@link #validate} checks every field's template and reports every problem at once.
 */
public record MaterialInput(
        @Nullable String kind,
        @Nullable String name,
        @Nullable String subject,
        @Nullable String htmlBody,
        @Nullable String textBody,
        @Nullable String text,
        @Nullable List<AnswerInput> answers) {

    /** A standard answer as sent; blank rows are left out. */
    public record AnswerInput(
            @Nullable String question, @Nullable String answer) {}

    static final int MAX_NAME = 200;
    static final int MAX_SUBJECT = 500;
    static final int MAX_ANSWERS = 50;

    /** A valid material, its HTML cleaned and its SMS counted. */
    record Valid(
            MaterialKind kind,
            String name,
            @Nullable String subject,
            @Nullable String htmlBody,
            @Nullable String textBody,
            @Nullable String text,
            List<StandardAnswer> answers,
            boolean htmlCleaned,
            @Nullable SmsCount sms) {}

    /**
     * @param fixedKind the kind of the material being changed (a material keeps its kind), or null for a new one
     * @throws InvalidInputException naming every field that is wrong, with the line and column of a bad placeholder
     */
    Valid validate(@Nullable MaterialKind fixedKind) {
        List<FieldProblem> problems = new ArrayList<>();
        MaterialKind kind = fixedKind;
        if (kind == null) {
            if (trimmed(this.kind) == null) {
                problems.add(FieldProblem.of("kind", "validation.required"));
            } else {
                try {
                    kind = MaterialKind.valueOf(this.kind.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(FieldProblem.of("kind", "validation.oneOf", List.of(MaterialKind.values())));
                }
            }
        }
        String name = trimmed(this.name);
        if (name == null) {
            problems.add(FieldProblem.of("name", "validation.required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(FieldProblem.of("name", "validation.length", MAX_NAME));
        }
        if (kind == null) {
            throw new InvalidInputException(problems);
        }
        String subject = null;
        String html = null;
        String textBody = null;
        String text = null;
        boolean cleaned = false;
        SmsCount sms = null;
        List<StandardAnswer> answers = List.of();
        switch (kind) {
            case EMAIL -> {
                subject = trimmed(this.subject);
                if (subject == null) {
                    problems.add(FieldProblem.of("subject", "validation.required"));
                } else if (subject.length() > MAX_SUBJECT) {
                    problems.add(FieldProblem.of("subject", "validation.length", MAX_SUBJECT));
                } else if (subject.contains("\n") || subject.contains("\r")) {
                    problems.add(FieldProblem.of("subject", "material.subjectOneLine"));
                } else {
                    problems.addAll(MergeTemplate.check("subject", subject));
                }
                html = blankToNull(htmlBody);
                textBody = blankToNull(this.textBody);
                List<FieldProblem> htmlProblems = MergeTemplate.check("htmlBody", html);
                problems.addAll(htmlProblems);
                problems.addAll(MergeTemplate.check("textBody", textBody));
                if (html != null && htmlProblems.isEmpty()) {
                    EmailHtml.Cleaned clean = EmailHtml.clean(html);
                    // HTML that was nothing but what cleaning removes is no body
                    html = blankToNull(clean.html());
                    cleaned = clean.removedSomething();
                }
                if (html == null && textBody == null && htmlProblems.isEmpty()) {
                    problems.add(FieldProblem.of("htmlBody", "material.emailBody"));
                }
            }
            case SMS -> {
                text = required("text", this.text, problems);
                if (text != null) {
                    sms = SmsCount.of(text);
                    if (sms.tooLong()) {
                        problems.add(FieldProblem.of("text", "material.sms.tooLong", SmsCount.MAX_PARTS, sms.parts()));
                    }
                }
            }
            case CALL_SCRIPT -> {
                text = required("text", this.text, problems);
                answers = answers(problems);
            }
            case LETTER -> text = required("text", this.text, problems);
            case SURVEY -> problems.add(FieldProblem.of("kind", "material.surveys"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(kind, name, subject, html, textBody, text, answers, cleaned, sms);
    }

    private static @Nullable String required(String field, @Nullable String value, List<FieldProblem> problems) {
        String text = blankToNull(value);
        if (text == null) {
            problems.add(FieldProblem.of(field, "validation.required"));
            return null;
        }
        List<FieldProblem> found = MergeTemplate.check(field, text);
        problems.addAll(found);
        return text;
    }

    private List<StandardAnswer> answers(List<FieldProblem> problems) {
        List<StandardAnswer> list = new ArrayList<>();
        if (answers == null) {
            return list;
        }
        if (answers.size() > MAX_ANSWERS) {
            problems.add(FieldProblem.of("answers", "material.answers.tooMany", MAX_ANSWERS));
            return list;
        }
        for (int i = 0; i < answers.size(); i++) {
            AnswerInput row = answers.get(i);
            if (row == null || (blankToNull(row.question()) == null && blankToNull(row.answer()) == null)) {
                continue;
            }
            String prefix = "answers[" + i + "]";
            String question = trimmed(row.question());
            String answer = blankToNull(row.answer());
            if (question == null) {
                problems.add(FieldProblem.of(prefix + ".question", "validation.required"));
            } else if (question.length() > 1000) {
                problems.add(FieldProblem.of(prefix + ".question", "validation.length", 1000));
            }
            if (answer == null) {
                problems.add(FieldProblem.of(prefix + ".answer", "validation.required"));
            } else {
                problems.addAll(MergeTemplate.check(prefix + ".answer", answer));
            }
            if (question != null && answer != null) {
                list.add(new StandardAnswer(question, answer.strip()));
            }
        }
        return list;
    }

    /** Bodies keep their inner spacing and line breaks; only blank ones become null. */
    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
