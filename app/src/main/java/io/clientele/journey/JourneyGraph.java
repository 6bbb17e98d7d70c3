package io.clientele.journey;

import io.clientele.campaign.StepChannel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A journey's graph as the editor and the API exchange it (JSON: {@link #parse}, {@link #toJson}; format in
 * docs/journeys.md). Nodes are kept in the order given, edges carry the branch they leave by ({@code yes}/{@code no}
 * of a decision, a random split's branch name; none otherwise). Several edges may lead into one node: branches merge.
 */
public record JourneyGraph(List<Node> nodes, List<Edge> edges) {

    public JourneyGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Reads the graph; a malformed one is an {@link io.clientele.platform.InvalidInputException} naming each field. */
    public static JourneyGraph parse(String json) {
        return GraphJson.read(json);
    }

    public String toJson() {
        return GraphJson.write(this);
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<Edge> from(String nodeId) {
        return edges.stream().filter(e -> e.from().equals(nodeId)).toList();
    }

    /** Where a customer leaving the node by the branch goes, if an edge says. */
    public Optional<String> next(String nodeId, @Nullable String branch) {
        return edges.stream()
                .filter(e -> e.from().equals(nodeId) && java.util.Objects.equals(e.branch(), branch))
                .map(Edge::to)
                .findFirst();
    }

    public record Node(String id, String label, double x, double y, Config config) {
        public Kind kind() {
            return config.kind();
        }
    }

    public record Edge(String from, String to, @Nullable String branch) {}

    public enum Kind {
        ENTRY,
        SEND,
        WAIT,
        DECISION,
        SPLIT,
        ACTION,
        GOAL,
        EXIT
    }

    /** What a node does; one record per kind (a split is random or an A/B test). */
    public sealed interface Config {
        Kind kind();
    }

    /**
     * Who enters: {@code reentryAfterDays} null means never again; otherwise a customer may enter anew that many days
     * after their last entry, once it has ended.
     */
    public record Entry(EntryRule rule, @Nullable Integer reentryAfterDays) implements Config {
        public Kind kind() {
            return Kind.ENTRY;
        }
    }

    public sealed interface EntryRule {}

    /** The segment's customers at launch. */
    public record SegmentAtLaunch(long segmentId) implements EntryRule {}

    /** Customers who newly match the segment while the journey runs (the segment is evaluated periodically). */
    public record SegmentNewlyMatching(long segmentId) implements EntryRule {}

    /** Customers who buy the product (by its code) while the journey runs. */
    public record Purchased(String product) implements EntryRule {}

    /** Customers on their birthday. */
    public record Birthday() implements EntryRule {}

    /** Customers who answer the survey. */
    public record SurveyAnswered(long surveyId) implements EntryRule {}

    /** Customers who send the public form (a sign-up, an inquiry, a registration) while the journey runs. */
    public record FormSent(long formId) implements EntryRule {}

    /**
     * A contact on one channel with one material (its current version is pinned at submission), as a step; a coupon
     * instead has its {@code coupon} (codes drawn for each customer as they are admitted).
     */
    public record Send(
            @Nullable StepChannel channel,
            @Nullable Long materialId,
            @Nullable String offer,
            @Nullable Coupon coupon) implements Config {
        public Kind kind() {
            return Kind.SEND;
        }
    }

    /** A coupon send's code prefix, value and last valid day (ISO date), as text: checked as a coupon step's. */
    public record Coupon(
            @Nullable String prefix,
            @Nullable String value,
            @Nullable String validUntil) {}

    public record Wait(WaitRule rule) implements Config {
        public Kind kind() {
            return Kind.WAIT;
        }
    }

    public sealed interface WaitRule {}

    public record For(Duration duration) implements WaitRule {}

    public record Until(Instant at) implements WaitRule {}

    /** Until the next moment inside the window: one of the days, from {@code from} to {@code to} (the app's zone). */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) implements WaitRule {}

    /**
     * A question about the customer's own feedback to an earlier SEND node (or A/B split): {@code yes} as soon as it
     * is so, {@code no} once {@code within} has passed since the customer arrived here.
     */
    public record Decision(
            @Nullable String send, Feedback on, @Nullable Duration within) implements Config {
        public Kind kind() {
            return Kind.DECISION;
        }
    }

    public sealed interface Feedback {}

    public record Opened() implements Feedback {}

    /** Clicked a link of the message; {@code link} null: any link. */
    public record Clicked(@Nullable String link) implements Feedback {}

    /** Any response: an open, a click, a call outcome or a redemption (its {@code no} branch is "no response"). */
    public record Responded() implements Feedback {}

    public record Redeemed() implements Feedback {}

    /** A call outcome among these ({@code CallOutcome} names). */
    public record CallOutcome(Set<String> outcomes) implements Feedback {}

    public record SurveyAnswer(long surveyId) implements Feedback {}

    /** A rating on the named question of the survey: at least ({@code GE}) or at most ({@code LE}) the value. */
    public record SurveyRating(long surveyId, String question, Comparison op, int value) implements Feedback {}

    public enum Comparison {
        GE,
        LE
    }

    /** Each customer takes one branch at random with the given percentages (which sum to 100). */
    public record RandomSplit(List<Share> branches) implements Config {
        public RandomSplit {
            branches = List.copyOf(branches);
        }

        public Kind kind() {
            return Kind.SPLIT;
        }
    }

    public record Share(String branch, int percent) {}

    /**
     * An A/B test: a random {@code samplePercent} of the customers arriving are sent material A or B (half each);
     * {@code decideAfter} the first send, the material with the better {@code metric} rate wins when a two-proportion
     * z-test finds the difference significant at {@code significance} (A otherwise), and every later arrival is sent
     * the winner. Everyone then leaves by the one outgoing edge.
     */
    public record AbTest(
            @Nullable StepChannel channel,
            @Nullable Long materialA,
            @Nullable Long materialB,
            int samplePercent,
            Metric metric,
            double significance,
            @Nullable Duration decideAfter)
            implements Config {
        public Kind kind() {
            return Kind.SPLIT;
        }
    }

    public enum Metric {
        OPENED,
        CLICKED
    }

    public record Action(ActionRule rule) implements Config {
        public Kind kind() {
            return Kind.ACTION;
        }
    }

    public sealed interface ActionRule {}

    public record AddTag(String tag) implements ActionRule {}

    public record RemoveTag(String tag) implements ActionRule {}

    public record SetAttribute(String key, String value) implements ActionRule {}

    public record AssignOwner(String username) implements ActionRule {}

    /** Hands the customer to a presales or sales group: a call list, or a task for each named user. */
    public record HandToGroup(List<String> users, boolean callList) implements ActionRule {
        public HandToGroup {
            users = List.copyOf(users);
        }
    }

    /** A lead once leads exist; until then a task for the named users. */
    public record CreateLead(List<String> users) implements ActionRule {
        public CreateLead {
            users = List.copyOf(users);
        }
    }

    /** A child campaign, visible from this one, its budget drawn from this one's. */
    public record StartSubCampaign(String name, java.math.BigDecimal budget) implements ActionRule {}

    /** The customer reached the goal and leaves; {@code purchased} (a product code): also leaves on buying it. */
    public record Goal(@Nullable String purchased) implements Config {
        public Kind kind() {
            return Kind.GOAL;
        }
    }

    public record Exit() implements Config {
        public Kind kind() {
            return Kind.EXIT;
        }
    }
}
