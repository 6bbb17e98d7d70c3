package io.clientele.journey;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignKind;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.SubCampaigns;
import io.clientele.campaign.SubmissionParticipant;
import io.clientele.customer.CustomerBulkEdits;
import io.clientele.customer.CustomerTags;
import io.clientele.journey.JourneyGraph.AbTest;
import io.clientele.journey.JourneyGraph.Node;
import io.clientele.journey.JourneyGraph.Send;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Journeys as drafts and plans: created and edited with their graph while the campaign is editable, checked by
 * {@link GraphRules}, and submitted through the campaign workflow, which calls {@link #beforeSubmit}: the graph is
 * checked again, each SEND node (and each material of an A/B split) becomes a campaign step pinning its material's
 * current version, and the version's nodes and edges are written as rows for the engine. While a journey runs, its
 * next version is drafted, submitted ({@link #submitVersion}) and approved ({@link #approveVersion}) on its own.
 */
@Service
public class Journeys implements SubmissionParticipant {
    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final CampaignSteps steps;
    private final CustomerBulkEdits edits;
    private final SubCampaigns subCampaigns;
    private final Clock clock;

    Journeys(
            JdbcClient jdbc,
            Campaigns campaigns,
            CampaignSteps steps,
            CustomerBulkEdits edits,
            SubCampaigns subCampaigns,
            Clock clock) {
        this.edits = edits;
        this.subCampaigns = subCampaigns;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.steps = steps;
        this.clock = clock;
    }

    /** Creates the plan (a campaign of kind JOURNEY, a draft) with the first version of its graph. */
    @Transactional
    public Journey create(CampaignInput plan, JourneyGraph graph, String actor) {
        Campaign campaign = campaigns.create(plan, CampaignKind.JOURNEY, actor);
        insertVersion(campaign.id(), 1, graph, actor);
        return get(campaign.id());
    }

    /** Changes the plan and, when given, the graph; only while the journey is a draft or rejected (409 otherwise). */
    @Transactional
    public Journey update(long id, CampaignInput plan, @Nullable JourneyGraph graph, String actor) {
        journeyCampaign(id);
        campaigns.update(id, plan, actor);
        if (graph != null) {
            saveGraph(id, graph, actor);
        }
        return get(id);
    }

    /**
     * Saves the graph as the draft version: the latest one while it is not submitted, otherwise (a rejected journey
     * edited again, or a running one) the next one.
     */
    @Transactional
    public Journey saveGraph(long id, JourneyGraph graph, String actor) {
        CampaignStatus status = campaigns.lockedStatus(journeyCampaign(id).id());
        // a running journey's next version is drafted while it runs, and approved on its own (submitVersion)
        if (!status.editable() && status != CampaignStatus.RUNNING && status != CampaignStatus.PAUSED) {
            throw new ConflictException(
                    "Journey " + id + " is " + status + ": only a draft, a rejected or a running journey changes");
        }
        Version latest = latest(id);
        if (latest.submittedAt() == null) {
            jdbc.sql("""
                            update journey_version set graph = cast(:graph as jsonb), saved_by = :actor, saved_at = :now
                            where campaign_id = :id and version = :version and submitted_at is null""")
                    .param("graph", graph.toJson())
                    .param("actor", actor)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", id)
                    .param("version", latest.version())
                    .update();
        } else {
            insertVersion(id, latest.version() + 1, graph, actor);
        }
        return get(id);
    }

    /** Holds a running journey: no customer moves and none of its steps sends until it is resumed. */
    @Transactional
    public Journey pause(long id, String actor) {
        journeyCampaign(id);
        campaigns.pause(id, actor);
        return get(id);
    }

    @Transactional
    public Journey resume(long id, String actor) {
        journeyCampaign(id);
        campaigns.resume(id, actor);
        return get(id);
    }

    /** What stops the latest graph from being submitted; empty when it may be. */
    public List<FieldProblem> validate(long id) {
        Journey journey = get(id);
        List<FieldProblem> problems =
                new ArrayList<>(GraphRules.check(journey.graph(), this::stepProblems, this::actionProblems));
        problems.addAll(budgetProblems(journey));
        return problems;
    }

    @Override
    public void beforeSubmit(Campaign campaign, String actor) {
        if (campaign.kind() != CampaignKind.JOURNEY) {
            return;
        }
        Journey journey = get(campaign.id());
        checked(journey);
        // steps of an earlier, rejected version are replaced by this version's
        for (CampaignStep old : steps.of(campaign.id())) {
            steps.delete(campaign.id(), old.id(), actor);
        }
        submit(journey, actor, input -> steps.create(campaign.id(), input, actor));
    }

    /**
     * Submits the latest version of a running (or paused) journey, saved since its launch, for approval on its own:
     * checked as at the first submission, its SEND nodes become steps that admit from now on (nobody reaches them
     * until the version is approved and customers enter by it).
     */
    @Transactional
    public Journey submitVersion(long id, String actor) {
        Journey journey = get(id);
        CampaignStatus status = journey.campaign().status();
        if (status != CampaignStatus.RUNNING && status != CampaignStatus.PAUSED) {
            throw new ConflictException(
                    "Journey " + id + " is " + status + ": its plan is submitted through the campaign's workflow");
        }
        if (journey.submittedAt() != null) {
            throw new ConflictException("Journey " + id + " has no new version to submit: change its graph first");
        }
        checked(journey);
        submit(journey, actor, input -> steps.createAdmitting(id, input, actor));
        return get(id);
    }

    /**
     * Approves a submitted version of a running journey, by someone other than who submitted it: customers who enter
     * from now on enter by it; those inside keep the version they entered by.
     */
    @Transactional
    public Journey approveVersion(long id, int version, String actor) {
        journeyCampaign(id);
        Version found = version(id, version);
        if (found.submittedAt() == null || found.approvedAt() != null) {
            throw new ConflictException("Version " + version + " of journey " + id + " is not waiting for approval");
        }
        if (actor.equals(found.submittedBy())) {
            throw new ConflictException("Version " + version + " of journey " + id + " was submitted by " + actor
                    + ": another marketing manager approves it");
        }
        approve(id, version, actor, clock.instant());
        return get(id);
    }

    /** The version approved with the plan takes effect at launch, before the first customers enter by it. */
    @Transactional(propagation = Propagation.MANDATORY)
    void launched(Campaign campaign, Instant at) {
        int version = latest(campaign.id()).version();
        String approver = campaign.transitions().reversed().stream()
                .filter(t -> t.to() == CampaignStatus.APPROVED)
                .map(Campaign.Transition::actor)
                .findFirst()
                .orElse("");
        approve(campaign.id(), version, approver, at);
    }

    private void approve(long id, int version, String actor, Instant at) {
        jdbc.sql("""
                        update journey_version set approved_at = :at, approved_by = :actor
                        where campaign_id = :id and version = :version""")
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("id", id)
                .param("version", version)
                .update();
    }

    /** The version customers entering now enter by: the latest approved. */
    int entryVersion(long id) {
        return jdbc.sql("select max(version) from journey_version where campaign_id = :id and approved_at is not null")
                .param("id", id)
                .query(Integer.class)
                .optional()
                .orElseThrow(() -> new ConflictException("Journey " + id + " has no approved version"));
    }

    private void checked(Journey journey) {
        List<FieldProblem> problems =
                new ArrayList<>(GraphRules.check(journey.graph(), this::stepProblems, this::actionProblems));
        problems.addAll(budgetProblems(journey));
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /**
     * The version's SEND nodes (an A/B split: both materials) become steps made by {@code newStep}, pinning their
     * materials' current versions; its nodes and edges are written as rows for the engine; it is marked submitted.
     */
    private void submit(Journey journey, String actor, Function<StepInput, CampaignStep> newStep) {
        long id = journey.campaign().id();
        int version = journey.version();
        // a later version's steps are told apart from the first's, whose nodes may have the same ids
        String prefix = version == 1 ? "" : "v" + version + " ";
        for (Node node : journey.graph().nodes()) {
            Long step = null;
            Long stepB = null;
            switch (node.config()) {
                case Send send ->
                    step = newStep.apply(stepInput(
                                    name(prefix, node, ""),
                                    send.channel(),
                                    send.materialId(),
                                    send.offer(),
                                    send.coupon()))
                            .id();
                case AbTest ab -> {
                    step = newStep.apply(stepInput(name(prefix, node, " A"), ab.channel(), ab.materialA(), null, null))
                            .id();
                    stepB = newStep.apply(stepInput(name(prefix, node, " B"), ab.channel(), ab.materialB(), null, null))
                            .id();
                }
                default -> {}
            }
            jdbc.sql("""
                            insert into journey_node (campaign_id, version, node_id, kind, config, step_id, step_b_id)
                            values (:id, :version, :node, :kind, cast(:config as jsonb), :step, :stepB)""")
                    .param("id", id)
                    .param("version", version)
                    .param("node", node.id())
                    .param("kind", node.kind().name())
                    .param("config", GraphJson.config(node.config()).toString())
                    .param("step", step)
                    .param("stepB", stepB)
                    .update();
        }
        for (JourneyGraph.Edge edge : journey.graph().edges()) {
            jdbc.sql("""
                            insert into journey_edge (campaign_id, version, from_node, to_node, branch)
                            values (:id, :version, :from, :to, :branch)""")
                    .param("id", id)
                    .param("version", version)
                    .param("from", edge.from())
                    .param("to", edge.to())
                    .param("branch", edge.branch())
                    .update();
        }
        jdbc.sql("""
                        update journey_version set submitted_at = :now, submitted_by = :actor
                        where campaign_id = :id and version = :version""")
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("id", id)
                .param("version", version)
                .update();
    }

    private static String name(String prefix, Node node, String suffix) {
        String name = prefix + node.id() + ": " + node.label() + suffix;
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static StepInput stepInput(
            String name,
            @Nullable StepChannel channel,
            @Nullable Long material,
            @Nullable String offer,
            JourneyGraph.@Nullable Coupon coupon) {
        return new StepInput(
                name,
                channel == null ? null : channel.name(),
                material == null ? null : material.toString(),
                offer,
                coupon == null ? null : coupon.prefix(),
                coupon == null ? null : coupon.value(),
                coupon == null ? null : coupon.validUntil(),
                null,
                null,
                null,
                null,
                null);
    }

    private List<FieldProblem> stepProblems(
            @Nullable StepChannel channel,
            @Nullable Long material,
            @Nullable String offer,
            JourneyGraph.@Nullable Coupon coupon) {
        return steps.problems(stepInput("send", channel, material, offer, coupon));
    }

    private List<FieldProblem> actionProblems(JourneyGraph.ActionRule rule) {
        return switch (rule) {
            case JourneyGraph.AddTag t -> tagProblems(t.tag());
            case JourneyGraph.RemoveTag t -> tagProblems(t.tag());
            case JourneyGraph.AssignOwner o -> edits.ownerProblems(o.username());
            case JourneyGraph.SetAttribute a -> edits.attributeProblems(a.key(), a.value());
            case JourneyGraph.HandToGroup h -> userProblems(h.users());
            case JourneyGraph.CreateLead l -> userProblems(l.users());
            case JourneyGraph.StartSubCampaign s ->
                s.budget().signum() > 0
                        ? List.of()
                        : List.of(FieldProblem.of("budget", "journey.subCampaign.noBudget"));
        };
    }

    private List<FieldProblem> userProblems(List<String> users) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            for (FieldProblem p : edits.ownerProblems(users.get(i))) {
                problems.add(new FieldProblem("users[" + i + "]", p.code(), p.args()));
            }
        }
        return problems;
    }

    /**
     * The sub-campaigns the graph would start that do not exist yet must fit, together, in what is left of the
     * journey's budget: each such node beyond it is named.
     */
    private List<FieldProblem> budgetProblems(Journey journey) {
        long id = journey.campaign().id();
        Set<String> started =
                subCampaigns.children(id).stream().map(SubCampaigns.Child::node).collect(Collectors.toSet());
        BigDecimal left = subCampaigns.remaining(id);
        List<FieldProblem> problems = new ArrayList<>();
        for (Node node : journey.graph().nodes()) {
            if (node.config() instanceof JourneyGraph.Action a
                    && a.rule() instanceof JourneyGraph.StartSubCampaign sub
                    && !started.contains(node.id())) {
                left = left.subtract(sub.budget());
                if (left.signum() < 0) {
                    problems.add(FieldProblem.of(
                            "nodes[" + node.id() + "].config.budget",
                            "journey.subCampaign.budget",
                            left.add(sub.budget()).max(BigDecimal.ZERO).toPlainString()));
                }
            }
        }
        return problems;
    }

    private static List<FieldProblem> tagProblems(String tag) {
        try {
            CustomerTags.normalise(tag);
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems();
        }
    }

    public Journey get(long id) {
        Campaign campaign = journeyCampaign(id);
        Version latest = latest(id);
        return new Journey(
                campaign,
                latest.version(),
                JourneyGraph.parse(latest.graph()),
                latest.savedBy(),
                latest.savedAt(),
                latest.submittedAt(),
                latest.approvedAt());
    }

    /** The graph of one version (positions keep following the version they entered). */
    JourneyGraph graph(long id, int version) {
        return jdbc.sql("select graph::text from journey_version where campaign_id = :id and version = :version")
                .param("id", id)
                .param("version", version)
                .query(String.class)
                .optional()
                .map(JourneyGraph::parse)
                .orElseThrow(() -> new NotFoundException("Journey " + id + " has no version " + version));
    }

    /** Journeys newest first. */
    public PageResult<Journey> page(int page, int size) {
        long total = jdbc.sql("select count(*) from campaign where kind = 'JOURNEY'")
                .query(Long.class)
                .single();
        List<Journey> items =
                jdbc.sql("""
                        select id from campaign where kind = 'JOURNEY' order by id desc limit :size offset :offset""").param("size", size).param("offset", (long) page * size).query(Long.class).list().stream()
                        .map(this::get)
                        .toList();
        return new PageResult<>(items, page, size, total);
    }

    private Campaign journeyCampaign(long id) {
        Campaign campaign = campaigns
                .findOptional(id)
                .filter(c -> c.kind() == CampaignKind.JOURNEY)
                .orElseThrow(() -> new NotFoundException("No journey " + id));
        return campaign;
    }

    private record Version(
            int version,
            String graph,
            String savedBy,
            Instant savedAt,
            @Nullable Instant submittedAt,
            @Nullable String submittedBy,
            @Nullable Instant approvedAt) {}

    private Version latest(long id) {
        return versions(id, "order by version desc limit 1", -1)
                .orElseThrow(() -> new ConflictException("Journey " + id + " has no graph"));
    }

    private Version version(long id, int version) {
        return versions(id, "and version = :version", version)
                .orElseThrow(() -> new NotFoundException("Journey " + id + " has no version " + version));
    }

    private java.util.Optional<Version> versions(long id, String which, int version) {
        return jdbc.sql("""
                        select version, graph::text as graph, saved_by, saved_at, submitted_at, submitted_by, approved_at
                        from journey_version where campaign_id = :id %s""".formatted(which))
                .param("id", id)
                .param("version", version)
                .query((rs, n) -> new Version(
                        rs.getInt("version"),
                        rs.getString("graph"),
                        rs.getString("saved_by"),
                        rs.getTimestamp("saved_at").toInstant(),
                        instant(rs.getTimestamp("submitted_at")),
                        rs.getString("submitted_by"),
                        instant(rs.getTimestamp("approved_at"))))
                .optional();
    }

    private static @Nullable Instant instant(java.sql.@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private void insertVersion(long id, int version, JourneyGraph graph, String actor) {
        jdbc.sql("""
                        insert into journey_version (campaign_id, version, graph, saved_by, saved_at)
                        values (:id, :version, cast(:graph as jsonb), :actor, :now)""")
                .param("id", id)
                .param("version", version)
                .param("graph", graph.toJson())
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}
