package io.clientele.audit;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A search of the audit trail, as given on the page or in the API: each filter optional, the period in whole days
 * (both ends included, in the application's zone), one page of at most {@value #MAX_SIZE} entries, newest first. An
 * action filter matches the action and every action below it: {@code login} matches {@code login.failed}.
 */
record AuditQuery(
        @Nullable String user,
        @Nullable String entity,
        @Nullable String entityId,
        @Nullable String action,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        int page,
        int size) {
    static final int MAX_SIZE = 200;
    static final int DEFAULT_SIZE = 50;
    private static final int MAX_TEXT = 200;

    /** The query of these request parameters, or an {@link InvalidInputException} naming every bad one. */
    static AuditQuery of(
            @Nullable String user,
            @Nullable String entity,
            @Nullable String entityId,
            @Nullable String action,
            @Nullable String from,
            @Nullable String to,
            @Nullable String page,
            @Nullable String size) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate fromDate = date("from", from, problems);
        LocalDate toDate = date("to", to, problems);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            problems.add(FieldProblem.of("to", "validation.endsBeforeStart"));
        }
        AuditQuery query = new AuditQuery(
                text("user", user, problems),
                text("entity", entity, problems),
                text("entityId", entityId, problems),
                text("action", action, problems),
                fromDate,
                toDate,
                number("page", page, 0, 0, Integer.MAX_VALUE, problems),
                number("size", size, DEFAULT_SIZE, 1, MAX_SIZE, problems));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return query;
    }

    /** Blank is no filter; what PostgreSQL cannot store (a NUL, a lone surrogate) cannot match and is refused. */
    private static @Nullable String text(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(FieldProblem.of(field, "validation.length", MAX_TEXT));
            return null;
        }
        if (value.codePoints().anyMatch(c -> c == 0 || Character.getType(c) == Character.SURROGATE)) {
            problems.add(FieldProblem.of(field, "validation.text"));
            return null;
        }
        return value.strip();
    }

    private static @Nullable LocalDate date(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "validation.date"));
            return null;
        }
    }

    private static int number(
            String field, @Nullable String value, int absent, int min, int max, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below like a number out of range
        }
        problems.add(
                max == Integer.MAX_VALUE
                        ? FieldProblem.of(field, "validation.notNegative")
                        : FieldProblem.of(field, "validation.between", min, max));
        return absent;
    }
}
