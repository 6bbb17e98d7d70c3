package io.clientele.campaign;

import io.clientele.audit.AuditTrail;
import io.clientele.identity.UserAccounts;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaign plans and their workflow. Each transition is a verb that checks the present status (in the same
 * statement that changes it, so two people cannot both approve), records who and when, and writes the audit trail.
 */
@Service
public class Campaigns {
    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final AuditTrail audit;
    private final Clock clock;
    private final List<SubmissionParticipant> participants;

    Campaigns(
            JdbcClient jdbc,
            UserAccounts users,
            AuditTrail audit,
            Clock clock,
            @Lazy List<SubmissionParticipant> participants) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.participants = participants;
    }

    @Transactional
    public Campaign create(CampaignInput input, String actor) {
        return create(input, CampaignKind.CAMPAIGN, actor);
    }

    @Transactional
    public Campaign create(CampaignInput input, CampaignKind kind, String actor) {
        CampaignInput.Plan plan = checked(input, actor);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into campaign (name, kind, purpose, description, source, owner_username, starts_on,
                                              ends_on, target_response_rate, target_revenue, status, created_by,
                                              created_at, updated_at)
                        values (:name, :kind, :purpose, :description, :source, :owner, :startsOn, :endsOn, :rate,
                                :revenue, 'DRAFT', :actor, :now, :now)
                        returning id""")
                .params(planParams(plan))
                .param("kind", kind.name())
                .param("actor", actor)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
        writeBudget(id, plan);
        transition(id, null, CampaignStatus.DRAFT, actor, null, now);
        audit.record("campaign.created", "campaign", id, Map.of("name", plan.name()));
        return find(id);
    }

    /** Changes the plan; only a draft or a rejected plan can change. */
    @Transactional
    public Campaign update(long id, CampaignInput input, String actor) {
        CampaignInput.Plan plan = checked(input, actor);
        int updated = jdbc.sql("""
                        update campaign set name = :name, purpose = :purpose, description = :description,
                               source = :source, owner_username = :owner, starts_on = :startsOn, ends_on = :endsOn,
                               target_response_rate = :rate, target_revenue = :revenue, updated_at = :now
                        where id = :id and status in ('DRAFT', 'REJECTED')""")
                .params(planParams(plan))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
        if (updated == 0) {
            throw new ConflictException(
                    "Campaign " + id + " is " + find(id).status() + ": only a draft or a rejected plan can be changed");
        }
        jdbc.sql("delete from campaign_budget_line where campaign_id = :id")
                .param("id", id)
                .update();
        writeBudget(id, plan);
        audit.record("campaign.updated", "campaign", id, Map.of("name", plan.name()));
        return find(id);
    }

    /**
     * Locks the campaign for a change to what gets approved (its steps, its audience) until the transaction ends.
     *
     * @throws ConflictException unless the plan is a draft or rejected
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockEditable(long id) {
        CampaignStatus status = lockedStatus(id);
        if (!status.editable()) {
            throw new ConflictException(
                    "Campaign " + id + " is " + status + ": only a draft or a rejected plan can be changed");
        }
    }

    /**
     * Starts an approved or scheduled campaign: an approved one moves through SCHEDULED to RUNNING, each transition
     * kept, and who launched it when is recorded. The caller holds the campaign's lock and freezes its audience in the
     * same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Campaign start(long id, String actor) {
        if (find(id).status() == CampaignStatus.APPROVED) {
            move(id, CampaignStatus.SCHEDULED, actor, null);
        }
        move(id, CampaignStatus.RUNNING, actor, null);
        jdbc.sql("update campaign set launched_at = :now, launched_by = :actor where id = :id")
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("id", id)
                .update();
        return find(id);
    }

    /** The campaign's status, its row locked until the transaction ends (two launches do not both freeze). */
    @Transactional(propagation = Propagation.MANDATORY)
    public CampaignStatus lockedStatus(long id) {
        return jdbc.sql("select status from campaign where id = :id for update")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(CampaignStatus::valueOf)
                .orElseThrow(() -> new NotFoundException("No campaign " + id));
    }

    /** Submits the plan for approval once every {@link SubmissionParticipant} finds its part complete. */
    @Transactional
    public Campaign submit(long id, String actor) {
        Campaign campaign = find(id);
        if (campaign.status().next().contains(CampaignStatus.SUBMITTED)) {
            lockEditable(id);
            participants.forEach(p -> p.beforeSubmit(campaign, actor));
        }
        return move(id, CampaignStatus.SUBMITTED, actor, null);
    }

    /** By a marketing manager who did not submit it (four eyes), with an optional comment. */
    @Transactional
    public Campaign approve(long id, String actor, @Nullable String comment) {
        Campaign campaign = find(id);
        if (actor.equals(campaign.submittedBy())) {
            throw new ConflictException(
                    "Campaign " + id + " was submitted by " + actor + ": another marketing manager approves it");
        }
        return move(id, CampaignStatus.APPROVED, actor, comment);
    }

    /** By a marketing manager, with the reason; the plan goes back to its author to change and submit again. */
    @Transactional
    public Campaign reject(long id, String actor, @Nullable String comment) {
        if (comment == null || comment.isBlank()) {
            throw new InvalidInputException(FieldProblem.of("comment", "validation.required"));
        }
        return move(id, CampaignStatus.REJECTED, actor, comment);
    }

    /** Holds a running campaign: its steps send nothing until it is resumed (a journey also stops advancing). */
    @Transactional
    public Campaign pause(long id, String actor) {
        return move(id, CampaignStatus.PAUSED, actor, null);
    }

    /** Ends a running campaign: its results stand; nothing more is sent. */
    @Transactional
    public Campaign complete(long id, String actor) {
        return move(id, CampaignStatus.COMPLETED, actor, null);
    }

    @Transactional
    public Campaign resume(long id, String actor) {
        if (find(id).status() != CampaignStatus.PAUSED) {
            throw new ConflictException("Campaign " + id + " is not paused");
        }
        return move(id, CampaignStatus.RUNNING, actor, null);
    }

    @Transactional
    public Campaign schedule(long id, String actor) {
        return move(id, CampaignStatus.SCHEDULED, actor, null);
    }

    @Transactional
    public Campaign cancel(long id, String actor, @Nullable String comment) {
        return move(id, CampaignStatus.CANCELLED, actor, comment);
    }

    private Campaign move(long id, CampaignStatus to, String actor, @Nullable String comment) {
        Campaign campaign = find(id);
        CampaignStatus from = campaign.status();
        if (!from.next().contains(to)) {
            throw new ConflictException("Campaign " + id + " is " + from + " and cannot become " + to);
        }
        Instant now = clock.instant();
        int moved = jdbc.sql("update campaign set status = :to, updated_at = :now where id = :id and status = :from")
                .param("to", to.name())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("from", from.name())
                .update();
        if (moved == 0) {
            throw new ConflictException("Campaign " + id + " changed meanwhile; reload it");
        }
        String trimmed = comment == null || comment.isBlank() ? null : comment.strip();
        transition(id, from, to, actor, trimmed, now);
        audit.record(
                "campaign." + to.name().toLowerCase(java.util.Locale.ROOT),
                "campaign",
                id,
                trimmed == null ? Map.of("from", from.name()) : Map.of("from", from.name(), "comment", trimmed));
        return find(id);
    }

    public Campaign find(long id) {
        return findOptional(id).orElseThrow(() -> new NotFoundException("No campaign " + id));
    }

    public Optional<Campaign> findOptional(long id) {
        return jdbc.sql("select * from campaign where id = :id")
                .param("id", id)
                .query((rs, row) -> campaign(rs))
                .optional()
                .map(found -> withDetails(List.of(found)).getFirst());
    }

    /** Campaigns newest first, optionally of one status. */
    public PageResult<Campaign> page(@Nullable CampaignStatus status, int page, int size) {
        String where = status == null ? "" : " where status = :status";
        var count = jdbc.sql("select count(*) from campaign" + where);
        var list = jdbc.sql("select * from campaign" + where + " order by id desc limit :size offset :offset");
        if (status != null) {
            count = count.param("status", status.name());
            list = list.param("status", status.name());
        }
        long total = count.query(Long.class).single();
        List<Campaign> campaigns = withDetails(list.param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> campaign(rs))
                .list());
        return new PageResult<>(campaigns, page, size, total);
    }

    private CampaignInput.Plan checked(CampaignInput input, String actor) {
        CampaignInput.Plan plan = input.validate(actor);
        boolean ownerExists = users.all().stream().anyMatch(u -> u.username().equals(plan.owner()) && u.enabled());
        if (!ownerExists) {
            throw new InvalidInputException(FieldProblem.of("owner", "validation.unknown", plan.owner()));
        }
        return plan;
    }

    private static Map<String, Object> planParams(CampaignInput.Plan plan) {
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("name", plan.name());
        params.put("purpose", plan.purpose().name());
        params.put("description", plan.description());
        params.put("source", plan.source());
        params.put("owner", plan.owner());
        params.put("startsOn", plan.startsOn());
        params.put("endsOn", plan.endsOn());
        params.put("rate", plan.targetResponseRate());
        params.put("revenue", plan.targetRevenue());
        return params;
    }

    private void writeBudget(long id, CampaignInput.Plan plan) {
        int lineNo = 1;
        for (CampaignInput.BudgetLine line : plan.budget()) {
            jdbc.sql("""
                            insert into campaign_budget_line (campaign_id, line_no, cost_type, description, amount)
                            values (:id, :lineNo, :type, :description, :amount)""")
                    .param("id", id)
                    .param("lineNo", lineNo++)
                    .param("type", line.costType().name())
                    .param("description", line.description())
                    .param("amount", line.amount())
                    .update();
        }
    }

    private void transition(
            long id,
            @Nullable CampaignStatus from,
            CampaignStatus to,
            String actor,
            @Nullable String comment,
            Instant at) {
        jdbc.sql("""
                        insert into campaign_transition (campaign_id, from_status, to_status, actor, comment, at)
                        values (:id, :from, :to, :actor, :comment, :at)""")
                .param("id", id)
                .param("from", from == null ? null : from.name())
                .param("to", to.name())
                .param("actor", actor)
                .param("comment", comment)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** A campaign row with its plan; budget and transitions are added by {@link #withDetails} for all at once. */
    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(
                rs.getLong("id"),
                CampaignKind.valueOf(rs.getString("kind")),
                new CampaignInput.Plan(
                        rs.getString("name"),
                        CampaignPurpose.valueOf(rs.getString("purpose")),
                        rs.getString("description"),
                        rs.getString("source"),
                        rs.getString("owner_username"),
                        rs.getObject("starts_on", LocalDate.class),
                        rs.getObject("ends_on", LocalDate.class),
                        rs.getBigDecimal("target_response_rate"),
                        rs.getBigDecimal("target_revenue"),
                        List.of()),
                CampaignStatus.valueOf(rs.getString("status")),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                List.of());
    }

    /** The campaigns with their budget lines and transitions: two queries for the whole list, not two per row. */
    private List<Campaign> withDetails(List<Campaign> campaigns) {
        if (campaigns.isEmpty()) {
            return campaigns;
        }
        List<Long> ids = campaigns.stream().map(Campaign::id).toList();
        Map<Long, List<CampaignInput.BudgetLine>> budgets = new java.util.HashMap<>();
        jdbc.sql("select * from campaign_budget_line where campaign_id in (:ids) order by campaign_id, line_no")
                .param("ids", ids)
                .query((ResultSet line) -> {
                    budgets.computeIfAbsent(line.getLong("campaign_id"), k -> new java.util.ArrayList<>())
                            .add(new CampaignInput.BudgetLine(
                                    CostType.valueOf(line.getString("cost_type")),
                                    line.getString("description"),
                                    line.getBigDecimal("amount")));
                });
        Map<Long, List<Campaign.Transition>> transitions = new java.util.HashMap<>();
        jdbc.sql("select * from campaign_transition where campaign_id in (:ids) order by campaign_id, id")
                .param("ids", ids)
                .query((ResultSet t) -> {
                    transitions
                            .computeIfAbsent(t.getLong("campaign_id"), k -> new java.util.ArrayList<>())
                            .add(new Campaign.Transition(
                                    t.getString("from_status") == null
                                            ? null
                                            : CampaignStatus.valueOf(t.getString("from_status")),
                                    CampaignStatus.valueOf(t.getString("to_status")),
                                    t.getString("actor"),
                                    t.getString("comment"),
                                    t.getTimestamp("at").toInstant()));
                });
        return campaigns.stream()
                .map(c -> new Campaign(
                        c.id(),
                        c.kind(),
                        c.plan().withBudget(budgets.getOrDefault(c.id(), List.of())),
                        c.status(),
                        c.createdBy(),
                        c.createdAt(),
                        c.updatedAt(),
                        transitions.getOrDefault(c.id(), List.of())))
                .toList();
    }
}
