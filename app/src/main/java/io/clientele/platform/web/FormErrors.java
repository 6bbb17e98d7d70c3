package io.clientele.platform.web;

import io.clientele.platform.FieldProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The problems of a submitted form by field, for templates: {@code errors.has('email')}, {@code errors.get('email')}. */
public record FormErrors(Map<String, FieldProblem> byField) {
    public static final String ATTRIBUTE = "errors";
    public static final FormErrors NONE = new FormErrors(Map.of());

    /** The first problem of each field counts; one message per field is enough to fix it. */
    public static FormErrors of(List<FieldProblem> problems) {
        Map<String, FieldProblem> byField = new LinkedHashMap<>();
        problems.forEach(p -> byField.putIfAbsent(p.field(), p));
        return new FormErrors(byField);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public @Nullable FieldProblem get(String field) {
        return byField.get(field);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }
}
