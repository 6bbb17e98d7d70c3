package io.clientele.campaign.channel;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.SendStatus;
import io.clientele.campaign.material.Materials;
import io.clientele.campaign.material.Preview;
import io.clientele.campaign.material.SampleOffer;
import io.clientele.campaign.response.CampaignResponses;
import io.clientele.customer.CustomerProfile;
import io.clientele.customer.Customers;
import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agent screen's data: an agent's queue of pending calls, one call with the customer's key facts and the script,
 * and the recording of its outcome. Every query carries the viewer's scope, so an agent cannot read or record a call
 * assigned to someone else (it does not exist for them).
 */
@Service
public class Calls {
    static final int MAX_NOTE = 2000;

    /** A pending call in a queue. {@code attempts}: calls made so far without completing it. */
    public record QueuedCall(
            long stepId,
            long customerId,
            String customerName,
            @Nullable String phone,
            long campaignId,
            String campaign,
            String step,
            @Nullable String agent,
            int attempts) {}

    /** One earlier call of the same member. */
    public record Attempt(
            int attempt, CallOutcome outcome, @Nullable String note, String agent, Instant at) {}

    /** Everything an agent needs on the call: who, their key facts, the script as it reads for them, the history. */
    public record CallCard(
            QueuedCall call,
            SendStatus status,
            @Nullable String email,
            @Nullable String city,
            @Nullable String grade,
            @Nullable BigDecimal lifetimeValue,
            @Nullable Instant lastPurchaseAt,
            @Nullable Preview script,
            List<Attempt> attempts) {}

    /** What a recorded outcome left; {@code repeated}: the same attempt was recorded before, nothing changed. */
    public record Recorded(
            long stepId, long customerId, CallOutcome outcome, SendStatus status, int attempts, boolean repeated) {}

    private final JdbcClient jdbc;
    private final CampaignSteps steps;
    private final Materials materials;
    private final Customers customers;
    private final ScoredCustomers scores;
    private final CampaignResponses responses;
    private final Clock clock;

    Calls(
            JdbcClient jdbc,
            CampaignSteps steps,
            Materials materials,
            Customers customers,
            ScoredCustomers scores,
            CampaignResponses responses,
            Clock clock) {
        this.jdbc = jdbc;
        this.steps = steps;
        this.materials = materials;
        this.customers = customers;
        this.scores = scores;
        this.responses = responses;
        this.clock = clock;
    }

    private static final String CALLS = """
            from campaign_member m
            join campaign_step s on s.id = m.step_id
            join campaign c on c.id = s.campaign_id
            join customer cu on cu.id = m.customer_id
            where s.channel = 'CALL' and m.member_group = 'TREATED'
              and (:all or m.agent = :viewer)
            """;
    private static final String QUEUE = CALLS + """
              and m.send_status = 'PENDING' and m.agent is not null
              and s.status in ('FROZEN', 'SENDING') and c.status = 'RUNNING'
              and (s.send_at is null or s.send_at <= :now)
              and (cast(:agent as text) is null or m.agent = :agent)
            """;
    private static final String COLUMNS = """
            select m.step_id, m.customer_id, cu.first_name, cu.last_name, cu.external_id,
                   coalesce(m.address, cu.phone) as phone, s.campaign_id, c.name as campaign, s.name as step, m.agent,
                   m.attempts, m.send_status
            """;

