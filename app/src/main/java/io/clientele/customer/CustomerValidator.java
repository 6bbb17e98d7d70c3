package io.clientele.customer;

import io.clientele.platform.FieldProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rules a customer's fields follow by themselves (those that need the database, such as a unique customer
 * number or a known region, are checked by {@link CustomerEditor}). Works on {@link CustomerInput#normalised()}.
 */
final class CustomerValidator {
    static final int MAX_AGE = 120;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]+");

    private CustomerValidator() {}

    static List<FieldProblem> check(CustomerInput in, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        identifier(problems, "externalId", in.externalId());
        identifier(problems, "cardNumber", in.cardNumber());
        length(problems, "firstName", in.firstName(), 100);
        length(problems, "lastName", in.lastName(), 100);
        if (in.firstName() == null
                && in.lastName() == null
                && in.email() == null
                && in.phone() == null
                && in.externalId() == null
                && in.cardNumber() == null) {
            problems.add(FieldProblem.of("lastName", "validation.nameOrContact"));
        }
        oneOf(problems, "gender", in.gender(), Gender.values());
        birthDate(problems, in.birthDate(), today);
        if (in.email() != null) {
            if (in.email().length() > ContactRules.MAX_EMAIL_LENGTH) {
                problems.add(FieldProblem.of("email", "validation.length", ContactRules.MAX_EMAIL_LENGTH));
            } else if (!ContactRules.isEmail(in.email())) {
                problems.add(FieldProblem.of("email", "validation.email"));
            }
        }
        phone(problems, in.phone());
        length(problems, "addressLine", in.addressLine(), 200);
        length(problems, "postalCode", in.postalCode(), 20);
        length(problems, "city", in.city(), 100);
        oneOf(problems, "incomeBand", in.incomeBand(), IncomeBand.values());
        length(problems, "occupation", in.occupation(), 100);
        oneOf(problems, "education", in.education(), Education.values());
        problems.addAll(CustomAttributes.check(in.attributes()));
        return problems;
    }

    private static void identifier(List<FieldProblem> problems, String field, @Nullable String value) {
        if (value != null && (value.length() > 64 || !IDENTIFIER.matcher(value).matches())) {
            problems.add(FieldProblem.of(field, "validation.identifier", 64));
        }
    }

    private static void length(List<FieldProblem> problems, String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(FieldProblem.of(field, "validation.length", max));
        }
    }

    private static void oneOf(List<FieldProblem> problems, String field, @Nullable String value, Enum<?>[] allowed) {
        if (value != null && Arrays.stream(allowed).noneMatch(e -> e.name().equals(value))) {
            String names = Arrays.stream(allowed).map(Enum::name).collect(Collectors.joining(", "));
            problems.add(FieldProblem.of(field, "validation.oneOf", names));
        }
    }

    private static void birthDate(List<FieldProblem> problems, @Nullable String value, LocalDate today) {
        if (value == null) {
            return;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of("birthDate", "validation.date"));
            return;
        }
        if (date.isAfter(today)) {
            problems.add(FieldProblem.of("birthDate", "validation.future"));
        } else if (date.isBefore(today.minusYears(MAX_AGE))) {
            problems.add(FieldProblem.of("birthDate", "validation.age", MAX_AGE));
        }
    }

    private static void phone(List<FieldProblem> problems, @Nullable String value) {
        if (value == null) {
            return;
        }
        if (!ContactRules.isPhone(value)) {
            problems.add(FieldProblem.of("phone", "validation.phone"));
        }
    }
}
