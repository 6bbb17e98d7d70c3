package io.clientele.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.campaign.StepChannel;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph's JSON and the rules it must meet before submission, each problem naming its node and field. */
class GraphRulesTest {
    /** Material 1 is an email, 2 a letter, anything else unknown: what the campaign's step check would say. */
    private static final GraphRules.StepCheck STEPS = (channel, material, offer, coupon) -> {
        if (material == null) {
            return List.of(FieldProblem.of("materialId", "validation.required"));
        }
        if (material == 1 && channel == StepChannel.EMAIL || material == 2 && channel == StepChannel.MAIL) {
            return List.of();
        }
        if (material == 1 || material == 2) {
            return List.of(FieldProblem.of("materialId", "campaign.step.materialKind", channel));
        }
        return List.of(FieldProblem.of("materialId", "validation.unknown", material));
    };

    /** Tags are checked; a user named "nobody" does not exist. */
    private static final GraphRules.ActionCheck ACTIONS =
            rule -> rule instanceof JourneyGraph.AssignOwner o && o.username().equals("nobody")
                    ? List.of(FieldProblem.of("username", "validation.unknown", "nobody"))
                    : List.of();

    /** entry → email → clicked within 7 days? yes: tag / no: letter. */
    static final String TRIAL = """
            {"nodes": [
              {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_AT_LAUNCH", "segmentId": 7}},
              {"id": "mail", "kind": "SEND", "label": "Invitation", "config": {"channel": "EMAIL", "materialId": 1}},
              {"id": "clicked", "kind": "DECISION",
               "config": {"send": "mail", "on": "CLICKED", "link": "https://shop.example.com/accept", "within": "P7D"}},
              {"id": "tag", "kind": "ACTION", "config": {"action": "ADD_TAG", "tag": "trial"}},
              {"id": "letter", "kind": "SEND", "config": {"channel": "MAIL", "materialId": 2}},
              {"id": "end", "kind": "EXIT"}
            ],
            "edges": [
              {"from": "in", "to": "mail"}, {"from": "mail", "to": "clicked"},
              {"from": "clicked", "to": "tag", "branch": "yes"}, {"from": "clicked", "to": "letter", "branch": "no"},
              {"from": "tag", "to": "end"}, {"from": "letter", "to": "end"}
            ]}""";

    private static List<String> problems(String json) {
        return GraphRules.check(JourneyGraph.parse(json), STEPS, ACTIONS).stream()
                .map(p -> p.field() + " " + p.code())
                .toList();
    }

    @Test
    void aGoodGraphHasNoProblemAndReadsBackAsItWasWritten() {
        assertThat(problems(TRIAL)).isEmpty();
        JourneyGraph graph = JourneyGraph.parse(TRIAL);
        assertThat(JourneyGraph.parse(graph.toJson())).isEqualTo(graph);
        assertThat(graph.next("clicked", "no")).contains("letter");
        assertThat(graph.nodes().get(1).label()).isEqualTo("Invitation");
    }

    @Test
    void aDecisionWithoutATimeLimitIsNamed() {
        assertThat(problems(TRIAL.replace(", \"within\": \"P7D\"", "")))
                .containsExactly("nodes[clicked].config.within journey.decision.noTimeLimit");
    }

    @Test
    void aSendWithoutAMaterialOrWithOneOfTheWrongKindIsNamed() {
        assertThat(problems(TRIAL.replace(", \"materialId\": 2", "")))
                .containsExactly("nodes[letter].config.materialId validation.required");
        assertThat(problems(TRIAL.replace("\"MAIL\", \"materialId\": 2", "\"MAIL\", \"materialId\": 1")))
                .containsExactly("nodes[letter].config.materialId campaign.step.materialKind");
    }

