package io.clientele.customer;

import io.clientele.platform.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The customer form as posted: the profile's fields, and the custom attributes as rows of key, type (text, number,
 * yes/no) and value. Rows without a key or a value are ignored, so a row is removed by clearing it.
 */
record CustomerForm(
        @Nullable String externalId,
        @Nullable String cardNumber,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String gender,
        @Nullable String birthDate,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String addressLine,
        @Nullable String postalCode,
        @Nullable String city,
        @Nullable String regionCode,
        @Nullable String incomeBand,
        @Nullable String occupation,
        @Nullable String education,
        @Nullable String homeStoreCode,
        @Nullable String owner,
        @Nullable List<@Nullable AttributeRow> attributes) {

    record AttributeRow(
            @Nullable String key,
            @Nullable String type,
            @Nullable String value) {
        boolean blank() {
            return CustomerForm.blank(key);
        }
    }

    static final String TEXT = "text";
    static final String NUMBER = "number";
    static final String BOOLEAN = "boolean";

    static CustomerForm of(CustomerInput in) {
        List<@Nullable AttributeRow> rows = new ArrayList<>();
        in.attributes().forEach((key, value) -> rows.add(new AttributeRow(key, typeOf(value), String.valueOf(value))));
        return new CustomerForm(
                in.externalId(),
                in.cardNumber(),
                in.firstName(),
                in.lastName(),
                in.gender(),
                in.birthDate(),
                in.email(),
                in.phone(),
                in.addressLine(),
                in.postalCode(),
                in.city(),
                in.regionCode(),
                in.incomeBand(),
                in.occupation(),
                in.education(),
                in.homeStoreCode(),
                in.owner(),
                rows);
    }

    static CustomerForm empty() {
        return of(new CustomerInput(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null));
    }

    /** The rows that are not blank, in order, as the page shows them again. */
    List<AttributeRow> rows() {
        return attributes == null
                ? List.of()
                : attributes.stream().filter(row -> row != null && !row.blank()).toList();
    }

    /** The input; rows whose value does not fit their type are left out and reported by {@link #rowProblems}. */
    CustomerInput toInput() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (AttributeRow row : rows()) {
            Object value = value(row);
            if (value != null) {
                values.putIfAbsent(row.key().strip(), value);
            }
        }
        return new CustomerInput(
                externalId,
                cardNumber,
                firstName,
                lastName,
                gender,
                birthDate,
                email,
                phone,
                addressLine,
                postalCode,
                city,
                regionCode,
                incomeBand,
                occupation,
                education,
                homeStoreCode,
                owner,
                values);
    }

    /** Values that do not fit their type, and keys given twice, named by their row: {@code attributes[2].value}. */
    List<FieldProblem> rowProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<AttributeRow> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            AttributeRow row = rows.get(i);
            if (!keys.add(row.key().strip())) {
                problems.add(FieldProblem.of("attributes[" + i + "].key", "validation.attributeTwice"));
            } else if (!blank(row.value()) && value(row) == null) {
                problems.add(FieldProblem.of(
                        "attributes[" + i + "].value",
                        NUMBER.equals(row.type()) ? "validation.number" : "validation.boolean"));
            }
        }
        return problems;
    }

    /** The editor's problems, those of custom attributes moved to the row that holds the attribute. */
    List<FieldProblem> onRows(List<FieldProblem> problems) {
        List<AttributeRow> rows = rows();
        return problems.stream()
                .map(p -> {
                    if (!p.field().startsWith("customAttributes.")) {
                        return p;
                    }
                    String key = p.field().substring("customAttributes.".length());
                    for (int i = 0; i < rows.size(); i++) {
                        if (rows.get(i).key().strip().equals(key)) {
                            String part = p.code().equals("validation.attributeKey") ? "key" : "value";
                            return new FieldProblem("attributes[" + i + "]." + part, p.code(), p.args());
                        }
                    }
                    return p;
                })
                .toList();
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }

    /** The typed value; null when blank or not of the row's type. */
    private static @Nullable Object value(AttributeRow row) {
        if (blank(row.value())) {
            return null;
        }
        String text = row.value().strip();
        return switch (row.type() == null ? TEXT : row.type()) {
            case NUMBER -> {
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case BOOLEAN ->
                switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes" -> Boolean.TRUE;
                    case "false", "no" -> Boolean.FALSE;
                    default -> null;
                };
            default -> text;
        };
    }

    private static String typeOf(Object value) {
        return value instanceof BigDecimal ? NUMBER : value instanceof Boolean ? BOOLEAN : TEXT;
    }
}
