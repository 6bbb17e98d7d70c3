package io.clientele.segment.sql;

import io.clientele.segment.Condition;
import io.clientele.segment.Condition.All;
import io.clientele.segment.Condition.Any;
import io.clientele.segment.Condition.Leaf;
import io.clientele.segment.Condition.Not;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.InvalidConditionException;
import io.clientele.segment.Operator;
import io.clientele.segment.SegmentContext;
import io.clientele.segment.SegmentEvaluator;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentField.Source;
import io.clientele.segment.SegmentPredicate;
import io.clientele.segment.Value;
import io.clientele.segment.Window;
import io.clientele.segment.summary.SegmentSummary;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a condition to a parameterised SQL predicate over {@code customer c} left-joined to the latest run's
 * {@code customer_score s}. Every SQL word comes from this class or the {@link FieldRegistry}; every value of the
 * condition becomes a named bind parameter. Each leaf is true or false, never unknown (a comparison with a missing
 * value is false), so NOT is plain negation, as in {@link SegmentEvaluator}.
 */
public final class SegmentSql {
    /**
     * The base of the summary predicate: one row per customer of {@code segment_customer}, maintained by
     * {@link SegmentSummary}.
     */
    public static final String SUMMARY_FROM = " from segment_customer c";

    private final FieldRegistry fields;
    private final SegmentContext context;
    private final boolean summary;
    private final String prefix;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private SegmentSql(FieldRegistry fields, SegmentContext context, boolean summary, String prefix) {
        this.fields = fields;
        this.context = context;
        this.summary = summary;
        this.prefix = prefix;
        params.put("today", context.today());
        params.put("zone", context.zone().getId());
        params.put("run", context.runId() == null ? -1L : context.runId());
    }

    /**
     * The plain predicate over {@link SegmentPredicate#FROM}: every behaviour leaf a correlated subquery on the receipts. Always
     * right, and the baseline the summary is measured against.
     */
    public static SegmentPredicate compile(Condition condition, FieldRegistry fields, SegmentContext context) {
        SegmentSql sql = new SegmentSql(fields, context, false, "p");
        String where = sql.predicate(condition, "condition");
        return new SegmentPredicate(where, Map.copyOf(sql.params));
    }

    /** The same condition over {@link #SUMMARY_FROM}, with parameters named {@code prefix0, prefix1, …}. */
    public static SegmentPredicate compileSummary(
            Condition condition, FieldRegistry fields, SegmentContext context, String prefix) {
        SegmentSql sql = new SegmentSql(fields, context, true, prefix);
        String where = sql.predicate(condition, "condition");
        return new SegmentPredicate(where, Map.copyOf(sql.params));
    }

    private String predicate(Condition condition, String path) {
        return switch (condition) {
            case All all -> group(all.conditions(), " and ", "true", path + ".all");
            case Any any -> group(any.conditions(), " or ", "false", path + ".any");
            case Not not -> "not (" + predicate(not.condition(), path + ".not") + ")";
            case Leaf leaf -> leaf(leaf, path);
        };
    }

