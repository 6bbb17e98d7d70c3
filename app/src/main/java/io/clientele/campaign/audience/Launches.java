package io.clientele.campaign.audience;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignKind;
import io.clientele.campaign.CampaignStarted;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ExclusionReason;
import io.clientele.campaign.MemberGroup;
import io.clientele.campaign.StepAdmissions;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepFrozen;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentPredicate;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Launching a campaign: in one transaction, the campaign moves to RUNNING and every step's audience is frozen into
 * its members, each customer TREATED (pending, with the address used), CONTROL, or EXCLUDED with the first reason
 * that applies in the order of {@link ExclusionReason}. Set-based: one insert … select per step, whatever the size of
 * the audience.
 */
@Service
public class Launches implements StepAdmissions {
    private static final Logger log = LoggerFactory.getLogger(Launches.class);
    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final CampaignSteps steps;
    private final CampaignAudiences audiences;
    private final SavedSegments segments;
    private final ContactPolicies policies;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScoreRuns scoreRuns;

    Launches(
            JdbcClient jdbc,
            Campaigns campaigns,
            CampaignSteps steps,
            CampaignAudiences audiences,
            SavedSegments segments,
            ContactPolicies policies,
            ScoreRuns scoreRuns,
            ApplicationEventPublisher events,
            Clock clock) {
        this.clock = clock;
        this.scoreRuns = scoreRuns;
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.steps = steps;
        this.audiences = audiences;
        this.segments = segments;
        this.policies = policies;
        this.events = events;
    }

