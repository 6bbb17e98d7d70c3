package io.clientele.segment;

import io.clientele.segment.Condition.All;
import io.clientele.segment.Condition.Any;
import io.clientele.segment.Condition.Leaf;
import io.clientele.segment.Condition.Not;
import io.clientele.segment.SegmentField.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Conditions as JSON, version 1 (docs/segments.md): {@code {"all": [...]}}, {@code {"any": [...]}},
 * {@code {"not": {...}}}, and leaves {@code {"field": "city", "op": "in", "values": ["Harrowgate"], "window":
 * {"lastDays": 90}}}. Reading checks everything against the {@link FieldRegistry} and the limits below, and a
 * mistake is an {@link InvalidConditionException} that names where it is.
 */
public final class ConditionJson {
    public static final int VERSION = 1;
    static final int MAX_DEPTH = 20;
    static final int MAX_LEAVES = 200;
    static final int MAX_VALUES = 1_000;
    static final int MAX_TEXT = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

    private final FieldRegistry fields;
    private int leaves;

    private ConditionJson(FieldRegistry fields) {
        this.fields = fields;
    }

    /** Reads a condition from JSON text. */
    public static Condition parse(String json, FieldRegistry fields) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new InvalidConditionException("condition", "not valid JSON");
        }
        return read(node, fields);
    }

    public static Condition read(@Nullable JsonNode node, FieldRegistry fields) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw new InvalidConditionException("condition", "missing");
        }
        return new ConditionJson(fields).condition(node, "condition", 1);
    }

    private Condition condition(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidConditionException(path, "groups nest at most " + MAX_DEPTH + " deep");
        }
        if (!node.isObject()) {
            throw new InvalidConditionException(path, "a condition is an object");
        }
        if (node.has("all") || node.has("any")) {
            String kind = node.has("all") ? "all" : "any";
            onlyKeys(node, path, List.of(kind));
            JsonNode list = node.get(kind);
            if (!list.isArray()) {
                throw new InvalidConditionException(path + "." + kind, "a list of conditions");
            }
            List<Condition> conditions = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                conditions.add(condition(list.get(i), path + "." + kind + "[" + i + "]", depth + 1));
            }
            return kind.equals("all") ? new All(conditions) : new Any(conditions);
        }
        if (node.has("not")) {
            onlyKeys(node, path, List.of("not"));
            return new Not(condition(node.get("not"), path + ".not", depth + 1));
        }
        if (node.has("field")) {
            onlyKeys(node, path, List.of("field", "op", "value", "values", "window"));
            return leaf(node, path);
        }
        throw new InvalidConditionException(path, "expected \"all\", \"any\", \"not\" or \"field\"");
    }

    private Leaf leaf(JsonNode node, String path) {
        if (++leaves > MAX_LEAVES) {
            throw new InvalidConditionException(path, "a segment has at most " + MAX_LEAVES + " conditions");
        }
        String key = text(node.get("field"), path + ".field");
        SegmentField field = fields.find(key)
                .orElseThrow(() -> new InvalidConditionException(path + ".field", "no field '" + shorten(key) + "'"));
        String code = text(node.get("op"), path + ".op");
        Operator operator;
        try {
            operator = Operator.ofCode(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidConditionException(path + ".op", "no operator '" + shorten(code) + "'");
        }
        if (!field.operators().contains(operator)) {
            throw new InvalidConditionException(
                    path + ".op",
                    "'" + operator.code() + "' does not apply to " + key + "; use "
                            + field.operators().stream().map(Operator::code).toList());
        }
        List<JsonNode> raw = rawValues(node, path);
        String valuesPath = path + (node.has("values") ? ".values" : ".value");
        if (operator.arity() >= 0 && raw.size() != operator.arity()) {
            throw new InvalidConditionException(
                    valuesPath, "'" + operator.code() + "' takes " + operator.arity() + " value(s), not " + raw.size());
        }
        if (operator.arity() < 0 && raw.isEmpty()) {
            throw new InvalidConditionException(valuesPath, "'" + operator.code() + "' takes at least one value");
        }
        if (raw.size() > MAX_VALUES) {
            throw new InvalidConditionException(valuesPath, "at most " + MAX_VALUES + " values, not " + raw.size());
        }
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            values.add(
                    value(raw.get(i), field, operator, node.has("values") ? valuesPath + "[" + i + "]" : valuesPath));
        }
        if (operator == Operator.BETWEEN && compare(values.get(0), values.get(1)) > 0) {
            throw new InvalidConditionException(valuesPath, "the first value of 'between' is the lower one");
        }
        Window window = null;
        if (node.has("window")) {
            if (!field.windowed()) {
                throw new InvalidConditionException(path + ".window", key + " takes no time window");
            }
            window = window(node.get("window"), path + ".window");
        }
        return new Leaf(key, operator, values, window);
    }

    private static List<JsonNode> rawValues(JsonNode node, String path) {
        if (node.has("value") && node.has("values")) {
            throw new InvalidConditionException(path, "give \"value\" or \"values\", not both");
        }
        List<JsonNode> raw = new ArrayList<>();
        if (node.has("values")) {
            JsonNode list = node.get("values");
            if (!list.isArray()) {
                throw new InvalidConditionException(path + ".values", "a list of values");
            }
            list.forEach(raw::add);
        } else if (node.has("value")) {
            raw.add(node.get("value"));
        }
        return raw;
    }

    private static Value value(JsonNode node, SegmentField field, Operator operator, String path) {
        ValueType type = field.type();
        if (type == ValueType.ANY) {
            type = node.isNumber() ? ValueType.NUMBER : node.isBoolean() ? ValueType.BOOLEAN : ValueType.TEXT;
            boolean ordered = switch (operator) {
                case LT, LTE, GT, GTE, BETWEEN -> true;
                default -> false;
            };
            if (ordered && type != ValueType.NUMBER) {
                throw new InvalidConditionException(path, "'" + operator.code() + "' compares numbers");
            }
            if (operator == Operator.CONTAINS && type != ValueType.TEXT) {
                throw new InvalidConditionException(path, "'contains' looks for text");
            }
        }
        return switch (type) {
            case TEXT, CHOICE -> {
                if (!node.isString()) {
                    throw new InvalidConditionException(path, "a text for " + field.key());
                }
                String text = node.asString();
                if (text.isEmpty() || text.length() > MAX_TEXT) {
                    throw new InvalidConditionException(path, "a text of 1 to " + MAX_TEXT + " characters");
                }
                if (text.indexOf(0) >= 0) {
                    throw new InvalidConditionException(path, "a text without NUL characters");
                }
                if (type == ValueType.CHOICE && !field.choices().contains(text)) {
                    throw new InvalidConditionException(
                            path, "'" + shorten(text) + "' is not one of " + field.choices());
                }
                yield new Value.Text(text);
            }
            case NUMBER -> {
                BigDecimal number = number(node, path);
                yield new Value.Number(number);
            }
            case DATE -> new Value.Date(date(node, path));
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new InvalidConditionException(path, "true or false");
                }
                yield new Value.Flag(node.asBoolean());
            }
            case ANY -> throw new IllegalStateException("resolved above");
        };
    }

    private static BigDecimal number(JsonNode node, String path) {
        BigDecimal number;
        if (!node.isNumber()) {
            throw new InvalidConditionException(path, "a number");
        }
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw new InvalidConditionException(path, "a finite number");
        }
        number = node.decimalValue();
        if (number.abs().compareTo(new BigDecimal("1e15")) > 0 || number.scale() > 6) {
            throw new InvalidConditionException(path, "a number below 10^15 with at most 6 decimals");
        }
        return number;
    }

    private static LocalDate date(JsonNode node, String path) {
        if (!node.isString()) {
            throw new InvalidConditionException(path, "a date (yyyy-MM-dd)");
        }
        try {
            LocalDate date = LocalDate.parse(node.asString());
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                throw new InvalidConditionException(path, "a date between " + EARLIEST + " and " + LATEST);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new InvalidConditionException(path, "a date (yyyy-MM-dd), not '" + shorten(node.asString()) + "'");
        }
    }

    private static Window window(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidConditionException(path, "{\"lastDays\": N} or {\"from\": date, \"to\": date}");
        }
        if (node.has("lastDays")) {
            onlyKeys(node, path, List.of("lastDays"));
            JsonNode days = node.get("lastDays");
            if (!days.isIntegralNumber() || days.asLong() < 1 || days.asLong() > 36_500) {
                throw new InvalidConditionException(path + ".lastDays", "a whole number of days, 1 to 36500");
            }
            return new Window.LastDays(days.asInt());
        }
        onlyKeys(node, path, List.of("from", "to"));
        if (!node.has("from") || !node.has("to")) {
            throw new InvalidConditionException(path, "{\"lastDays\": N} or {\"from\": date, \"to\": date}");
        }
        LocalDate from = date(node.get("from"), path + ".from");
        LocalDate to = date(node.get("to"), path + ".to");
        if (to.isBefore(from)) {
            throw new InvalidConditionException(path, "'to' is before 'from'");
        }
        return new Window.Between(from, to);
    }

    private static String text(@Nullable JsonNode node, String path) {
        if (node == null || !node.isString() || node.asString().isEmpty()) {
            throw new InvalidConditionException(path, "missing");
        }
        return node.asString();
    }

    private static void onlyKeys(JsonNode node, String path, List<String> allowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw new InvalidConditionException(path, "unexpected \"" + shorten(key) + "\"");
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Value a, Value b) {
        return ((Comparable) a.raw()).compareTo(b.raw());
    }

    /** Input quoted in a message is cut short: a message is not an echo chamber. */
    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** The condition as JSON, in the form {@link #read} takes. */
    public static JsonNode write(Condition condition) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (condition) {
            case All all -> {
                ObjectNode node = nodes.objectNode();
                ArrayNode list = node.putArray("all");
                all.conditions().forEach(c -> list.add(write(c)));
                yield node;
            }
            case Any any -> {
                ObjectNode node = nodes.objectNode();
                ArrayNode list = node.putArray("any");
                any.conditions().forEach(c -> list.add(write(c)));
                yield node;
            }
            case Not not -> nodes.objectNode().set("not", write(not.condition()));
            case Leaf leaf -> {
                ObjectNode node = nodes.objectNode();
                node.put("field", leaf.field());
                node.put("op", leaf.operator().code());
                if (!leaf.values().isEmpty()) {
                    ArrayNode values = node.putArray("values");
                    for (Value value : leaf.values()) {
                        switch (value) {
                            case Value.Text text -> values.add(text.value());
                            case Value.Number number -> values.add(number.value());
                            case Value.Date date -> values.add(date.value().toString());
                            case Value.Flag flag -> values.add(flag.value());
                        }
                    }
                }
                switch (leaf.window()) {
                    case null -> {}
                    case Window.LastDays last -> node.putObject("window").put("lastDays", last.days());
                    case Window.Between between -> {
                        ObjectNode window = node.putObject("window");
                        window.put("from", between.from().toString());
                        window.put("to", between.to().toString());
                    }
                }
                yield node;
            }
        };
    }

    public static String toJson(Condition condition) {
        return JSON.writeValueAsString(write(condition));
    }
}
