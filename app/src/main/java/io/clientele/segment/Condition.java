package io.clientele.segment;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A segment's condition: groups (all of, any of, not) over leaves that compare one registered field. Built by
 * {@link ConditionJson} from JSON, which checks every field, operator and value against the {@link FieldRegistry}
 * and says where a condition is wrong.
 */
public sealed interface Condition {
    /** All of the conditions (AND). */
    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }
    }

    /** Any of the conditions (OR). */
    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }
    }

    /** The condition does not hold. */
    record Not(Condition condition) implements Condition {}

    /**
     * One field compared: {@code values} are of the field's type (as many as the operator takes); {@code window}
     * limits a behaviour field to a time span (null: ever).
     */
    record Leaf(
            String field,
            Operator operator,
            List<Value> values,
            @Nullable Window window) implements Condition {
        public Leaf {
            values = List.copyOf(values);
        }
    }
}