    /**
     * Launches an approved or scheduled campaign. A campaign launched already is answered as it is (a retried request
     * freezes nothing twice).
     *
     * @throws ConflictException when the campaign is neither approved nor scheduled
     * @throws InvalidInputException when it has no step or no segment to target
     */
    @Transactional
    public Campaign launch(long campaignId, String actor) {
        CampaignStatus status = campaigns.lockedStatus(campaignId);
        if (status == CampaignStatus.RUNNING && launched(campaignId)) {
            return campaigns.find(campaignId);
        }
        if (status != CampaignStatus.APPROVED && status != CampaignStatus.SCHEDULED) {
            throw new ConflictException("Campaign " + campaignId + " is " + status
                    + ": only an approved or scheduled campaign can be launched");
        }
        List<CampaignStep> toFreeze = steps.of(campaignId).stream()
                .filter(step -> step.status() == CampaignStep.Status.DRAFT)
                .toList();
        CampaignAudience audience = audiences.get(campaignId);
        List<FieldProblem> problems = new ArrayList<>();
        // a journey's or programme's customers are admitted as they come, not by the campaign's segments; none may send
        CampaignKind kind = campaigns.find(campaignId).kind();
        if (kind == CampaignKind.CAMPAIGN && toFreeze.isEmpty()) {
            problems.add(FieldProblem.of("steps", "audience.launch.noStep"));
        }
        if (kind == CampaignKind.CAMPAIGN && !audience.hasInclude() && !hasEntrants(campaignId)) {
            problems.add(FieldProblem.of("include", "audience.launch.noSegment"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Campaign started = campaigns.start(campaignId, actor);
        Instant launchedAt = jdbc.sql("select launched_at from campaign where id = :id")
                .param("id", campaignId)
                .query(Timestamp.class)
                .single()
                .toInstant();
        if (kind.admits()) {
            for (CampaignStep step : toFreeze) {
                steps.open(step.id(), launchedAt);
            }
            events.publishEvent(new CampaignStarted(campaignId, kind, launchedAt));
            return started;
        }
        long start = System.nanoTime();
        prepare(audience, policies.get(), launchedAt);
        log.debug("campaign {}: audience prepared in {} ms", campaignId, (System.nanoTime() - start) / 1_000_000);
        for (CampaignStep step : toFreeze) {
            start = System.nanoTime();
            int members = freeze(step, audience.controlPercent());
            log.debug(
                    "campaign {}: step {} frozen, {} members in {} ms",
                    campaignId,
                    step.id(),
                    members,
                    (System.nanoTime() - start) / 1_000_000);
            jdbc.sql("update campaign_step set status = 'FROZEN', frozen_at = :at where id = :id")
                    .param("at", Timestamp.from(launchedAt))
                    .param("id", step.id())
                    .update();
            events.publishEvent(new StepFrozen(campaignId, step.id(), step.channel()));
        }
        events.publishEvent(new CampaignStarted(campaignId, kind, launchedAt));
        return started;
    }

    /**
     * The launch's preparation and insert, for the customers reaching the step: the temporary tables hold them, those
     * of them in an exclusion segment, and those of them at the contact-pressure limit, as of now.
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int admit(long stepId, long[] customerIds) {
        if (customerIds.length == 0) {
            return 0;
        }
        CampaignStep step = steps.get(stepId);
        if (!step.admits()) {
            throw new ConflictException("Step " + stepId + " does not admit members");
        }
        CampaignAudience audience = audiences.get(step.campaignId());
        createScratch();
        jdbc.sql("insert into launch_audience (customer_id) select distinct unnest(:ids)")
                .param("ids", Arrays.stream(customerIds).boxed().toArray(Long[]::new))
                .update();
        fillScratch(audience, policies.get(), clock.instant(), true);
        int admitted = insertMembers(step, audience.controlPercent(), "campaign_member", " on conflict do nothing");
        if (step.channel() == StepChannel.COUPON) {
            // the admitted members' codes are drawn in this transaction, as a freeze draws them
            events.publishEvent(new StepFrozen(step.campaignId(), stepId, step.channel()));
        }
        return admitted;
    }

    private boolean launched(long campaignId) {
        return jdbc.sql("select launched_at is not null from campaign where id = :id")
                .param("id", campaignId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Fills the transaction's temporary tables every step reads: the audience (the include segments' union as of
     * now), those of the exclusion segments, and those whom the contact-pressure policy stops.
     */
    private void prepare(CampaignAudience audience, ContactPolicy policy, Instant launchedAt) {
        createScratch();
        long start = System.nanoTime();
        long selected = audience.hasInclude() ? selectInto("launch_audience", audience.include(), false) : 0;
        // a sub-campaign's entrants: the customers who reached the journey node that started it
        selected += jdbc.sql("""
                        insert into launch_audience (customer_id)
                        select e.customer_id from campaign_entrant e where e.campaign_id = :id
                          and not exists (select 1 from launch_audience a where a.customer_id = e.customer_id)""").param("id", audience.campaignId()).update();
        log.debug("audience: {} customers in {} ms", selected, (System.nanoTime() - start) / 1_000_000);
        fillScratch(audience, policy, launchedAt, false);
    }

    /** The transaction's temporary tables (an admission's are emptied first: a tick admits to several steps). */
    private void createScratch() {
        // hash joins over a million customers stay in memory instead of spilling
        jdbc.sql("set local work_mem = '64MB'").update();
        jdbc.sql("create temp table if not exists launch_audience (customer_id bigint not null) on commit drop")
                .update();
        jdbc.sql("create temp table if not exists launch_excluded (customer_id bigint not null) on commit drop")
                .update();
        jdbc.sql("create temp table if not exists launch_pressure (customer_id bigint not null) on commit drop")
                .update();
        jdbc.sql("truncate launch_audience, launch_excluded, launch_pressure").update();
    }

    /**
     * Those of the audience in an exclusion segment, and those at the contact-pressure limit. {@code onlyAudience}: the
     * segments' and the members' rows are read for the audience's customers only (an admission's few), not whole.
     */
    private void fillScratch(
            CampaignAudience audience, ContactPolicy policy, Instant launchedAt, boolean onlyAudience) {
        long start;
        long selected;
        if (!audience.exclude().isEmpty()) {
            start = System.nanoTime();
            selected = selectInto("launch_excluded", audience.exclude(), onlyAudience);
            log.debug("exclusion segments: {} customers in {} ms", selected, (System.nanoTime() - start) / 1_000_000);
        }
        String audienceOnly = onlyAudience ? " and m.customer_id in (select customer_id from launch_audience)" : "";
        start = System.nanoTime();
        // contacts sent in the window, and contacts still to be sent by running campaigns served before this one:
        // a higher priority, or the same priority launched earlier
        int pressured = jdbc.sql("""
                        insert into launch_pressure (customer_id)
                        select customer_id from (
                            select m.customer_id from campaign_member m
                            where m.sent_at > :since and m.campaign_id <> :campaign%1$s
                            union all
                            select m.customer_id from campaign_member m
                            join campaign_step st on st.id = m.step_id
                            join campaign k on k.id = st.campaign_id
                            where k.status = 'RUNNING' and k.id <> :campaign
                              and m.send_status in ('PENDING', 'SENDING')
                              and (k.priority > :priority
                                   or (k.priority = :priority and (k.launched_at, k.id) < (:launchedAt, :campaign)))%1$s
                        ) contacts
                        group by customer_id having count(*) >= :max""".formatted(audienceOnly))
                .param("since", Timestamp.from(launchedAt.minus(Duration.ofDays(policy.windowDays()))))
                .param("campaign", audience.campaignId())
                .param("priority", audience.priority())
                .param("launchedAt", Timestamp.from(launchedAt))
                .param("max", policy.maxContacts())
                .update();
        log.debug(
                "contact pressure: {} customers at the limit in {} ms",
                pressured,
                (System.nanoTime() - start) / 1_000_000);
        jdbc.sql("analyze launch_audience").update();
        jdbc.sql("analyze launch_excluded").update();
        jdbc.sql("analyze launch_pressure").update();
    }

    private boolean hasEntrants(long campaignId) {
        return jdbc.sql("select exists (select 1 from campaign_entrant where campaign_id = :id)")
                .param("id", campaignId)
                .query(Boolean.class)
                .single();
    }

    private int selectInto(String table, List<CampaignAudience.Segment> chosen, boolean onlyAudience) {
        List<SavedSegment> saved =
                chosen.stream().map(s -> segments.get(s.id())).toList();
        SegmentPredicate union = segments.union(saved);
        String audienceOnly = onlyAudience ? " and c.id in (select customer_id from launch_audience)" : "";
        return jdbc.sql("insert into " + table + " (customer_id) select c.id" + SegmentPredicate.FROM + " where ("
                        + union.where() + ")" + audienceOnly)
                .params(union.params())
                .update();
    }

    /**
     * One insert … select: each customer's group and first reason as CASE expressions over left joins, into a table
     * of the step's own that then becomes its partition of {@code campaign_member} (see V15): its indexes are built
     * over the loaded rows, and its check constraint spares the attach a scan.
     */
    private int freeze(CampaignStep step, BigDecimal controlPercent) {
        String partition = "campaign_member_s" + step.id();
        jdbc.sql("create table " + partition + " (like campaign_member including defaults including constraints,"
                        + " check (step_id = " + step.id() + "))")
                .update();
        int members = insertMembers(step, controlPercent, partition, "");
        jdbc.sql("alter table campaign_member attach partition " + partition + " for values in (" + step.id() + ")")
                .update();
        return members;
    }

    private int insertMembers(CampaignStep step, BigDecimal controlPercent, String table, String onConflict) {
        Channel sql = Channel.of(step.channel());
        Map<String, Object> params = new HashMap<>();
        params.put("step", step.id());
        params.put("campaign", step.campaignId());
        params.put("channel", step.channel().name());
        params.put(
                "consent",
                step.channel().consent() == null ? "" : step.channel().consent().name());
        params.put("control", controlPercent.movePointRight(2).intValueExact());
        // a sliced step's grade is read from the latest scoring run (none yet: no customer has a grade)
        params.put("scoreRun", scoreRuns.latestCompleted().map(ScoreRun::id).orElse(-1L));
        return jdbc.sql("""
                        insert into %s (step_id, customer_id, campaign_id, member_group, reason, address,
                                        send_status)
                        select :step, customer_id, :campaign,
                               case when reason is not null then 'EXCLUDED' when control then 'CONTROL'
                                    else 'TREATED' end,
                               reason,
                               case when reason is null and not control then address end,
                               case when reason is null and not control then 'PENDING' end
                        from (
                            select a.customer_id,
                                   case when x.customer_id is not null then 'EXCLUDED_SEGMENT'
                                        when %s then 'NO_ADDRESS'
                                        when %s then 'NO_CONSENT'
                                        when sp.customer_id is not null then 'SUPPRESSED'
                                        when p.customer_id is not null then 'CONTACT_PRESSURE'
                                   end as reason,
                                   -- the same customers in every step: a hash of the campaign and the customer
                                   abs(mod(hashint8extended(a.customer_id, :campaign), 10000)) < :control as control,
                                   %s as address
                            from launch_audience a
                            join customer c on c.id = a.customer_id
                            left join customer_consent k on k.customer_id = a.customer_id and k.channel = :consent
                            left join launch_excluded x on x.customer_id = a.customer_id
                            left join launch_pressure p on p.customer_id = a.customer_id
                            left join (
                                select customer_id from suppression
                                where customer_id is not null and (channel is null or channel = :channel)
                                %s
                            ) sp on sp.customer_id = a.customer_id
                            -- a step narrowed to a slice of the audience (StepSlice) takes only the slice
                            where not exists (select 1 from campaign_step_slice sl where sl.step_id = :step)
                               or exists (
                                   select 1 from campaign_step_slice sl
                                   where sl.step_id = :step
                                     and abs(mod(hashint8extended(a.customer_id, sl.seed), 10000))
                                         between sl.from_bucket and sl.to_bucket - 1
                                     and (sl.grade is null or exists (
                                         select 1 from customer_score g
                                         where g.run_id = :scoreRun and g.customer_id = a.customer_id
                                           and g.grade = sl.grade)))
                        ) decided%s""".formatted(
                        table, sql.noAddress(), sql.noConsent(), sql.address(), sql.suppressedAddresses(), onConflict))
                .params(params)
                .update();
    }

    /** The channel's fixed SQL fragments: what its address is, when a customer has none, how it is suppressed. */
    private record Channel(String address, String noAddress, String noConsent, String suppressedAddresses) {
        static Channel of(StepChannel channel) {
            String consent = channel.consent() == null ? "false" : "k.granted is not true";
            return switch (channel) {
                case EMAIL -> new Channel("c.email", "c.email_key is null", consent, byKey("email_key", "email_hash"));
                case SMS, CALL ->
                    new Channel("c.phone", "c.phone_key is null", consent, byKey("phone_key", "phone_hash"));
                case MAIL ->
                    new Channel(
                            "concat_ws(', ', c.address_line, c.postal_code, c.city)",
                            "coalesce(btrim(c.address_line), '') = '' or coalesce(btrim(c.postal_code), '') = ''"
                                    + " or coalesce(btrim(c.city), '') = ''",
                            consent,
                            "");
                case COUPON -> new Channel("null", "false", consent, "");
            };
        }

        /**
         * Customers holding a suppressed address, listed as it is or (an erased person's) as its hash: one index
         * lookup per listed address.
         */
        private static String byKey(String key, String hash) {
            return """
                    union
                    select h.id from suppression s join customer h on h.%1$s = s.address
                    where s.address is not null and (s.channel is null or s.channel = :channel)
                    union
                    select h.id from suppression s join customer h on h.%2$s = s.address
                    where s.address like 'sha256:%%' and (s.channel is null or s.channel = :channel)""".formatted(key, hash);
        }
    }

    /** Per step of the campaign, in order: the frozen audience's counts (all zero before launch). */
    public List<StepCounts> counts(long campaignId) {
        record Row(long step, MemberGroup group, @Nullable ExclusionReason reason, long count) {}
        List<Row> rows = jdbc.sql("""
                        select step_id, member_group, reason, count(*) as n from campaign_member
                        where campaign_id = :id group by step_id, member_group, reason""")
                .param("id", campaignId)
                .query((rs, n) -> new Row(
                        rs.getLong("step_id"),
                        MemberGroup.valueOf(rs.getString("member_group")),
                        rs.getString("reason") == null ? null : ExclusionReason.valueOf(rs.getString("reason")),
                        rs.getLong("n")))
                .list();
        return steps.of(campaignId).stream()
                .map(step -> {
                    long treated = 0;
                    long control = 0;
                    Map<ExclusionReason, Long> excluded = new EnumMap<>(ExclusionReason.class);
                    for (ExclusionReason reason : ExclusionReason.values()) {
                        excluded.put(reason, 0L);
                    }
                    for (Row row : rows) {
                        if (row.step() != step.id()) {
                            continue;
                        }
                        switch (row.group()) {
                            case TREATED -> treated += row.count();
                            case CONTROL -> control += row.count();
                            case EXCLUDED -> excluded.merge(row.reason(), row.count(), Long::sum);
                        }
                    }
                    long total = treated
                            + control
                            + excluded.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum();
                    return new StepCounts(step, total, treated, control, excluded);
                })
                .toList();
    }

    /** A customer left out of a step, for the drill-down list. */
    public record Excluded(
            long customerId,
            String name,
            @Nullable String email,
            @Nullable String phone) {}

    /** The customers of a step excluded for the reason, by customer number. */
    public PageResult<Excluded> excluded(long campaignId, long stepId, ExclusionReason reason, int page, int size) {
        steps.ofCampaign(campaignId, stepId);
        long total = jdbc.sql("select count(*) from campaign_member where step_id = :step and reason = :reason")
                .param("step", stepId)
                .param("reason", reason.name())
                .query(Long.class)
                .single();
        List<Excluded> items = jdbc.sql("""
                        select c.id, concat_ws(' ', c.first_name, c.last_name) as name, c.email, c.phone
                        from campaign_member m join customer c on c.id = m.customer_id
                        where m.step_id = :step and m.reason = :reason
                        order by m.customer_id limit :size offset :offset""")
                .param("step", stepId)
                .param("reason", reason.name())
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, n) -> new Excluded(
                        rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("phone")))
                .list();
        return new PageResult<>(items, page, size, total);
    }
}
