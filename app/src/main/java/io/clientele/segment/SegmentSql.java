package io.clientele.segment;

import io.clientele.segment.Condition.All;
import io.clientele.segment.Condition.Any;
import io.clientele.segment.Condition.Leaf;
import io.clientele.segment.Condition.Not;
import io.clientele.segment.SegmentField.Source;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a condition to a parameterised SQL predicate over {@code customer c} left-joined to the latest run's
 * {@code customer_score s}. Every SQL word comes from this class or the {@link FieldRegistry}; every value of the
 * condition becomes a named bind parameter. Each leaf is true or false, never unknown (a comparison with a missing
 * value is false), so NOT is plain negation, as in {@link SegmentEvaluator}.
 */
public final class SegmentSql {
    /** The base the predicate applies to; {@code :run} is the latest completed scoring run (or -1). */
    public static final String FROM =
            " from customer c left join customer_score s on s.customer_id = c.id and s.run_id = :run";

    private final FieldRegistry fields;
    private final Context context;
    private final Map<String, Object> params = new LinkedHashMap<>();

    /**
     * What the SQL depends on besides the condition: today (windows, ages, days since), the zone days are counted
     * in, and the run whose scores apply (null when none has completed: score fields are then refused).
     */
    public record Context(
            LocalDate today, ZoneId zone, @Nullable Long runId) {}

    /** A predicate and its parameters, named for Spring's {@code JdbcClient}. */
    public record Compiled(String where, Map<String, Object> params) {}

    private SegmentSql(FieldRegistry fields, Context context) {
        this.fields = fields;
        this.context = context;
        params.put("today", context.today());
        params.put("zone", context.zone().getId());
        params.put("run", context.runId() == null ? -1L : context.runId());
    }

    public static Compiled compile(Condition condition, FieldRegistry fields, Context context) {
        SegmentSql sql = new SegmentSql(fields, context);
        String where = sql.predicate(condition, "condition");
        return new Compiled(where, Map.copyOf(sql.params));
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
        return switch (field.source()) {
            case Source.Scalar scalar -> compare(scalar.sql(), leaf);
            case Source.Attribute attribute -> attribute(attribute.name(), leaf);
            case Source.Tags tags ->
                set(
                        leaf,
                        values ->
                                "select 1 from customer_tag t where t.customer_id = c.id and t.tag in (" + values + ")",
                        "t.tag");
            case Source.Consent consent ->
                "(coalesce((select cc.granted from customer_consent cc where cc.customer_id"
                        + " = c.id and cc.channel = '" + consent.channel() + "'), false) = "
                        + bind(leaf.values().getFirst())
                        + ")";
            case Source.Bought bought ->
                set(
                        leaf,
                        values -> "select 1 from sale b join sale_line l on l.sale_id = b.id join product p on p.id ="
                                + " l.product_id where b.customer_id = c.id and b.kind = 'SALE' and "
                                + bought.level().column
                                + " in (" + values + ")" + window(leaf.window()),
                        bought.level().column);
            case Source.Purchases purchases ->
                compare(
                        "(select count(*) from sale b where b.customer_id = c.id and b.kind = 'SALE'"
                                + window(leaf.window()) + ")",
                        leaf);
            case Source.Spent spent ->
                compare(
                        "(select coalesce(sum(b.total_amount), 0) from sale b where b.customer_id = c.id"
                                + " and b.kind <> 'CANCELLED'" + window(leaf.window()) + ")",
                        leaf);
        };
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
            case IN -> known(expression + " in (" + bindAll(values) + ")");
            case NOT_IN -> known(expression + " not in (" + bindAll(values) + ")");
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

    /** A set (tags, products bought): has any, all or none of the values. */
    private String set(Leaf leaf, Function<String, String> matching, String column) {
        String values = bindAll(leaf.values());
        String rows = matching.apply(values);
        return switch (leaf.operator()) {
            case HAS_ANY -> "exists (" + rows + ")";
            case HAS_NONE -> "not exists (" + rows + ")";
            case HAS_ALL ->
                "((select count(distinct " + column + ") " + rows.substring("select 1 ".length()) + ") = "
                        + bind(new Value.Number(java.math.BigDecimal.valueOf(
                                leaf.values().stream().distinct().count())))
                        + ")";
            default -> throw new IllegalStateException(leaf.operator() + " on a set");
        };
    }

    private String window(@Nullable Window window) {
        if (window == null) {
            return "";
        }
        LocalDate first = window.firstDay(context.today());
        LocalDate last = window.lastDay(context.today());
        return " and b.sold_at >= " + bindInstant(first) + " and b.sold_at < " + bindInstant(last.plusDays(1));
    }

    private static String known(String comparison) {
        return "coalesce(" + comparison + ", false)";
    }

    private String bind(Value value) {
        String name = "p" + params.size();
        params.put(name, value.raw());
        return ":" + name;
    }

    private String bindAll(List<Value> values) {
        StringBuilder names = new StringBuilder();
        for (Value value : values) {
            if (!names.isEmpty()) {
                names.append(", ");
            }
            names.append(bind(value));
        }
        return names.toString();
    }

    private String bindInstant(LocalDate day) {
        String name = "p" + params.size();
        params.put(name, Timestamp.from(day.atStartOfDay(context.zone()).toInstant()));
        return ":" + name;
    }
}