    /**
     * The pending calls the viewer may see (an agent: theirs) of running campaigns whose step may begin, fewest
     * attempts first; {@code agent} filters.
     */
    public PageResult<QueuedCall> queue(CallViewer viewer, @Nullable String agent, int page, int size) {
        long total = jdbc.sql("select count(*) " + QUEUE)
                .param("all", viewer.seesAll())
                .param("viewer", viewer.username())
                .param("agent", blankToNull(agent))
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        List<QueuedCall> items = jdbc.sql(COLUMNS + QUEUE
                        + " order by m.attempts, s.campaign_id, s.position, m.customer_id limit :size offset :offset")
                .param("all", viewer.seesAll())
                .param("viewer", viewer.username())
                .param("agent", blankToNull(agent))
                .param("now", Timestamp.from(clock.instant()))
                .param("size", size)
                .param("offset", (long) page * size)
                .query(Calls::call)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** One call the viewer may see, or 404: another agent's call does not exist for this one. */
    public CallCard card(CallViewer viewer, long stepId, long customerId) {
        QueuedCall call = find(viewer, stepId, customerId);
        SendStatus status = SendStatus.valueOf(
                jdbc.sql("select send_status from campaign_member where step_id = :step and customer_id = :customer")
                        .param("step", stepId)
                        .param("customer", customerId)
                        .query(String.class)
                        .single());
        CampaignStep step = steps.get(stepId);
        CustomerProfile profile = customers.profile(customerId).orElseThrow();
        var score = scores.ofCustomer(customerId, 1).stream().findFirst();
        Preview script = step.materialId() == null
                ? null
                : materials.preview(
                        step.materialId(),
                        step.materialVersion(),
                        customerId,
                        new SampleOffer(null, step.offer(), null));
        return new CallCard(
                call,
                status,
                profile.email(),
                profile.city(),
                score.map(s -> s.scores().grade()).orElse(null),
                score.map(s -> s.scores().lifetimeValue()).orElse(null),
                profile.lastPurchaseAt(),
                script,
                attempts(stepId, customerId));
    }

    /**
     * Records the outcome of the member's call number {@code attempt} (0-based: the attempts the queue showed), with
     * its response, in one transaction. Recording the same attempt again (a double click, a retried request) changes
     * nothing and answers what the first recording left; an attempt that is not the member's next one is refused.
     */
    @Transactional
    public Recorded record(
            CallViewer viewer,
            long stepId,
            long customerId,
            @Nullable String outcomeName,
            @Nullable String note,
            @Nullable Integer attempt) {
        CallOutcome outcome = outcome(outcomeName, note, attempt);
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        // the member row is locked: two submits of the same call wait for each other
        var member = jdbc.sql("""
                        select m.send_status, m.attempts from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        where m.step_id = :step and m.customer_id = :customer and s.channel = 'CALL'
                          and m.member_group = 'TREATED' and m.agent = :viewer
                        for update of m""")
                .param("step", stepId)
                .param("customer", customerId)
                .param("viewer", viewer.username())
                .query((rs, row) -> new Object[] {SendStatus.valueOf(rs.getString(1)), rs.getInt(2)})
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        "Call of customer " + customerId + " in step " + stepId + " is not assigned to you"));
        SendStatus status = (SendStatus) member[0];
        int attempts = (int) member[1];
        var earlier = jdbc.sql("""
                        select outcome from call_attempt
                        where step_id = :step and customer_id = :customer and attempt = :attempt""")
                .param("step", stepId)
                .param("customer", customerId)
                .param("attempt", attempt)
                .query(String.class)
                .optional();
        if (earlier.isPresent()) {
            return new Recorded(stepId, customerId, CallOutcome.valueOf(earlier.get()), status, attempts, true);
        }
        if (status != SendStatus.PENDING || attempts != attempt) {
            throw new ConflictException("This call is no longer at attempt " + attempt + "; reload it");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into call_attempt (step_id, customer_id, attempt, outcome, note, agent, at)
                        values (:step, :customer, :attempt, :outcome, :note, :agent, :at)""")
                .param("step", stepId)
                .param("customer", customerId)
                .param("attempt", attempt)
                .param("outcome", outcome.name())
                .param("note", cleanNote)
                .param("agent", viewer.username())
                .param("at", Timestamp.from(now))
                .update();
        SendStatus leaves = outcome.leaves();
        jdbc.sql("""
                        update campaign_member
                        set attempts = attempts + 1, send_status = :status, sent_at = :sentAt, error = :error
                        where step_id = :step and customer_id = :customer""")
                .param("status", leaves.name())
                .param("sentAt", leaves == SendStatus.SENT ? Timestamp.from(now) : null)
                .param("error", leaves == SendStatus.FAILED ? outcome.name() : null)
                .param("step", stepId)
                .param("customer", customerId)
                .update();
        if (outcome == CallOutcome.DO_NOT_CALL) {
            jdbc.sql("""
                            insert into suppression (channel, customer_id, reason, note, added_by, added_at)
                            values ('CALL', :customer, 'UNSUBSCRIBED', :note, :agent, :now)
                            on conflict do nothing""")
                    .param("customer", customerId)
                    .param("note", "Asked not to be called (campaign step " + stepId + ")")
                    .param("agent", viewer.username())
                    .param("now", Timestamp.from(now))
                    .update();
        }
        responses.record(new CampaignResponses.Response(
                stepId, customerId, ResponseKind.CALL_OUTCOME, now, outcome.name(), null, "attempt:" + attempt));
        progress(stepId, now);
        return new Recorded(stepId, customerId, outcome, leaves, attempts + 1, false);
    }

    /** The step is being worked once a call is recorded, and done when no call is left pending. */
    private void progress(long stepId, Instant now) {
        boolean pending =
                jdbc.sql("""
                        select exists (select 1 from campaign_member where step_id = :step and send_status = 'PENDING')""").param("step", stepId).query(Boolean.class).single();
        jdbc.sql("""
                        update campaign_step set status = :status, sent_at = :sentAt
                        where id = :step and status in ('FROZEN', 'SENDING')""")
                .param("status", pending ? "SENDING" : "SENT")
                .param("sentAt", pending ? null : Timestamp.from(now))
                .param("step", stepId)
                .update();
    }

    private QueuedCall find(CallViewer viewer, long stepId, long customerId) {
        return jdbc.sql(COLUMNS + CALLS + " and m.step_id = :step and m.customer_id = :customer")
                .param("all", viewer.seesAll())
                .param("viewer", viewer.username())
                .param("step", stepId)
                .param("customer", customerId)
                .query(Calls::call)
                .optional()
                .orElseThrow(() ->
                        new NotFoundException("Call of customer " + customerId + " in step " + stepId + " not found"));
    }

    private List<Attempt> attempts(long stepId, long customerId) {
        return jdbc.sql("""
                        select attempt, outcome, note, agent, at from call_attempt
                        where step_id = :step and customer_id = :customer order by attempt""")
                .param("step", stepId)
                .param("customer", customerId)
                .query((rs, row) -> new Attempt(
                        rs.getInt("attempt"),
                        CallOutcome.valueOf(rs.getString("outcome")),
                        rs.getString("note"),
                        rs.getString("agent"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    private static CallOutcome outcome(@Nullable String outcome, @Nullable String note, @Nullable Integer attempt) {
        List<FieldProblem> problems = new ArrayList<>();
        CallOutcome parsed = null;
        if (outcome == null || outcome.isBlank()) {
            problems.add(FieldProblem.of("outcome", "validation.required"));
        } else {
            try {
                parsed = CallOutcome.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of(
                        "outcome", "validation.oneOf", java.util.Arrays.toString(CallOutcome.values())));
            }
        }
        if (note != null && note.length() > MAX_NOTE) {
            problems.add(FieldProblem.of("note", "validation.length", MAX_NOTE));
        }
        if (attempt == null) {
            problems.add(FieldProblem.of("attempt", "validation.required"));
        } else if (attempt < 0 || attempt > Short.MAX_VALUE) {
            problems.add(FieldProblem.of("attempt", "validation.notNegative"));
        }
        if (!problems.isEmpty() || parsed == null) {
            throw new InvalidInputException(problems);
        }
        return parsed;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static QueuedCall call(ResultSet rs, int row) throws SQLException {
        String name = ((rs.getString("first_name") == null ? "" : rs.getString("first_name")) + " "
                        + (rs.getString("last_name") == null ? "" : rs.getString("last_name")))
                .strip();
        return new QueuedCall(
                rs.getLong("step_id"),
                rs.getLong("customer_id"),
                name.isEmpty() ? String.valueOf(rs.getString("external_id")) : name,
                rs.getString("phone"),
                rs.getLong("campaign_id"),
                rs.getString("campaign"),
                rs.getString("step"),
                rs.getString("agent"),
                rs.getInt("attempts"));
    }
}
