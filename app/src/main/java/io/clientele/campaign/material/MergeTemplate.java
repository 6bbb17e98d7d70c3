package io.clientele.campaign.material;

import io.clientele.platform.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The personalisation language of materials: {@code {{first_name}}} or {@code {{first_name|Valued customer}}}, where
 * the name is one of {@link #NAMES}. That is all of it. Rendering is a lookup in a map of plain strings built from
 * whitelisted fields: nothing is evaluated, no method is called and no property is read by name, so a template cannot
 * reach code whatever its author writes. Text outside placeholders is copied as it is (including {@code ${…}} or
 * {@code #{…}}, which mean nothing here).
 */
public final class MergeTemplate {
    /** The placeholders a template may use, in the order the pages list them. */
    public static final List<String> NAMES = List.of(
            "first_name",
            "last_name",
            "city",
            "home_store",
            "card_number",
            "grade",
            "offer.code",
            "offer.description",
            "offer.valid_until",
            "event_link");

    private static final Set<String> ALLOWED = Set.copyOf(NAMES);

    /** Placeholders other features added ({@link MergeFieldRegistry}); names from code, the same in every context. */
    private static final Set<String> ADDED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A personal link to a survey, named by the survey's key: {@code {{survey_link.coffee_trial}}}. Whether a survey
     * has the key is checked where surveys are known ({@code Materials}); here only its form.
     */
    public static final String SURVEY_LINK = "survey_link.";

    private static final Pattern SURVEY_LINK_NAME = Pattern.compile("survey_link\\.[a-z][a-z0-9_]{0,39}");

    /** Longest template, in characters, of any one field. */
    public static final int MAX_LENGTH = 100_000;

    static final int MAX_FALLBACK = 200;

    // inside the braces: a name, then optionally | and a fallback without braces; spaces around the name are fine
    private static final Pattern INSIDE = Pattern.compile("\\s*([^|{}\\s]*)\\s*(?:\\|([^{}]*))?");

    private MergeTemplate() {}

    /** How inserted values are written: escaped for HTML, or as they are for text. */
    public enum Escaping {
        HTML,
        TEXT
    }

    /**
     * The problems of one field's template: an unknown placeholder, braces opened and not closed (or closed and not
     * opened), braces inside a placeholder, or a template too long. Each problem names the field and the line and
     * column where it is.
     */
    public static List<FieldProblem> check(String field, @Nullable String template) {
        List<FieldProblem> problems = new ArrayList<>();
        if (template == null) {
            return problems;
        }
        if (template.length() > MAX_LENGTH) {
            problems.add(FieldProblem.of(field, "validation.length", MAX_LENGTH));
            return problems;
        }
        parse(template, (start, end, name, fallback) -> {}, (position, code, detail) -> {
            int[] lineColumn = lineColumn(template, position);
            problems.add(FieldProblem.of(field, code, detail, lineColumn[0], lineColumn[1]));
        });
        return problems;
    }

    /**
     * The template with each placeholder replaced by its value, or its fallback when the value is missing or blank
     * (or nothing when there is no fallback). Values and fallbacks are HTML-escaped for {@link Escaping#HTML}.
     *
     * @throws IllegalArgumentException when the template does not pass {@link #check}
     */
    public static String render(String template, Map<String, String> values, Escaping escaping) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int[] copied = {0};
        parse(
                template,
                (start, end, name, fallback) -> {
                    out.append(template, copied[0], start);
                    String value = values.get(name);
                    String chosen = value == null || value.isBlank() ? (fallback == null ? "" : fallback) : value;
                    out.append(escaping == Escaping.HTML ? escapeHtml(chosen) : chosen);
                    copied[0] = end;
                },
                (position, code, detail) -> {
                    throw new IllegalArgumentException(code + " at " + position + ": " + detail);
                });
        out.append(template, copied[0], template.length());
        return out.toString();
    }

    /** Whether the template has the placeholder {@code name} (with or without a fallback). */
    public static boolean uses(@Nullable String template, String name) {
        boolean[] found = {false};
        if (template != null) {
            parse(
                    template,
                    (start, end, placeholder, fallback) -> found[0] |= placeholder.equals(name),
                    (position, code, detail) -> {});
        }
        return found[0];
    }

    /** The keys of the surveys the template links to ({@code {{survey_link.<key>}}}), in order, each once. */
    public static Set<String> surveyKeys(@Nullable String template) {
        Set<String> keys = new LinkedHashSet<>();
        if (template != null) {
            parse(
                    template,
                    (start, end, name, fallback) -> {
                        if (name.startsWith(SURVEY_LINK)) {
                            keys.add(name.substring(SURVEY_LINK.length()));
                        }
                    },
                    (position, code, detail) -> {});
        }
        return keys;
    }

    static void allow(String name) {
        ADDED.add(name);
    }

    /** Escapes the five characters that matter in HTML text and in quoted attribute values. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private interface Placeholder {
        void found(int start, int end, String name, @Nullable String fallback);
    }

    private interface Problem {
        void found(int position, String code, String detail);
    }

    /** One pass over the template; stops at the first malformed brace, since what follows cannot be read safely. */
    private static void parse(String template, Placeholder placeholder, Problem problem) {
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            int strayClose = template.indexOf("}}", i);
            if (strayClose >= 0 && (open < 0 || strayClose < open)) {
                problem.found(strayClose, "material.template.strayClose", "}}");
                return;
            }
            if (open < 0) {
                return;
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                problem.found(open, "material.template.unclosed", "{{");
                return;
            }
            String inside = template.substring(open + 2, close);
            Matcher matcher = INSIDE.matcher(inside);
            if (inside.indexOf('{') >= 0 || inside.indexOf('}') >= 0 || !matcher.matches()) {
                problem.found(open, "material.template.malformed", shorten(inside));
                return;
            }
            String name = matcher.group(1);
            String fallback = matcher.group(2);
            if (!ALLOWED.contains(name)
                    && !ADDED.contains(name)
                    && !SURVEY_LINK_NAME.matcher(name).matches()) {
                problem.found(open, "material.template.unknown", shorten(inside.strip()));
            } else if (fallback != null && fallback.length() > MAX_FALLBACK) {
                problem.found(open, "material.template.fallback", String.valueOf(MAX_FALLBACK));
            } else {
                placeholder.found(open, close + 2, name, fallback == null ? null : fallback.strip());
            }
            i = close + 2;
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** 1-based line and column of a character. */
    static int[] lineColumn(String text, int position) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, position - lineStart + 1};
    }
}
