package io.clientele.journey;

import io.clientele.campaign.StepChannel;
import io.clientele.journey.JourneyGraph.*;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The graph's JSON (docs/journeys.md). Reading reports every malformed field at once, each named by its node
 * ({@code nodes[n3].config.within}) or edge ({@code edges[2].to}); what a well-formed graph may still get wrong
 * (reachability, cycles, branches, materials) is {@link GraphRules}' to say.
 */
final class GraphJson {
    static final int MAX_NODES = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<FieldProblem> problems = new ArrayList<>();

    private GraphJson() {}

    static JourneyGraph read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new InvalidInputException(FieldProblem.of("graph", "journey.json"));
        }
        return read(root);
    }

    static JourneyGraph read(@Nullable JsonNode root) {
        GraphJson reader = new GraphJson();
        JourneyGraph graph = reader.graph(root);
        if (!reader.problems.isEmpty()) {
            throw new InvalidInputException(reader.problems);
        }
        return graph;
    }

    private JourneyGraph graph(@Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            problems.add(FieldProblem.of("graph", "journey.json"));
            return new JourneyGraph(List.of(), List.of());
        }
        List<Node> nodes = new ArrayList<>();
        JsonNode nodeArray = root.path("nodes");
        if (!nodeArray.isArray()) {
            problems.add(FieldProblem.of("nodes", "validation.required"));
        } else if (nodeArray.size() > MAX_NODES) {
            problems.add(FieldProblem.of("nodes", "journey.tooManyNodes", MAX_NODES));
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < nodeArray.size(); i++) {
                JsonNode id = nodeArray.get(i).path("id");
                if (id.isString() && !ids.add(id.asString().strip())) {
                    problems.add(FieldProblem.of("nodes[" + id.asString().strip() + "].id", "journey.node.idTwice"));
                    continue;
                }
                Node node = node(nodeArray.get(i), i);
                if (node != null) {
                    nodes.add(node);
                }
            }
        }
        List<Edge> edges = new ArrayList<>();
        JsonNode edgeArray = root.path("edges");
        if (!edgeArray.isMissingNode() && !edgeArray.isNull() && !edgeArray.isArray()) {
            problems.add(FieldProblem.of("edges", "journey.json"));
        } else if (edgeArray.isArray()) {
            for (int i = 0; i < edgeArray.size(); i++) {
                JsonNode edge = edgeArray.get(i);
                String at = "edges[" + i + "]";
                String from = text(edge, "from", at, true);
                String to = text(edge, "to", at, true);
                String branch = text(edge, "branch", at, false);
                if (from != null && to != null) {
                    edges.add(new Edge(from, to, branch));
                }
            }
        }
        return new JourneyGraph(nodes, edges);
    }

    private @Nullable Node node(JsonNode json, int index) {
        String id = text(json, "id", "nodes[" + index + "]", true);
        if (id == null) {
            return null;
        }
        String at = "nodes[" + id + "]";
        if (!id.matches("[A-Za-z0-9_-]{1,40}")) {
            problems.add(FieldProblem.of(at + ".id", "journey.node.id"));
            return null;
        }
        Kind kind = oneOf(json, "kind", at, Kind.class, true);
        String label = text(json, "label", at, false);
        double x = json.path("x").asDouble(0);
        double y = json.path("y").asDouble(0);
        if (kind == null) {
            return null;
        }
        JsonNode config = json.path("config");
        String c = at + ".config";
        Config read = switch (kind) {
            case ENTRY -> entry(config, c);
            case SEND ->
                new Send(
                        oneOf(config, "channel", c, StepChannel.class, false),
                        number(config, "materialId", c),
                        text(config, "offer", c, false),
                        coupon(config, c));
            case WAIT -> waitRule(config, c);
            case DECISION -> decision(config, c);
            case SPLIT -> split(config, c);
            case ACTION -> action(config, c);
            case GOAL -> new Goal(text(config, "purchased", c, false));
            case EXIT -> new Exit();
        };
        return read == null ? null : new Node(id, label == null ? id : label, x, y, read);
    }

    private @Nullable Config entry(JsonNode config, String at) {
        String trigger = text(config, "trigger", at, true);
        Integer reentry = null;
        if (config.hasNonNull("reentryAfterDays")) {
            Long days = number(config, "reentryAfterDays", at);
            if (days != null && (days < 1 || days > 3650)) {
                problems.add(FieldProblem.of(at + ".reentryAfterDays", "journey.range", 1, 3650));
            } else if (days != null) {
                reentry = days.intValue();
            }
        }
        if (trigger == null) {
            return null;
        }
        EntryRule rule = switch (trigger.toUpperCase(Locale.ROOT)) {
            case "SEGMENT_AT_LAUNCH" -> segment(config, at, SegmentAtLaunch::new);
            case "SEGMENT_NEWLY_MATCHING" -> segment(config, at, SegmentNewlyMatching::new);
            case "PURCHASE" -> {
                String product = text(config, "product", at, true);
                yield product == null ? null : new Purchased(product);
            }
            case "BIRTHDAY" -> new Birthday();
            case "SURVEY_ANSWERED" -> {
                Long survey = required(config, "surveyId", at);
                yield survey == null ? null : new SurveyAnswered(survey);
            }
            case "FORM_SUBMITTED" -> {
                Long form = required(config, "formId", at);
                yield form == null ? null : new FormSent(form);
            }
            default -> {
                problems.add(FieldProblem.of(
                        at + ".trigger",
                        "validation.oneOf",
                        List.of(
                                "SEGMENT_AT_LAUNCH",
                                "SEGMENT_NEWLY_MATCHING",
                                "PURCHASE",
                                "BIRTHDAY",
                                "SURVEY_ANSWERED",
                                "FORM_SUBMITTED")));
                yield null;
            }
        };
        return rule == null ? null : new Entry(rule, reentry);
    }

    private @Nullable EntryRule segment(JsonNode config, String at, Function<Long, EntryRule> rule) {
        Long segment = required(config, "segmentId", at);
        return segment == null ? null : rule.apply(segment);
    }

    private @Nullable Config waitRule(JsonNode config, String at) {
        if (config.hasNonNull("duration")) {
            Duration duration = duration(config, "duration", at);
            return duration == null ? null : new Wait(new For(duration));
        }
        if (config.hasNonNull("until")) {
            try {
                return new Wait(new Until(Instant.parse(config.get("until").asString())));
            } catch (DateTimeException e) {
                problems.add(FieldProblem.of(at + ".until", "journey.instant"));
                return null;
            }
        }
        if (config.hasNonNull("window")) {
            JsonNode window = config.get("window");
            String w = at + ".window";
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (window.path("days").isArray()) {
                for (JsonNode day : window.path("days")) {
                    DayOfWeek parsed = dayOfWeek(day.asString());
                    if (parsed == null) {
                        problems.add(FieldProblem.of(w + ".days", "journey.weekday"));
                    } else {
                        days.add(parsed);
                    }
                }
            }
            if (days.isEmpty()) {
                days = EnumSet.allOf(DayOfWeek.class);
            }
            LocalTime from = time(window, "from", w);
            LocalTime to = time(window, "to", w);
            if (from == null || to == null) {
                return null;
            }
            if (!to.isAfter(from)) {
                problems.add(FieldProblem.of(w + ".to", "journey.window.order"));
                return null;
            }
            return new Wait(new Window(days, from, to));
        }
        problems.add(FieldProblem.of(at + ".duration", "journey.wait.rule"));
        return null;
    }

    private static @Nullable DayOfWeek dayOfWeek(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (upper.length() >= 3 && day.name().startsWith(upper)) {
                return day;
            }
        }
        return null;
    }

    private @Nullable LocalTime time(JsonNode json, String field, String at) {
        String text = text(json, field, at, true);
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeException e) {
            problems.add(FieldProblem.of(at + "." + field, "journey.time"));
            return null;
        }
    }

    private @Nullable Config decision(JsonNode config, String at) {
        String send = text(config, "send", at, false);
        Duration within = config.hasNonNull("within") ? duration(config, "within", at) : null;
        String on = text(config, "on", at, true);
        if (on == null) {
            return null;
        }
        Feedback feedback = switch (on.toUpperCase(Locale.ROOT)) {
            case "OPENED" -> new Opened();
            case "CLICKED" -> new Clicked(text(config, "link", at, false));
            case "RESPONDED" -> new Responded();
            case "REDEEMED" -> new Redeemed();
            case "CALL_OUTCOME" -> {
                Set<String> outcomes = new LinkedHashSet<>();
                config.path("outcomes").forEach(o -> outcomes.add(o.asString()));
                if (outcomes.isEmpty()) {
                    problems.add(FieldProblem.of(at + ".outcomes", "validation.required"));
                    yield null;
                }
                yield new CallOutcome(outcomes);
            }
            case "SURVEY_ANSWERED" -> {
                Long survey = required(config, "surveyId", at);
                yield survey == null ? null : new SurveyAnswer(survey);
            }
            case "SURVEY_RATING" -> {
                Long survey = required(config, "surveyId", at);
                String question = text(config, "question", at, true);
                Comparison op = oneOf(config, "op", at, Comparison.class, true);
                Long value = required(config, "value", at);
                yield survey == null || question == null || op == null || value == null
                        ? null
                        : new SurveyRating(survey, question, op, value.intValue());
            }
            default -> {
                problems.add(FieldProblem.of(
                        at + ".on",
                        "validation.oneOf",
                        List.of(
                                "OPENED",
                                "CLICKED",
                                "RESPONDED",
                                "REDEEMED",
                                "CALL_OUTCOME",
                                "SURVEY_ANSWERED",
                                "SURVEY_RATING")));
                yield null;
            }
        };
        return feedback == null ? null : new Decision(send, feedback, within);
    }

    private @Nullable Config split(JsonNode config, String at) {
        String mode = config.hasNonNull("mode") ? config.get("mode").asString() : "RANDOM";
        if (mode.equalsIgnoreCase("AB")) {
            Long sample = number(config, "samplePercent", at);
            if (sample == null || sample < 1 || sample > 100) {
                problems.add(FieldProblem.of(at + ".samplePercent", "journey.range", 1, 100));
            }
            Metric metric = oneOf(config, "metric", at, Metric.class, true);
            double significance = config.path("significance").asDouble(0.05);
            if (!(significance > 0 && significance < 0.5)) {
                problems.add(FieldProblem.of(at + ".significance", "journey.significance"));
            }
            Duration decideAfter = config.hasNonNull("decideAfter") ? duration(config, "decideAfter", at) : null;
            return sample == null || metric == null
                    ? null
                    : new AbTest(
                            oneOf(config, "channel", at, StepChannel.class, false),
                            number(config, "materialA", at),
                            number(config, "materialB", at),
                            sample.intValue(),
                            metric,
                            significance,
                            decideAfter);
        }
        if (!mode.equalsIgnoreCase("RANDOM")) {
            problems.add(FieldProblem.of(at + ".mode", "validation.oneOf", List.of("RANDOM", "AB")));
            return null;
        }
        List<Share> shares = new ArrayList<>();
        JsonNode branches = config.path("branches");
        if (!branches.isArray() || branches.isEmpty()) {
            problems.add(FieldProblem.of(at + ".branches", "validation.required"));
            return null;
        }
        for (int i = 0; i < branches.size(); i++) {
            String b = at + ".branches[" + i + "]";
            String name = text(branches.get(i), "branch", b, true);
            Long percent = number(branches.get(i), "percent", b);
            if (percent == null || percent < 0 || percent > 100) {
                problems.add(FieldProblem.of(b + ".percent", "validation.percent"));
            } else if (name != null) {
                shares.add(new Share(name, percent.intValue()));
            }
        }
        return new RandomSplit(shares);
    }

    private @Nullable Config action(JsonNode config, String at) {
        String action = text(config, "action", at, true);
        if (action == null) {
            return null;
        }
        ActionRule rule = switch (action.toUpperCase(Locale.ROOT)) {
            case "ADD_TAG" -> {
                String tag = text(config, "tag", at, true);
                yield tag == null ? null : new AddTag(tag);
            }
            case "REMOVE_TAG" -> {
                String tag = text(config, "tag", at, true);
                yield tag == null ? null : new RemoveTag(tag);
            }
            case "SET_ATTRIBUTE" -> {
                String key = text(config, "key", at, true);
                String value = text(config, "value", at, true);
                yield key == null || value == null ? null : new SetAttribute(key, value);
            }
            case "ASSIGN_OWNER" -> {
                String user = text(config, "username", at, true);
                yield user == null ? null : new AssignOwner(user);
            }
            case "HAND_TO_GROUP" -> {
                List<String> users = users(config, at);
                yield users.isEmpty()
                        ? null
                        : new HandToGroup(users, config.path("callList").asBoolean());
            }
            case "CREATE_LEAD" -> {
                List<String> users = users(config, at);
                yield users.isEmpty() ? null : new CreateLead(users);
            }
            case "START_SUB_CAMPAIGN" -> {
                String name = text(config, "name", at, true);
                BigDecimal budget = null;
                try {
                    budget = new BigDecimal(config.path("budget").asString("0"));
                } catch (NumberFormatException e) {
                    problems.add(FieldProblem.of(at + ".budget", "validation.number"));
                }
                yield name == null || budget == null ? null : new StartSubCampaign(name, budget);
            }
            default -> {
                problems.add(FieldProblem.of(
                        at + ".action",
                        "validation.oneOf",
                        List.of(
                                "ADD_TAG",
                                "REMOVE_TAG",
                                "SET_ATTRIBUTE",
                                "ASSIGN_OWNER",
                                "HAND_TO_GROUP",
                                "CREATE_LEAD",
                                "START_SUB_CAMPAIGN")));
                yield null;
            }
        };
        return rule == null ? null : new Action(rule);
    }

    private List<String> users(JsonNode config, String at) {
        List<String> users = new ArrayList<>();
        config.path("users").forEach(u -> users.add(u.asString()));
        if (users.isEmpty()) {
            problems.add(FieldProblem.of(at + ".users", "validation.required"));
        }
        return users;
    }

    private @Nullable Duration duration(JsonNode json, String field, String at) {
        try {
            Duration duration = Duration.parse(json.get(field).asString());
            if (duration.isNegative() || duration.isZero()) {
                problems.add(FieldProblem.of(at + "." + field, "journey.duration"));
                return null;
            }
            return duration;
        } catch (DateTimeException e) {
            problems.add(FieldProblem.of(at + "." + field, "journey.duration"));
            return null;
        }
    }

    /** A coupon send's fields, when any is given. */
    private @Nullable Coupon coupon(JsonNode config, String at) {
        String prefix = text(config, "couponPrefix", at, false);
        String value = text(config, "couponValue", at, false);
        String validUntil = text(config, "couponValidUntil", at, false);
        return prefix == null && value == null && validUntil == null ? null : new Coupon(prefix, value, validUntil);
    }

    private @Nullable String text(JsonNode json, String field, String at, boolean required) {
        JsonNode value = json.path(field);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isString() && value.asString().isBlank())) {
            if (required) {
                problems.add(FieldProblem.of(at + "." + field, "validation.required"));
            }
            return null;
        }
        if (!value.isValueNode()) {
            problems.add(FieldProblem.of(at + "." + field, "journey.json"));
            return null;
        }
        String text = value.asString().strip();
        if (text.length() > 500) {
            problems.add(FieldProblem.of(at + "." + field, "validation.length", 500));
            return null;
        }
        return text;
    }

    private @Nullable Long number(JsonNode json, String field, String at) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        try {
            return Long.valueOf(value.asString().strip());
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(at + "." + field, "validation.number"));
            return null;
        }
    }

    private @Nullable Long required(JsonNode json, String field, String at) {
        Long value = number(json, field, at);
        if (value == null && !problems.stream().anyMatch(p -> p.field().equals(at + "." + field))) {
            problems.add(FieldProblem.of(at + "." + field, "validation.required"));
        }
        return value;
    }

    private <E extends Enum<E>> @Nullable E oneOf(
            JsonNode json, String field, String at, Class<E> type, boolean required) {
        String text = text(json, field, at, required);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(FieldProblem.of(at + "." + field, "validation.oneOf", List.of(type.getEnumConstants())));
            return null;
        }
    }

    static String write(JourneyGraph graph) {
        ObjectNode root = NODES.objectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (Node node : graph.nodes()) {
            ObjectNode json = nodes.addObject();
            json.put("id", node.id());
            json.put("kind", node.kind().name());
            json.put("label", node.label());
            json.put("x", node.x());
            json.put("y", node.y());
            config(node.config(), json.putObject("config"));
        }
        ArrayNode edges = root.putArray("edges");
        for (Edge edge : graph.edges()) {
            ObjectNode json = edges.addObject();
            json.put("from", edge.from());
            json.put("to", edge.to());
            if (edge.branch() != null) {
                json.put("branch", edge.branch());
            }
        }
        return JSON.writeValueAsString(root);
    }

    /** The node's configuration as JSON, the same shape {@link #read} takes. */
    static ObjectNode config(Config config) {
        ObjectNode json = NODES.objectNode();
        config(config, json);
        return json;
    }

    private static void config(Config config, ObjectNode json) {
        switch (config) {
            case Entry entry -> {
                switch (entry.rule()) {
                    case SegmentAtLaunch s ->
                        json.put("trigger", "SEGMENT_AT_LAUNCH").put("segmentId", s.segmentId());
                    case SegmentNewlyMatching s ->
                        json.put("trigger", "SEGMENT_NEWLY_MATCHING").put("segmentId", s.segmentId());
                    case Purchased p -> json.put("trigger", "PURCHASE").put("product", p.product());
                    case Birthday b -> json.put("trigger", "BIRTHDAY");
                    case SurveyAnswered s ->
                        json.put("trigger", "SURVEY_ANSWERED").put("surveyId", s.surveyId());
                    case FormSent f -> json.put("trigger", "FORM_SUBMITTED").put("formId", f.formId());
                }
                if (entry.reentryAfterDays() != null) {
                    json.put("reentryAfterDays", entry.reentryAfterDays());
                }
            }
            case Send send -> {
                putIf(
                        json,
                        "channel",
                        send.channel() == null ? null : send.channel().name());
                if (send.materialId() != null) {
                    json.put("materialId", send.materialId());
                }
                putIf(json, "offer", send.offer());
                if (send.coupon() != null) {
                    putIf(json, "couponPrefix", send.coupon().prefix());
                    putIf(json, "couponValue", send.coupon().value());
                    putIf(json, "couponValidUntil", send.coupon().validUntil());
                }
            }
            case Wait wait -> {
                switch (wait.rule()) {
                    case For f -> json.put("duration", f.duration().toString());
                    case Until u -> json.put("until", u.at().toString());
                    case Window w -> {
                        ObjectNode window = json.putObject("window");
                        ArrayNode days = window.putArray("days");
                        w.days().stream()
                                .sorted()
                                .forEach(d -> days.add(d.name().substring(0, 3)));
                        window.put("from", w.from().toString()).put("to", w.to().toString());
                    }
                }
            }
            case Decision decision -> {
                putIf(json, "send", decision.send());
                switch (decision.on()) {
                    case Opened o -> json.put("on", "OPENED");
                    case Clicked c -> {
                        json.put("on", "CLICKED");
                        putIf(json, "link", c.link());
                    }
                    case Responded r -> json.put("on", "RESPONDED");
                    case Redeemed r -> json.put("on", "REDEEMED");
                    case CallOutcome c -> {
                        json.put("on", "CALL_OUTCOME");
                        ArrayNode outcomes = json.putArray("outcomes");
                        c.outcomes().forEach(outcomes::add);
                    }
                    case SurveyAnswer s -> json.put("on", "SURVEY_ANSWERED").put("surveyId", s.surveyId());
                    case SurveyRating s ->
                        json.put("on", "SURVEY_RATING")
                                .put("surveyId", s.surveyId())
                                .put("question", s.question())
                                .put("op", s.op().name())
                                .put("value", s.value());
                }
                putIf(
                        json,
                        "within",
                        decision.within() == null ? null : decision.within().toString());
            }
            case RandomSplit split -> {
                json.put("mode", "RANDOM");
                ArrayNode branches = json.putArray("branches");
                split.branches()
                        .forEach(s ->
                                branches.addObject().put("branch", s.branch()).put("percent", s.percent()));
            }
            case AbTest ab -> {
                json.put("mode", "AB");
                putIf(
                        json,
                        "channel",
                        ab.channel() == null ? null : ab.channel().name());
                if (ab.materialA() != null) {
                    json.put("materialA", ab.materialA());
                }
                if (ab.materialB() != null) {
                    json.put("materialB", ab.materialB());
                }
                json.put("samplePercent", ab.samplePercent())
                        .put("metric", ab.metric().name())
                        .put("significance", ab.significance());
                putIf(
                        json,
                        "decideAfter",
                        ab.decideAfter() == null ? null : ab.decideAfter().toString());
            }
            case Action action -> {
                switch (action.rule()) {
                    case AddTag t -> json.put("action", "ADD_TAG").put("tag", t.tag());
                    case RemoveTag t -> json.put("action", "REMOVE_TAG").put("tag", t.tag());
                    case SetAttribute a ->
                        json.put("action", "SET_ATTRIBUTE").put("key", a.key()).put("value", a.value());
                    case AssignOwner a -> json.put("action", "ASSIGN_OWNER").put("username", a.username());
                    case HandToGroup h -> {
                        json.put("action", "HAND_TO_GROUP").put("callList", h.callList());
                        ArrayNode users = json.putArray("users");
                        h.users().forEach(users::add);
                    }
                    case CreateLead l -> {
                        json.put("action", "CREATE_LEAD");
                        ArrayNode users = json.putArray("users");
                        l.users().forEach(users::add);
                    }
                    case StartSubCampaign s ->
                        json.put("action", "START_SUB_CAMPAIGN")
                                .put("name", s.name())
                                .put("budget", s.budget().toPlainString());
                }
            }
            case Goal goal -> putIf(json, "purchased", goal.purchased());
            case Exit exit -> {}
        }
    }

    private static void putIf(ObjectNode json, String field, @Nullable String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
