package io.clientele.survey;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a customer's answers against the survey's questions and turns them into {@link Answer}s; every problem is
 * reported at once, named by the question's key (an aspect's rating by {@code <question>.<aspect>.perceived} or
 * {@code .expected}), and nothing is stored when there is one. Answers arrive as form fields, whatever the door: the
 * page posts {@code q.<question>} ({@code q.<question>.<aspect>.perceived}/{@code .expected} for aspects, one field
 * per option chosen for a multiple choice), and the API's JSON is read into the same fields ({@link #fields}).
 */
final class AnswerValidator {
    static final String PREFIX = "q.";

    private AnswerValidator() {}

    static List<Answer> check(Survey survey, Map<String, List<String>> fields) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (Question q : survey.questions()) {
            String name = PREFIX + q.key();
            switch (q.kind()) {
                case RATING, NPS -> {
                    String given = single(fields, name);
                    if (given == null) {
                        missing(q, q.key(), problems);
                    } else {
                        Integer value =
                                rating(q.key(), given, q.kind().min(), q.kind().max(), problems);
                        if (value != null) {
                            answers.add(new Answer(q.key(), "", value, null, null));
                        }
                    }
                }
                case ASPECTS -> {
                    for (Option aspect : q.options()) {
                        String field = q.key() + "." + aspect.key();
                        String perceived = single(fields, name + "." + aspect.key() + ".perceived");
                        String expected = single(fields, name + "." + aspect.key() + ".expected");
                        if (perceived == null && expected == null) {
                            missing(q, field + ".perceived", problems);
                            continue;
                        }
                        Integer p = perceived == null
                                ? both(field + ".perceived", problems)
                                : rating(field + ".perceived", perceived, 1, 5, problems);
                        Integer e = expected == null
                                ? both(field + ".expected", problems)
                                : rating(field + ".expected", expected, 1, 5, problems);
                        if (p != null && e != null) {
                            answers.add(new Answer(q.key(), aspect.key(), p, e, null));
                        }
                    }
                }
                case SINGLE_CHOICE -> {
                    String given = single(fields, name);
                    if (given == null) {
                        missing(q, q.key(), problems);
                    } else if (q.option(given).isEmpty()) {
                        problems.add(FieldProblem.of(q.key(), "survey.answer.choice"));
                    } else {
                        answers.add(new Answer(q.key(), given, null, null, null));
                    }
                }
                case MULTIPLE_CHOICE -> {
                    Set<String> chosen = new LinkedHashSet<>();
                    for (String given : fields.getOrDefault(name, List.of())) {
                        if (given != null && !given.isBlank()) {
                            chosen.add(given.strip());
                        }
                    }
                    if (chosen.isEmpty()) {
                        missing(q, q.key(), problems);
                    } else if (!chosen.stream().allMatch(c -> q.option(c).isPresent())) {
                        problems.add(FieldProblem.of(q.key(), "survey.answer.choice"));
                    } else {
                        chosen.forEach(c -> answers.add(new Answer(q.key(), c, null, null, null)));
                    }
                }
                case FREE_TEXT -> {
                    String given = single(fields, name);
                    if (given == null) {
                        missing(q, q.key(), problems);
                    } else {
                        int before = problems.size();
                        InputFields.printable(q.key(), given, problems);
                        if (given.length() > QuestionKind.MAX_TEXT) {
                            problems.add(FieldProblem.of(q.key(), "validation.length", QuestionKind.MAX_TEXT));
                        }
                        if (problems.size() == before) {
                            answers.add(new Answer(q.key(), "", null, null, given));
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (answers.isEmpty()) {
            throw new InvalidInputException(FieldProblem.of("answers", "survey.answer.none"));
        }
        return answers;
    }

    /**
     * The API's answers, by question key, as the page's fields: a number or text for a single answer, a list for a
     * multiple choice, and for aspects an object of aspect to {@code {"perceived": 4, "expected": 3}}.
     */
    static Map<String, List<String>> fields(@Nullable Map<String, @Nullable Object> answers) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (answers == null) {
            return fields;
        }
        answers.forEach((question, value) -> {
            String name = PREFIX + question;
            if (value instanceof List<?> list) {
                fields.put(name, list.stream().map(String::valueOf).toList());
            } else if (value instanceof Map<?, ?> aspects) {
                aspects.forEach((aspect, rating) -> {
                    if (rating instanceof Map<?, ?> pair) {
                        put(fields, name + "." + aspect + ".perceived", pair.get("perceived"));
                        put(fields, name + "." + aspect + ".expected", pair.get("expected"));
                    }
                });
            } else {
                put(fields, name, value);
            }
        });
        return fields;
    }

    private static void put(Map<String, List<String>> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, List.of(String.valueOf(value)));
        }
    }

    private static @Nullable String single(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name);
        if (values == null
                || values.isEmpty()
                || values.getFirst() == null
                || values.getFirst().isBlank()) {
            return null;
        }
        return values.getFirst().strip();
    }

    private static void missing(Question q, String field, List<FieldProblem> problems) {
        if (q.required()) {
            problems.add(FieldProblem.of(field, "survey.answer.required"));
        }
    }

    private static @Nullable Integer both(String field, List<FieldProblem> problems) {
        problems.add(FieldProblem.of(field, "survey.answer.both"));
        return null;
    }

    private static @Nullable Integer rating(String field, String given, int min, int max, List<FieldProblem> problems) {
        try {
            int value = Integer.parseInt(given);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, as an out-of-range value is
        }
        problems.add(FieldProblem.of(field, "survey.answer.range", min, max));
        return null;
    }
}
