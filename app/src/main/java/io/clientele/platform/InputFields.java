package io.clientele.platform;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks every form and API input repeats: trimmed text, a required name of bounded length, a required choice
 * among an enum's constants. Each adds its problem, named by the field, to the caller's list, so that every wrong
 * field is reported at once.
 */
public final class InputFields {
    private InputFields() {}

    /** The text without surrounding spaces; null when blank. */
    public static @Nullable String trimmed(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A required text of at most {@code max} characters, trimmed. */
    public static @Nullable String required(String field, @Nullable String text, int max, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            problems.add(FieldProblem.of(field, "validation.required"));
        } else if (value.length() > max) {
            problems.add(FieldProblem.of(field, "validation.length", max));
        }
        return value;
    }

    /** A required constant of {@code type}, named in any case. */
    public static <E extends Enum<E>> @Nullable E oneOf(
            String field, @Nullable String text, Class<E> type, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            problems.add(FieldProblem.of(field, "validation.required"));
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(FieldProblem.of(field, "validation.oneOf", List.of(type.getEnumConstants())));
            return null;
        }
    }

    /** An optional date (YYYY-MM-DD); null when blank or wrong. */
    public static @Nullable LocalDate date(String field, @Nullable String text, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "validation.date"));
            return null;
        }
    }

    /** An optional amount of money: a number of at most 2 decimals below 10^12; null when blank or wrong. */
    public static @Nullable BigDecimal money(String field, @Nullable String text, List<FieldProblem> problems) {
        String value = trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.scale() > 2 || number.abs().compareTo(new BigDecimal("1e12")) >= 0) {
                problems.add(FieldProblem.of(field, "validation.money"));
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "validation.number"));
            return null;
        }
    }

    /**
     * Adds a problem when the text holds a NUL or half of a surrogate pair: characters no database column or page
     * can keep, which only a broken or hostile client sends.
     */
    public static void printable(String field, @Nullable String text, List<FieldProblem> problems) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == 0 || (Character.isSurrogate(c) && !pairStart)) {
                problems.add(FieldProblem.of(field, "validation.characters"));
                return;
            }
            if (pairStart) {
                i++;
            }
        }
    }
}
