package io.clientele.campaign.mix;

import io.clientele.analytics.channelmix.ChannelMix;
import io.clientele.analytics.channelmix.MixProblem;
import io.clientele.analytics.channelmix.SampleTest;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.StepSlice;
import io.clientele.campaign.audience.AudienceInput;
import io.clientele.campaign.audience.CampaignAudiences;
import io.clientele.campaign.material.Material;
import io.clientele.campaign.material.Materials;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.ConflictException;
import io.clientele.platform.NotFoundException;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans the cheapest channel mix from past campaigns ({@link MixHistory}, {@link ChannelMix}), turns a plan into its
 * sample-test campaign in one step, and once the sample has answered, plans the rest by the observed rates
 * ({@link SampleTest}) and makes the rollout campaign. Both campaigns are drafts, planned, approved and launched as any
 * other; their steps are slices ({@link StepSlice}) of the graded customers cut by the plan's id, so no customer is
 * in two of them.
 */
@Service
public class ChannelMixPlans {
    /** The saved segment both campaigns send to: every customer the latest scoring run graded. */
    static final String GRADED_SEGMENT = "Graded customers";

    private final JdbcClient jdbc;
    private final MixHistory history;
    private final ScoreRuns scoreRuns;
    private final Campaigns campaigns;
    private final CampaignSteps steps;
    private final CampaignAudiences audiences;
    private final Materials materials;
    private final SavedSegments segments;
    private final FieldRegistry fields;
    private final JsonMapper json;
    private final Clock clock;

    ChannelMixPlans(
            JdbcClient jdbc,
            MixHistory history,
            ScoreRuns scoreRuns,
            Campaigns campaigns,
            CampaignSteps steps,
            CampaignAudiences audiences,
            Materials materials,
            SavedSegments segments,
            FieldRegistry fields,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.history = history;
        this.scoreRuns = scoreRuns;
        this.campaigns = campaigns;
        this.steps = steps;
        this.audiences = audiences;
        this.materials = materials;
        this.segments = segments;
        this.fields = fields;
        this.json = json;
        this.clock = clock;
    }

    /** The cheapest mix for the request, computed and not stored. */
    public Proposal propose(MixRequest request) {
        return propose(request.parse());
    }

    private Proposal propose(MixRequest.Parsed request) {
        Long run = scoreRuns.latestCompleted().map(ScoreRun::id).orElse(null);
        MixHistory.Counts counts = run == null
                ? new MixHistory.Counts(Map.of(), Map.of(), Map.of(), Map.of())
                : history.read(run, request.campaigns());
        List<StepChannel> channels = MixHistory.channelsOf(counts);
        ValueGrade[] grades = ValueGrade.values();
        long[] customers = new long[grades.length];
        double[][] rate = new double[grades.length][channels.size()];
        long[][] sent = new long[grades.length][channels.size()];
        long[][] responded = new long[grades.length][channels.size()];
        for (int s = 0; s < grades.length; s++) {
            customers[s] = counts.customers().getOrDefault(grades[s], 0L);
            for (int c = 0; c < channels.size(); c++) {
                long[] cell = counts.sentAndResponded()
                        .getOrDefault(grades[s], Map.of())
                        .getOrDefault(channels.get(c), new long[2]);
                sent[s][c] = cell[0];
                responded[s][c] = cell[1];
                rate[s][c] = cell[0] == 0 ? 0 : (double) cell[1] / cell[0];
            }
        }
        double[] cost = new double[channels.size()];
        for (int c = 0; c < channels.size(); c++) {
            cost[c] = counts.cost()
                    .get(channels.get(c))
                    .divide(BigDecimal.valueOf(counts.sent().get(channels.get(c))), 4, RoundingMode.HALF_UP)
                    .doubleValue();
        }
        MixProblem problem = new MixProblem(
                customers, cost, rate, request.target(), request.budget().doubleValue());
        double fraction = request.samplePercent().doubleValue() / 100;
        long[][] sample = channels.isEmpty()
                ? new long[grades.length][0]
                : SampleTest.sample(problem, Math.min(fraction, 1.0 / channels.size()));
        return proposal(run, request, channels, problem, sent, responded, ChannelMix.plan(problem), sample);
    }

