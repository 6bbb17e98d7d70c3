package io.clientele.customer;

import io.clientele.platform.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules of {@code customer.custom_attributes}: a flat JSON object whose keys segments can name
 * ({@code [a-z][a-z0-9_]{0,39}}) and whose values are text, numbers or true/false.
 */
final class CustomAttributes {
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_TEXT = 500;

    private CustomAttributes() {}

    /**
     * Sorted by key, null values dropped, numbers as plain decimals without trailing zeros (so 42, 42.0 and "42" from
     * JSON or a form compare equal); anything else is kept for {@link #check} to report.
     */
    static Map<String, Object> canonical(@Nullable Map<String, ? extends @Nullable Object> attributes) {
        Map<String, Object> canonical = new TreeMap<>();
        if (attributes != null) {
            attributes.forEach((key, value) -> {
                if (value != null) {
                    canonical.put(key, value instanceof Number n ? number(n) : value);
                }
            });
        }
        return canonical;
    }

    static BigDecimal number(Number value) {
        BigDecimal number = new BigDecimal(value.toString()).stripTrailingZeros();
        return number.scale() < 0 ? number.setScale(0) : number;
    }

    static List<FieldProblem> check(Map<String, Object> attributes) {
        List<FieldProblem> problems = new ArrayList<>();
        if (attributes.size() > MAX_ATTRIBUTES) {
            problems.add(FieldProblem.of("customAttributes", "validation.attributeCount", MAX_ATTRIBUTES));
        }
        attributes.forEach((key, value) -> {
            String field = "customAttributes." + key;
            if (!KEY.matcher(key).matches()) {
                problems.add(FieldProblem.of(field, "validation.attributeKey", key));
            } else if (!(value instanceof String || value instanceof BigDecimal || value instanceof Boolean)) {
                problems.add(FieldProblem.of(field, "validation.attributeValue"));
            } else if (value instanceof String text && text.length() > MAX_TEXT) {
                problems.add(FieldProblem.of(field, "validation.length", MAX_TEXT));
            }
        });
        return problems;
    }

    /** The survivor's attributes win; the other's fill the keys the survivor lacks. */
    static Map<String, Object> fill(Map<String, Object> survivor, Map<String, Object> other) {
        Map<String, Object> filled = new TreeMap<>(other);
        filled.putAll(survivor);
        return filled;
    }
}