    private String group(List<Condition> conditions, String joiner, String empty, String path) {
        if (conditions.isEmpty()) {
            return empty;
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                sql.append(joiner);
            }
            sql.append(predicate(conditions.get(i), path + "[" + i + "]"));
        }
        return sql.append(')').toString();
    }

    private String leaf(Leaf leaf, String path) {
        SegmentField field = fields.find(leaf.field())
                .orElseThrow(() -> new InvalidConditionException(path + ".field", "no field '" + leaf.field() + "'"));
        if (field.isScore() && context.runId() == null) {
            throw new InvalidConditionException(
                    path + ".field", leaf.field() + " is a score, and no scoring run has completed yet");
        }
        if (summary) {
            return summaryLeaf(field, leaf);
        }
        return switch (field.source()) {
            case Source.Scalar scalar ->
                compare(scalar.derivation().sql().apply(scalar.column().sql()), leaf);
            case Source.Attribute attribute -> attribute(attribute.name(), leaf);
            case Source.TextSet set -> rows(set.column().rows(), "x(customer_id, value)", null, leaf);
            case Source.Tally tally ->
                compare(
                        "(select coalesce(" + tally.column().aggregate() + ", 0) from sale b where b.customer_id = c.id"
                                + " and b.kind <> 'CANCELLED'" + window(leaf.window(), "b.sold_at") + ")",
                        leaf);
            case Source.Terms terms -> rows(terms.column().rows(), "x(customer_id, value, at)", "x.at", leaf);
        };
    }

    /** A leaf over one row of {@code segment_customer}: the same truth as the plain leaf for a clean customer. */
    private String summaryLeaf(SegmentField field, Leaf leaf) {
        return switch (field.source()) {
            case Source.Scalar scalar ->
                compare(scalar.derivation().sql().apply("c." + scalar.column().name()), leaf);
            case Source.Attribute attribute -> attribute(attribute.name(), leaf);
            case Source.TextSet set -> {
                String column = "c." + set.column().name();
                String values = bindArray(leaf.values());
                yield switch (leaf.operator()) {
                    case HAS_ANY -> "(" + column + " && " + values + ")";
                    case HAS_ALL -> "(" + column + " @> " + values + ")";
                    case HAS_NONE -> "not (" + column + " && " + values + ")";
                    default -> throw new IllegalStateException(leaf.operator() + " on a set");
                };
            }
            case Source.Tally tally ->
                compare(runningTotal("c." + tally.column().name(), leaf.window()), leaf);
            case Source.Terms terms -> terms(terms.column(), leaf);
        };
    }

    /**
     * Held any, all or none of the values in the window: per value, whether a token lies in (low, high], two binary
     * searches ({@code width_bucket} counts the elements at or below a bound). The bounds are computed from the
     * summary's own row in the same statement, so a refresh between two statements cannot shift them.
     */
    private String terms(SegmentField.TermColumn terms, Leaf leaf) {
        String column = "c." + terms.name();
        String level = bind(new Value.Text(terms.name()));
        String low;
        String high;
        if (leaf.window() == null) {
            low = "-1";
            high = "g.span - 1";
        } else {
            String first = bind(new Value.Date(leaf.window().firstDay(context.today())));
            String last = bind(new Value.Date(leaf.window().lastDay(context.today())));
            low = "least(greatest(" + first + "::date - g.first_day, 0), g.span) - 1";
            high = "greatest(least(" + last + "::date - g.first_day, g.span - 1), -1)";
        }
        Set<Value> values = new LinkedHashSet<>(leaf.values());
        // each value's token bounds [low, high] as one array of pairs, computed once per statement (a subquery
        // that does not depend on the customer); a value never seen has no term and is held by none
        String bounds =
                "(select array_agg(array[(t.code::bigint * g.span + " + low + ")::int, (t.code::bigint * g.span + "
                        + high + ")::int]) from segment_term t cross join segment_summary g where t.level = " + level
                        + " and t.value = any(" + bindArray(List.copyOf(values)) + "))";
        String held = " from generate_subscripts(" + bounds + ", 1) i where width_bucket(" + bounds + "[i][1], "
                + column + ") < width_bucket(" + bounds + "[i][2], " + column + ")";
        return switch (leaf.operator()) {
            case HAS_ANY -> "exists (select 1" + held + ")";
            case HAS_ALL -> "((select count(*)" + held + ") = " + values.size() + ")";
            case HAS_NONE -> "not exists (select 1" + held + ")";
            default -> throw new IllegalStateException(leaf.operator() + " on a set");
        };
    }

    /** A running total's growth over the window: its value at the last day minus its value the day before the first. */
    private String runningTotal(String column, @Nullable Window window) {
        if (window == null) {
            return "coalesce(" + column + "[cardinality(" + column + ")], 0)";
        }
        String last = bind(new Value.Date(window.lastDay(context.today())));
        String before = bind(new Value.Date(window.firstDay(context.today()).minusDays(1)));
        return "(coalesce(" + column + "[width_bucket(" + last + "::date, c.days)], 0) - coalesce(" + column
                + "[width_bucket(" + before + "::date, c.days)], 0))";
    }

    /** A scalar expression compared; false where it is null. */
    private String compare(String expression, Leaf leaf) {
        List<Value> values = leaf.values();
        return switch (leaf.operator()) {
            case IS_SET -> "(" + expression + " is not null)";
            case IS_NOT_SET -> "(" + expression + " is null)";
            case EQ -> known(expression + " = " + bind(values.getFirst()));
            case NEQ -> known(expression + " <> " + bind(values.getFirst()));
            case LT -> known(expression + " < " + bind(values.getFirst()));
            case LTE -> known(expression + " <= " + bind(values.getFirst()));
            case GT -> known(expression + " > " + bind(values.getFirst()));
            case GTE -> known(expression + " >= " + bind(values.getFirst()));
            case BETWEEN -> known(expression + " between " + bind(values.get(0)) + " and " + bind(values.get(1)));
            case IN -> known(expression + " = any(" + bindArray(values) + ")");
            case NOT_IN -> known(expression + " <> all(" + bindArray(values) + ")");
            case CONTAINS -> known("strpos(lower(" + expression + "), lower(" + bind(values.getFirst()) + ")) > 0");
            case HAS_ANY, HAS_ALL, HAS_NONE -> throw new IllegalStateException(leaf.operator() + " on a scalar");
        };
    }

    /** A custom attribute: compared as text, as a number (number attributes only) or as yes/no. */
    private String attribute(String name, Leaf leaf) {
        String key = bind(new Value.Text(name));
        String json = "(c.custom_attributes -> " + key + ")";
        if (leaf.operator() == Operator.IS_SET || leaf.operator() == Operator.IS_NOT_SET) {
            return compare(json, leaf);
        }
        return switch (leaf.values().getFirst()) {
            case Value.Number number ->
                compare(
                        "(case when jsonb_typeof(" + json + ") = 'number' then (c.custom_attributes ->> " + key
                                + ")::numeric end)",
                        leaf);
            case Value.Flag flag ->
                compare(
                        "(case when jsonb_typeof(" + json + ") = 'boolean' then (c.custom_attributes ->> " + key
                                + ")::boolean end)",
                        leaf);
            default -> compare("(c.custom_attributes ->> " + key + ")", leaf);
        };
    }

    /**
     * Rows another table keeps of the customer ({@code rows}, named by {@code alias}): whether their values include
     * any, all or none of the condition's, within the window when {@code at} is the rows' time.
     */
    private String rows(String rows, String alias, @Nullable String at, Leaf leaf) {
        String matching = " from (" + rows + ") " + alias + " where x.customer_id = c.id and x.value = any("
                + bindArray(leaf.values()) + ")" + (at == null ? "" : window(leaf.window(), at));
        return switch (leaf.operator()) {
            case HAS_ANY -> "exists (select 1" + matching + ")";
            case HAS_NONE -> "not exists (select 1" + matching + ")";
            case HAS_ALL ->
                "((select count(distinct x.value)" + matching + ") = "
                        + bind(new Value.Number(java.math.BigDecimal.valueOf(
                                leaf.values().stream().distinct().count())))
                        + ")";
            default -> throw new IllegalStateException(leaf.operator() + " on a set");
        };
    }

    private String window(@Nullable Window window, String column) {
        if (window == null) {
            return "";
        }
        LocalDate first = window.firstDay(context.today());
        LocalDate last = window.lastDay(context.today());
        return " and " + column + " >= " + bindInstant(first) + " and " + column + " < "
                + bindInstant(last.plusDays(1));
    }

    private static String known(String comparison) {
        return "coalesce(" + comparison + ", false)";
    }

    private String bind(Value value) {
        String name = prefix + params.size();
        params.put(name, value.raw());
        return ":" + name;
    }

    /**
     * A leaf's values as one array parameter, so that a condition within the documented limits (200 leaves of up to
     * 1,000 values) stays far below PostgreSQL's 65,535 parameters per statement. Bound as text and cast: the
     * driver sends a text array whatever the values' kind.
     */
    private String bindArray(List<Value> values) {
        String type = switch (values.getFirst()) {
            case Value.Text text -> "text";
            case Value.Number number -> "numeric";
            case Value.Date date -> "date";
            case Value.Flag flag -> "boolean";
        };
        String name = prefix + params.size();
        params.put(name, values.stream().map(v -> v.raw().toString()).toArray(String[]::new));
        return "cast(:" + name + " as " + type + "[])";
    }

    private String bindInstant(LocalDate day) {
        String name = prefix + params.size();
        params.put(name, Timestamp.from(day.atStartOfDay(context.zone()).toInstant()));
        return ":" + name;
    }
}