    private static Proposal proposal(
            @Nullable Long run,
            MixRequest.Parsed request,
            List<StepChannel> channels,
            MixProblem problem,
            long[][] sent,
            long[][] responded,
            io.clientele.analytics.channelmix.MixPlan plan,
            long[][] sample) {
        ValueGrade[] grades = ValueGrade.values();
        List<Proposal.Grade> gradeRows = new ArrayList<>();
        List<Proposal.Cell> cells = new ArrayList<>();
        for (int s = 0; s < grades.length; s++) {
            gradeRows.add(new Proposal.Grade(grades[s].name(), problem.customers()[s]));
            for (int c = 0; c < channels.size(); c++) {
                long planned = plan.feasible() ? plan.contacts()[s][c] : 0;
                cells.add(new Proposal.Cell(
                        grades[s].name(),
                        channels.get(c),
                        sent[s][c],
                        responded[s][c],
                        problem.rate()[s][c],
                        planned,
                        planned * problem.rate()[s][c],
                        sample[s][c]));
            }
        }
        List<Proposal.Channel> channelRows = new ArrayList<>();
        double sampleCost = 0;
        for (int c = 0; c < channels.size(); c++) {
            long sampled = 0;
            long history = 0;
            for (int s = 0; s < grades.length; s++) {
                sampled += sample[s][c];
                history += sent[s][c];
            }
            sampleCost += sampled * problem.cost()[c];
            channelRows.add(new Proposal.Channel(
                    channels.get(c), history, money(problem.cost()[c], 4), plan.channelContacts(c), sampled));
        }
        return new Proposal(
                run,
                request.target(),
                request.budget(),
                request.samplePercent(),
                request.campaigns(),
                gradeRows,
                channelRows,
                cells,
                plan.feasible() && !channels.isEmpty(),
                money(plan.cost(), 2),
                plan.expectedResponses(),
                plan.low(),
                plan.high(),
                money(sampleCost, 2));
    }

