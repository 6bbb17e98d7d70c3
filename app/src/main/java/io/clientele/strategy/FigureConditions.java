package io.clientele.strategy;

import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.Condition;
import io.clientele.segment.Operator;
import io.clientele.segment.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A figure's customers as a segment condition over the latest run's scores: the drill-down's filter field by field in
 * segment fields, so that a dynamic segment of it counts exactly the figure's customers (while that run is the
 * latest). {@code InsightActionsIntegrationTest} holds every figure of the insight page to that.
 */
final class FigureConditions {
    private FigureConditions() {}

    /** @throws InvalidInputException for the best x% combined with another field (its drill ranks within them) */
    static Condition of(ScoredCustomers.Filter filter) {
        if (filter.fromRun() != null) {
            // segments read the latest run alone: a move from an earlier run is not a condition
            throw new InvalidInputException(FieldProblem.of("fromRun", "figure.transition"));
        }
        List<Condition> all = new ArrayList<>();
        if (filter.churnMonth() != null) {
            // the grade of a churn cell is the one at the month's start, kept with the cell
            all.add(leaf("churned_in", Operator.HAS_ANY, text(filter.churnMonth() + "/" + filter.grade())));
        } else if (filter.grade() != null) {
            all.add(leaf("grade", Operator.EQ, text(filter.grade())));
        }
        add(all, "rfm_segment", filter.segment());
        add(all, "r", filter.r());
        add(all, "f", filter.f());
        add(all, "matrix_class", filter.matrix());
        if (filter.churned() != null) {
            all.add(leaf("churned", Operator.EQ, new Value.Flag(filter.churned())));
        }
        if (Boolean.TRUE.equals(filter.unknownSatisfaction())) {
            // buyers (graded) without a matrix class: no ratings
            all.add(new Condition.Leaf("grade", Operator.IS_SET, List.of(), null));
            all.add(new Condition.Leaf("matrix_class", Operator.IS_NOT_SET, List.of(), null));
        }
        add(all, "clv_band", filter.clvBand());
        if (filter.topPercent() != null) {
            if (!all.isEmpty()) {
                throw new InvalidInputException(FieldProblem.of("topPercent", "figure.topPercentAlone"));
            }
            all.add(leaf("pareto_percent", Operator.LTE, number(filter.topPercent())));
        }
        if (all.isEmpty()) {
            throw new InvalidInputException(FieldProblem.of("grade", "figure.none"));
        }
        return all.size() == 1 ? all.getFirst() : new Condition.All(all);
    }

    private static void add(List<Condition> all, String field, @Nullable Object value) {
        if (value instanceof Integer whole) {
            all.add(leaf(field, Operator.EQ, number(whole)));
        } else if (value != null) {
            all.add(leaf(field, Operator.EQ, text(value.toString())));
        }
    }

    private static Condition leaf(String field, Operator operator, Value value) {
        return new Condition.Leaf(field, operator, List.of(value), null);
    }

    private static Value text(String value) {
        return new Value.Text(value);
    }

    private static Value number(int value) {
        return new Value.Number(BigDecimal.valueOf(value));
    }
}