    @Test
    void unreachableNodesEdgesToUnknownNodesAndMissingBranchesAreNamed() {
        String orphan = TRIAL.replace(
                "{\"id\": \"end\", \"kind\": \"EXIT\"}",
                "{\"id\": \"end\", \"kind\": \"EXIT\"}, {\"id\": \"lost\", \"kind\": \"EXIT\"}");
        assertThat(problems(orphan)).containsExactly("nodes[lost] journey.node.unreachable");
        assertThat(problems(TRIAL.replace(
                        "{\"from\": \"letter\", \"to\": \"end\"}", "{\"from\": \"letter\", \"to\": \"nowhere\"}")))
                .containsExactly(
                        "edges[5].to journey.edge.unknownNode", "nodes[letter].branches journey.node.missingNext");
        assertThat(problems(TRIAL.replace(", {\"from\": \"clicked\", \"to\": \"letter\", \"branch\": \"no\"}", "")))
                .containsExactly(
                        "nodes[clicked].branches journey.node.missingBranch", "nodes[letter] journey.node.unreachable");
    }

    @Test
    void aCycleWithoutAWaitIsRefusedAndOneWithAWaitIsNot() {
        String loop =
                TRIAL.replace("{\"from\": \"letter\", \"to\": \"end\"}", "{\"from\": \"letter\", \"to\": \"mail\"}");
        assertThat(problems(loop)).containsExactly("nodes[mail] journey.node.cycleWithoutWait");
        String waited = loop.replace(
                        "{\"from\": \"letter\", \"to\": \"mail\"}",
                        "{\"from\": \"letter\", \"to\": \"w\"}, {\"from\": \"w\", \"to\": \"mail\"}")
                .replace(
                        "{\"id\": \"end\", \"kind\": \"EXIT\"}",
                        "{\"id\": \"end\", \"kind\": \"EXIT\"}, {\"id\": \"w\", \"kind\": \"WAIT\", \"config\": {\"duration\": \"P30D\"}}");
        assertThat(problems(waited)).isEmpty();
    }

    @Test
    void splitPercentagesMustSumTo100() {
        String split = """
                {"nodes": [
                  {"id": "in", "kind": "ENTRY", "config": {"trigger": "SEGMENT_NEWLY_MATCHING", "segmentId": 3}},
                  {"id": "s", "kind": "SPLIT", "config": {"mode": "RANDOM",
                    "branches": [{"branch": "a", "percent": 30}, {"branch": "b", "percent": 60}]}},
                  {"id": "x", "kind": "EXIT"}],
                 "edges": [{"from": "in", "to": "s"}, {"from": "s", "to": "x", "branch": "a"},
                           {"from": "s", "to": "x", "branch": "b"}]}""";
        assertThat(problems(split)).containsExactly("nodes[s].config.branches journey.split.total");
    }

    @Test
    void whatTheEngineDoesNotRunYetIsRefusedAtSubmission() {
        assertThat(problems(TRIAL.replace(
                        "\"ADD_TAG\", \"tag\": \"trial\"",
                        "\"HAND_TO_GROUP\", \"users\": [\"sales\"], \"callList\": true")))
                .containsExactly("nodes[tag].config journey.node.notExecutable");
        assertThat(problems(
                        TRIAL.replace("\"ADD_TAG\", \"tag\": \"trial\"", "\"CREATE_LEAD\", \"users\": [\"sales\"]")))
                .isEmpty();
        assertThat(problems(
                        TRIAL.replace("\"ADD_TAG\", \"tag\": \"trial\"", "\"ASSIGN_OWNER\", \"username\": \"nobody\"")))
                .containsExactly("nodes[tag].config.username validation.unknown");
    }

    @Test
    void malformedJsonIsRefusedWithEveryFieldNamed() {
        assertThatThrownBy(() -> JourneyGraph.parse("""
                        {"nodes": [{"id": "in", "kind": "STARTS"},
                                   {"id": "w", "kind": "WAIT", "config": {"duration": "seven days"}},
                                   {"id": "w", "kind": "EXIT"}],
                         "edges": [{"from": "in"}]}"""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.field() + " " + p.code())
                                .containsExactly(
                                        "nodes[in].kind validation.oneOf",
                                        "nodes[w].config.duration journey.duration",
                                        "nodes[w].id journey.node.idTwice",
                                        "edges[0].to validation.required"));
    }
}