    private static BigDecimal money(double amount, int scale) {
        return BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_UP);
    }

    /**
     * Stores the plan and makes its sample-test campaign: a draft with one step per channel, each sent to its own
     * random slice of the graded customers (the plan's sample share of each grade), with the channel's first material
     * in the library and its cost per contact. A retry with the same idempotency key answers the plan made first.
     *
     * @throws ConflictException when no mix reaches the target within the budget, or a channel has no material
     */
    @Transactional
    public MixPlan create(MixRequest request, @Nullable String idempotencyKey, String actor) {
        MixRequest.Parsed parsed = request.parse();
        if (idempotencyKey != null) {
            Long existing = jdbc.sql("select id from channel_mix_plan where idempotency_key = :key")
                    .param("key", idempotencyKey)
                    .query(Long.class)
                    .optional()
                    .orElse(null);
            if (existing != null) {
                return find(existing);
            }
        }
        Proposal proposal = propose(parsed);
        if (!proposal.feasible()) {
            throw new ConflictException(
                    "No mix of channels reaches " + parsed.target() + " responses within the budget");
        }
        long id = jdbc.sql("""
                        insert into channel_mix_plan (idempotency_key, created_at, created_by, target, budget,
                                                      sample_percent, proposal)
                        values (:key, :at, :by, :target, :budget, :sample, cast(:proposal as jsonb))
                        returning id""")
                .param("key", idempotencyKey)
                .param("at", Timestamp.from(clock.instant()))
                .param("by", actor)
                .param("target", parsed.target())
                .param("budget", parsed.budget())
                .param("sample", parsed.samplePercent())
                .param("proposal", json.writeValueAsString(proposal))
                .query(Long.class)
                .single();
        int width = sampleWidth(proposal);
        List<Slice> slices = new ArrayList<>();
        for (int c = 0; c < proposal.channels().size(); c++) {
            Proposal.Channel channel = proposal.channels().get(c);
            slices.add(new Slice(
                    "Sample: " + channel.channel().name(),
                    channel.channel(),
                    channel.costPerContact(),
                    new StepSlice(id, c * width, (c + 1) * width, null)));
        }
        long campaign = campaign(
                "Channel mix " + id + ": sample test",
                "The sample test of channel mix plan " + id + ": each channel tried on its own random sample; the"
                        + " rollout follows the rates it observes.",
                proposal.sampleCost(),
                slices,
                actor);
        jdbc.sql("update channel_mix_plan set sample_campaign_id = :campaign where id = :id")
                .param("campaign", campaign)
                .param("id", id)
                .update();
        return find(id);
    }

    /** The buckets of 10,000 each channel's sample takes: the sample share of each grade. */
    private static int sampleWidth(Proposal proposal) {
        return proposal.samplePercent()
                .movePointRight(2)
                .min(BigDecimal.valueOf(StepSlice.BUCKETS / proposal.channels().size()))
                .intValue();
    }

    /**
     * Plans the rest by the sample's observed rates and makes the rollout campaign: a draft with a step per grade and
     * channel the rollout contacts, each a slice of that grade's customers outside the samples. Made once; asked
     * again it answers the plan as it is.
     *
     * @throws ConflictException before the sample test has sent anything, or when the rest cannot reach what is left
     *     of the target within what is left of the budget
     */
    @Transactional
    public MixPlan rollout(long id, String actor) {
        jdbc.sql("select id from channel_mix_plan where id = :id for update")
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("No channel-mix plan " + id));
        MixPlan plan = find(id);
        if (plan.rolloutCampaignId() != null) {
            return plan;
        }
        Long sampleCampaign = plan.sampleCampaignId();
        CampaignStatus status =
                sampleCampaign == null ? null : campaigns.find(sampleCampaign).status();
        if (status != CampaignStatus.RUNNING && status != CampaignStatus.PAUSED && status != CampaignStatus.COMPLETED) {
            throw new ConflictException("The sample test of plan " + id + " has not been sent yet");
        }
        Proposal before = plan.proposal();
        MixHistory.Counts observed =
                history.read(before.scoreRunId() == null ? -1 : before.scoreRunId(), List.of(sampleCampaign));
        ValueGrade[] grades = ValueGrade.values();
        List<StepChannel> channels =
                before.channels().stream().map(Proposal.Channel::channel).toList();
        long[] customers = new long[grades.length];
        double[] cost = new double[channels.size()];
        double[][] rate = new double[grades.length][channels.size()];
        long[][] sample = new long[grades.length][channels.size()];
        long[][] responded = new long[grades.length][channels.size()];
        long[] respondedPerChannel = new long[channels.size()];
        for (int s = 0; s < grades.length; s++) {
            customers[s] = before.grades().get(s).customers();
            for (int c = 0; c < channels.size(); c++) {
                rate[s][c] = before.cellsOf(grades[s].name()).get(c).rate();
                long[] cell = observed.sentAndResponded()
                        .getOrDefault(grades[s], Map.of())
                        .getOrDefault(channels.get(c), new long[2]);
                sample[s][c] = Math.min(cell[0], customers[s]);
                responded[s][c] = cell[1];
                respondedPerChannel[c] += cell[1];
            }
        }
        if (java.util.Arrays.stream(sample)
                        .flatMapToLong(java.util.Arrays::stream)
                        .sum()
                == 0) {
            throw new ConflictException("The sample test of plan " + id + " has not been sent yet");
        }
        for (int c = 0; c < channels.size(); c++) {
            cost[c] = before.channels().get(c).costPerContact().doubleValue();
        }
        MixProblem past = new MixProblem(
                customers, cost, rate, before.target(), before.budget().doubleValue());
        MixProblem rest = SampleTest.rollout(past, sample, respondedPerChannel);
        io.clientele.analytics.channelmix.MixPlan planned = ChannelMix.plan(rest);
        MixRequest.Parsed request = new MixRequest.Parsed(
                (int) Math.ceil(rest.target()),
                money(rest.budget(), 2),
                before.samplePercent(),
                List.of(sampleCampaign));
        Proposal rollout = proposal(
                before.scoreRunId(),
                request,
                channels,
                rest,
                sample,
                responded,
                planned,
                new long[grades.length][channels.size()]);
        if (!rollout.feasible()) {
            throw new ConflictException("By the sample's rates no mix of the rest reaches the " + request.target()
                    + " responses left within the budget left");
        }
        int start = sampleWidth(before) * channels.size();
        List<Slice> slices = new ArrayList<>();
        for (int s = 0; s < grades.length; s++) {
            int from = start;
            for (int c = 0; c < channels.size(); c++) {
                long contacts = planned.contacts()[s][c];
                if (contacts == 0) {
                    continue;
                }
                int to = (int) Math.min(
                        StepSlice.BUCKETS,
                        from + Math.round((double) (StepSlice.BUCKETS - start) * contacts / rest.customers()[s]));
                slices.add(new Slice(
                        "Rollout: grade " + grades[s] + ", " + channels.get(c).name(),
                        channels.get(c),
                        before.channels().get(c).costPerContact(),
                        new StepSlice(id, from, to, grades[s].name())));
                from = to;
            }
        }
        long campaign = campaign(
                "Channel mix " + id + ": rollout",
                "The rollout of channel mix plan " + id + ": the customers outside the samples, on the channels the"
                        + " sample's observed rates make cheapest.",
                rollout.cost(),
                slices,
                actor);
        jdbc.sql("""
                        update channel_mix_plan set rollout_campaign_id = :campaign, rollout = cast(:rollout as jsonb)
                        where id = :id""")
                .param("campaign", campaign)
                .param("rollout", json.writeValueAsString(rollout))
                .param("id", id)
                .update();
        return find(id);
    }

    private record Slice(String name, StepChannel channel, BigDecimal unitCost, StepSlice slice) {}

    /** A draft campaign to the graded customers with a step per slice, its budget what the steps should cost. */
    private long campaign(String name, String description, BigDecimal budget, List<Slice> slices, String actor) {
        long campaign = campaigns
                .create(
                        new CampaignInput(
                                name,
                                "RETENTION",
                                description,
                                "channel mix",
                                actor,
                                null,
                                null,
                                null,
                                null,
                                List.of(new CampaignInput.BudgetLineInput("MESSAGING", null, budget.toPlainString()))),
                        actor)
                .id();
        for (Slice slice : slices) {
            long step = steps.create(
                            campaign,
                            StepInput.sending(
                                    slice.name(),
                                    slice.channel(),
                                    material(slice.channel()),
                                    slice.unitCost().toPlainString()),
                            actor)
                    .id();
            steps.slice(campaign, step, slice.slice());
        }
        audiences.update(
                campaign, new AudienceInput(List.of(String.valueOf(gradedSegment())), List.of(), null, "0"), actor);
        return campaign;
    }

    /** The channel's first material in the library by name; the draft's step may be changed to another. */
    private long material(StepChannel channel) {
        return materials.page(channel.material(), false, 0, 1).items().stream()
                .findFirst()
                .map(Material::id)
                .orElseThrow(() -> new ConflictException(
                        "The library has no " + channel.material() + " material for the " + channel + " steps"));
    }

    private long gradedSegment() {
        return segments.findByName(GRADED_SEGMENT)
                .map(SavedSegment::id)
                .orElseGet(() -> segments.create(new SavedSegments.Draft(
                                GRADED_SEGMENT,
                                "Every customer with a value grade in the latest scoring run: the channel mix's"
                                        + " audience.",
                                SavedSegment.Kind.DYNAMIC,
                                ConditionJson.parse(
                                        "{\"field\": \"grade\", \"op\": \"in\", \"values\": [\"A\", \"B\", \"C\", \"D\"]}",
                                        fields)))
                        .segment()
                        .id());
    }

    public MixPlan find(long id) {
        return jdbc.sql("select * from channel_mix_plan where id = :id")
                .param("id", id)
                .query((rs, n) -> new MixPlan(
                        rs.getLong("id"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"),
                        json.readValue(rs.getString("proposal"), Proposal.class),
                        rs.getObject("sample_campaign_id", Long.class),
                        rs.getObject("rollout_campaign_id", Long.class),
                        rs.getString("rollout") == null
                                ? null
                                : json.readValue(rs.getString("rollout"), Proposal.class)))
                .optional()
                .orElseThrow(() -> new NotFoundException("No channel-mix plan " + id));
    }

    /** The latest plans, newest first. */
    public List<MixPlan> recent(int limit) {
        return jdbc
                .sql("select id from channel_mix_plan order by id desc limit :limit")
                .param("limit", limit)
                .query(Long.class)
                .list()
                .stream()
                .map(this::find)
                .toList();
    }
}
