package io.clientele.campaign.audience;

import io.clientele.platform.FieldProblem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An audience as the form and the API send it: segment ids to include and to exclude, the priority (1–9) and the
 * control group's percentage (0 to under 100, two decimals).
 */
public record AudienceInput(
        @Nullable List<String> include,
        @Nullable List<String> exclude,
        @Nullable String priority,
        @Nullable String controlPercent) {

    record Parsed(Set<Long> include, Set<Long> exclude, int priority, BigDecimal controlPercent) {}

    Parsed parse(List<FieldProblem> problems) {
        Set<Long> in = ids("include", include, problems);
        Set<Long> out = ids("exclude", exclude, problems);
        if (in.stream().anyMatch(out::contains)) {
            problems.add(FieldProblem.of("exclude", "audience.bothWays"));
        }
        int level = 5;
        if (priority != null && !priority.isBlank()) {
            try {
                level = Integer.parseInt(priority.strip());
                if (level < 1 || level > 9) {
                    problems.add(FieldProblem.of("priority", "audience.priorityRange"));
                }
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("priority", "audience.priorityRange"));
            }
        }
        BigDecimal percent = BigDecimal.ZERO;
        if (controlPercent != null && !controlPercent.isBlank()) {
            try {
                percent = new BigDecimal(controlPercent.strip());
                if (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0 || percent.scale() > 2) {
                    problems.add(FieldProblem.of("controlPercent", "audience.controlRange"));
                }
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("controlPercent", "validation.number"));
            }
        }
        return new Parsed(in, out, level, percent);
    }

    private static Set<Long> ids(String field, @Nullable List<String> values, List<FieldProblem> problems) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values == null ? new ArrayList<String>() : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.valueOf(value.strip()));
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of(field, "validation.unknown", value.strip()));
            }
        }
        return ids;
    }
}
