package io.clientele.segment;

import io.clientele.segment.Condition.All;
import io.clientele.segment.Condition.Any;
import io.clientele.segment.Condition.Leaf;
import io.clientele.segment.Condition.Not;
import io.clientele.segment.SegmentField.Source;
import io.clientele.segment.sql.SegmentSql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a condition on one customer in memory, by the same rules as {@link SegmentSql}: a comparison with a
 * missing value is false, text compares exactly (contains ignores case), numbers by value, sets by membership,
 * windows in whole days. The differential test holds the two to each other.
 */
public final class SegmentEvaluator {
    private final FieldRegistry fields;
    private final LocalDate today;

    public SegmentEvaluator(FieldRegistry fields, LocalDate today) {
        this.fields = fields;
        this.today = today;
    }

    public boolean test(Condition condition, CustomerFacts customer) {
        return switch (condition) {
            case All all -> all.conditions().stream().allMatch(c -> test(c, customer));
            case Any any -> any.conditions().stream().anyMatch(c -> test(c, customer));
            case Not not -> !test(not.condition(), customer);
            case Leaf leaf -> leaf(leaf, customer);
        };
    }

    private boolean leaf(Leaf leaf, CustomerFacts customer) {
        SegmentField field = fields.find(leaf.field()).orElseThrow();
        return switch (field.source()) {
            case Source.Scalar scalar -> {
                Object value = customer.column(scalar.column());
                yield compare(
                        normalise(
                                value == null
                                        ? null
                                        : scalar.derivation().read().read(value, today)),
                        leaf);
            }
            case Source.Attribute attribute -> attribute(customer.attributes().get(attribute.name()), leaf);
            case Source.TextSet set -> set(customer.sets().getOrDefault(set.column(), Set.of()), leaf);
            case Source.Tally tally -> {
                BigDecimal total = BigDecimal.ZERO;
                for (SegmentField.Receipt receipt : customer.receipts()) {
                    if (within(receipt.day(), leaf.window())) {
                        total = total.add(tally.column().amount().apply(receipt));
                    }
                }
                yield compare(total, leaf);
            }
            case Source.Terms terms -> {
                Set<String> held = new HashSet<>();
                for (CustomerFacts.Held row : customer.terms().getOrDefault(terms.column(), List.of())) {
                    if (within(row.day(), leaf.window())) {
                        held.add(row.value());
                    }
                }
                yield set(held, leaf);
            }
        };
    }

    private boolean within(LocalDate day, @Nullable Window window) {
        return window == null || (!day.isBefore(window.firstDay(today)) && !day.isAfter(window.lastDay(today)));
    }

    /** Whether a scalar value (a number as BigDecimal) satisfies the leaf; also what the audience index decides by. */
    public static boolean compare(@Nullable Object value, Leaf leaf) {
        List<Value> values = leaf.values();
        return switch (leaf.operator()) {
            case IS_SET -> value != null;
            case IS_NOT_SET -> value == null;
            case EQ -> value != null && compareTo(value, values.getFirst()) == 0;
            case NEQ -> value != null && compareTo(value, values.getFirst()) != 0;
            case LT -> value != null && compareTo(value, values.getFirst()) < 0;
            case LTE -> value != null && compareTo(value, values.getFirst()) <= 0;
            case GT -> value != null && compareTo(value, values.getFirst()) > 0;
            case GTE -> value != null && compareTo(value, values.getFirst()) >= 0;
            case BETWEEN ->
                value != null && compareTo(value, values.get(0)) >= 0 && compareTo(value, values.get(1)) <= 0;
            case IN -> value != null && values.stream().anyMatch(v -> compareTo(value, v) == 0);
            case NOT_IN -> value != null && values.stream().noneMatch(v -> compareTo(value, v) == 0);
            case CONTAINS ->
                value != null
                        && value.toString()
                                .toLowerCase(Locale.ROOT)
                                .contains(
                                        ((Value.Text) values.getFirst()).value().toLowerCase(Locale.ROOT));
            case HAS_ANY, HAS_ALL, HAS_NONE -> throw new IllegalStateException(leaf.operator() + " on a scalar");
        };
    }

    /** A custom attribute compared by the type of the condition's value, as the SQL does. */
    private boolean attribute(@Nullable Object value, Leaf leaf) {
        if (leaf.operator() == Operator.IS_SET || leaf.operator() == Operator.IS_NOT_SET) {
            return compare(value, leaf);
        }
        return switch (leaf.values().getFirst()) {
            case Value.Number number -> compare(value instanceof BigDecimal ? value : null, leaf);
            case Value.Flag flag -> compare(value instanceof Boolean ? value : null, leaf);
            default -> compare(value == null ? null : text(value), leaf);
        };
    }

    private static boolean set(Set<String> held, Leaf leaf) {
        Set<String> wanted = new HashSet<>();
        leaf.values().forEach(v -> wanted.add(((Value.Text) v).value()));
        return switch (leaf.operator()) {
            case HAS_ANY -> wanted.stream().anyMatch(held::contains);
            case HAS_NONE -> wanted.stream().noneMatch(held::contains);
            case HAS_ALL -> held.containsAll(wanted);
            default -> throw new IllegalStateException(leaf.operator() + " on a set");
        };
    }

    /** Numbers as BigDecimal, so 3 and 3.0 compare equal, as in SQL. */
    public static @Nullable Object normalise(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            default -> value;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareTo(Object value, Value condition) {
        Object other = condition.raw();
        if (value instanceof BigDecimal number && other instanceof BigDecimal wanted) {
            return number.compareTo(wanted);
        }
        return ((Comparable) value).compareTo(other);
    }

    /** A custom attribute's text form, as PostgreSQL's {@code ->>} gives it. */
    private static String text(Object value) {
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }
}
