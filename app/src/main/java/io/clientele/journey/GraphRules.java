package io.clientele.journey;

import io.clientele.campaign.StepChannel;
import io.clientele.journey.JourneyGraph.*;
import io.clientele.platform.FieldProblem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a well-formed graph must also be before it is submitted: one entry; every edge between known nodes; every node
 * reachable from the entry; each node's outgoing branches exactly those its kind takes; a decision with a time limit
 * and an earlier send to ask about; a send with a material of its channel's kind; a random split's percentages summing
 * to 100; and no cycle without a wait (a customer would go round it within one tick, for ever). Each problem names the
 * node (or edge) and the field.
 */
final class GraphRules {
    /** Checks a send's channel, material and offer as a campaign step would; problems name the step's fields. */
    interface StepCheck {
        List<FieldProblem> problems(
                @Nullable StepChannel channel,
                @Nullable Long materialId,
                @Nullable String offer,
                JourneyGraph.@Nullable Coupon coupon);
    }

    /** Checks an action's settings as the customer feature would apply them; problems name the action's fields. */
    interface ActionCheck {
        List<FieldProblem> problems(ActionRule rule);
    }

    private GraphRules() {}

    static List<FieldProblem> check(JourneyGraph graph, StepCheck steps, ActionCheck actions) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Node> nodes = new HashMap<>();
        graph.nodes().forEach(n -> nodes.put(n.id(), n));
        List<Node> entries =
                graph.nodes().stream().filter(n -> n.kind() == Kind.ENTRY).toList();
        if (entries.size() != 1) {
            problems.add(FieldProblem.of("nodes", "journey.entryCount", entries.size()));
        }
        Map<String, List<Edge>> out = new HashMap<>();
        for (int i = 0; i < graph.edges().size(); i++) {
            Edge edge = graph.edges().get(i);
            boolean known = true;
            if (!nodes.containsKey(edge.from())) {
                problems.add(FieldProblem.of("edges[" + i + "].from", "journey.edge.unknownNode", edge.from()));
                known = false;
            }
            if (!nodes.containsKey(edge.to())) {
                problems.add(FieldProblem.of("edges[" + i + "].to", "journey.edge.unknownNode", edge.to()));
                known = false;
            } else if (nodes.get(edge.to()).kind() == Kind.ENTRY) {
                problems.add(FieldProblem.of("edges[" + i + "].to", "journey.edge.intoEntry"));
            }
            if (known) {
                out.computeIfAbsent(edge.from(), k -> new ArrayList<>()).add(edge);
            }
        }
        for (Node node : graph.nodes()) {
            String at = "nodes[" + node.id() + "]";
            List<Edge> leaving = out.getOrDefault(node.id(), List.of());
            branches(node, at, leaving, problems);
            config(node, at, nodes, steps, actions, problems);
        }
        if (entries.size() == 1) {
            Set<String> reached = reachable(entries.getFirst().id(), out);
            // a goal with a purchase is reached from wherever the customer is, by buying
            graph.nodes().stream()
                    .filter(n -> !reached.contains(n.id()))
                    .filter(n -> !(n.config() instanceof Goal g && g.purchased() != null))
                    .forEach(n -> problems.add(FieldProblem.of("nodes[" + n.id() + "]", "journey.node.unreachable")));
        }
        cyclesWithoutWait(graph, out, nodes, problems);
        graph.nodes()
                .forEach(node -> notExecutable(node)
                        .ifPresent(what -> problems.add(FieldProblem.of(
                                "nodes[" + node.id() + "].config", "journey.node.notExecutable", what))));
        return problems;
    }

    /**
     * What the model describes but the engine does not run yet (docs/journeys.md, "Not yet"): refused at submission,
     * so that nothing is approved that would leave its customers standing.
     */
    static java.util.Optional<String> notExecutable(Node node) {
        String what = switch (node.config()) {
            case Action a ->
                switch (a.rule()) {
                    case AddTag t -> null;
                    case RemoveTag t -> null;
                    case SetAttribute x -> null;
                    case AssignOwner x -> null;
                    case HandToGroup x -> x.callList() ? "HAND_TO_GROUP callList" : null;
                    case CreateLead x -> null;
                    case StartSubCampaign x -> null;
                };
            default -> null;
        };
        return java.util.Optional.ofNullable(what);
    }

    /** The branches a node must leave by: exactly these, each once. */
    private static Set<@Nullable String> expectedBranches(Node node) {
        return switch (node.config()) {
            case Decision d -> Set.of("yes", "no");
            case RandomSplit s -> {
                Set<@Nullable String> names = new LinkedHashSet<>();
                s.branches().forEach(b -> names.add(b.branch()));
                yield names;
            }
            case Goal g -> Set.of();
            case Exit e -> Set.of();
            default -> {
                Set<@Nullable String> one = new HashSet<>();
                one.add(null);
                yield one;
            }
        };
    }

    private static void branches(Node node, String at, List<Edge> leaving, List<FieldProblem> problems) {
        Set<@Nullable String> expected = expectedBranches(node);
        Set<@Nullable String> seen = new HashSet<>();
        for (Edge edge : leaving) {
            if (!expected.contains(edge.branch())) {
                problems.add(FieldProblem.of(
                        at + ".branches",
                        expected.isEmpty() ? "journey.node.noEdgeOut" : "journey.node.unknownBranch",
                        Objects.toString(edge.branch(), "")));
            } else if (!seen.add(edge.branch())) {
                problems.add(FieldProblem.of(
                        at + ".branches", "journey.node.branchTwice", Objects.toString(edge.branch(), "")));
            }
        }
        for (String branch : expected) {
            if (!seen.contains(branch)) {
                problems.add(FieldProblem.of(
                        at + ".branches",
                        branch == null ? "journey.node.missingNext" : "journey.node.missingBranch",
                        Objects.toString(branch, "")));
            }
        }
    }

    private static void config(
            Node node,
            String at,
            Map<String, Node> nodes,
            StepCheck steps,
            ActionCheck actions,
            List<FieldProblem> problems) {
        String c = at + ".config.";
        switch (node.config()) {
            case Send send -> {
                if (send.channel() == null) {
                    problems.add(FieldProblem.of(c + "channel", "validation.required"));
                } else {
                    steps.problems(send.channel(), send.materialId(), send.offer(), send.coupon())
                            .forEach(p -> problems.add(new FieldProblem(c + p.field(), p.code(), p.args())));
                }
            }
            case AbTest ab -> {
                if (ab.channel() == null) {
                    problems.add(FieldProblem.of(c + "channel", "validation.required"));
                } else if (ab.channel() != StepChannel.EMAIL && ab.channel() != StepChannel.SMS) {
                    problems.add(FieldProblem.of(c + "channel", "journey.ab.channel"));
                } else {
                    material(steps, ab.channel(), ab.materialA(), c + "materialA", problems);
                    material(steps, ab.channel(), ab.materialB(), c + "materialB", problems);
                    if (Objects.equals(ab.materialA(), ab.materialB()) && ab.materialA() != null) {
                        problems.add(FieldProblem.of(c + "materialB", "journey.ab.sameMaterial"));
                    }
                }
                if (ab.decideAfter() == null) {
                    problems.add(FieldProblem.of(c + "decideAfter", "validation.required"));
                }
            }
            case Decision decision -> {
                if (decision.within() == null) {
                    problems.add(FieldProblem.of(c + "within", "journey.decision.noTimeLimit"));
                }
                boolean survey = decision.on() instanceof SurveyAnswer || decision.on() instanceof SurveyRating;
                if (!survey) {
                    Node send = decision.send() == null ? null : nodes.get(decision.send());
                    if (decision.send() == null) {
                        problems.add(FieldProblem.of(c + "send", "validation.required"));
                    } else if (send == null || !(send.config() instanceof Send || send.config() instanceof AbTest)) {
                        problems.add(FieldProblem.of(c + "send", "journey.decision.notASend", decision.send()));
                    }
                }
            }
            case Action action ->
                actions.problems(action.rule())
                        .forEach(p -> problems.add(new FieldProblem(c + p.field(), p.code(), p.args())));
            case RandomSplit split -> {
                int total = split.branches().stream().mapToInt(Share::percent).sum();
                if (total != 100) {
                    problems.add(FieldProblem.of(c + "branches", "journey.split.total", total));
                }
            }
            default -> {}
        }
    }

    private static void material(
            StepCheck steps, StepChannel channel, @Nullable Long material, String field, List<FieldProblem> problems) {
        steps.problems(channel, material, null, null).stream()
                .filter(p -> p.field().equals("materialId"))
                .forEach(p -> problems.add(new FieldProblem(field, p.code(), p.args())));
    }

    private static Set<String> reachable(String entry, Map<String, List<Edge>> out) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(entry));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (reached.add(id)) {
                out.getOrDefault(id, List.of()).forEach(e -> todo.push(e.to()));
            }
        }
        return reached;
    }

    /**
     * Tarjan's strongly connected components over the graph without its WAIT nodes: a component of two or more nodes,
     * or a node with an edge to itself, is a cycle that no wait breaks. Reported once, on its first node in the order
     * given, with the nodes it runs through.
     */
    private static void cyclesWithoutWait(
            JourneyGraph graph, Map<String, List<Edge>> out, Map<String, Node> nodes, List<FieldProblem> problems) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        int[] counter = {0};
        for (Node node : graph.nodes()) {
            if (node.kind() != Kind.WAIT && !index.containsKey(node.id())) {
                strongConnect(node.id(), out, nodes, index, low, stack, onStack, counter, graph, problems);
            }
        }
    }

    private static void strongConnect(
            String id,
            Map<String, List<Edge>> out,
            Map<String, Node> nodes,
            Map<String, Integer> index,
            Map<String, Integer> low,
            Deque<String> stack,
            Set<String> onStack,
            int[] counter,
            JourneyGraph graph,
            List<FieldProblem> problems) {
        index.put(id, counter[0]);
        low.put(id, counter[0]++);
        stack.push(id);
        onStack.add(id);
        boolean selfLoop = false;
        for (Edge edge : out.getOrDefault(id, List.of())) {
            String to = edge.to();
            if (nodes.get(to).kind() == Kind.WAIT) {
                continue;
            }
            if (to.equals(id)) {
                selfLoop = true;
            }
            if (!index.containsKey(to)) {
                strongConnect(to, out, nodes, index, low, stack, onStack, counter, graph, problems);
                low.put(id, Math.min(low.get(id), low.get(to)));
            } else if (onStack.contains(to)) {
                low.put(id, Math.min(low.get(id), index.get(to)));
            }
        }
        if (low.get(id).equals(index.get(id))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(id));
            if (component.size() > 1 || selfLoop) {
                List<String> ordered = graph.nodes().stream()
                        .map(Node::id)
                        .filter(component::contains)
                        .toList();
                problems.add(FieldProblem.of(
                        "nodes[" + ordered.getFirst() + "]",
                        "journey.node.cycleWithoutWait",
                        String.join(" → ", ordered)));
            }
        }
    }
}
