package io.clientele.platform;

import java.util.List;

/**
 * What is wrong with one field of some input: the field's name, a message key ({@code validation.email}) and its
 * arguments. Pages show it next to the field, the API lists it in the problem details' {@code errors}.
 */
public record FieldProblem(String field, String code, List<Object> args) {
    public static FieldProblem of(String field, String code, Object... args) {
        return new FieldProblem(field, code, List.of(args));
    }
}
