package io.clientele.membercomms;

import io.clientele.audit.AuditTrail;
import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignKind;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.StepAdmissions;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.audience.Launches;
import io.clientele.campaign.material.Material;
import io.clientele.campaign.material.MaterialKind;
import io.clientele.campaign.material.Materials;
import io.clientele.loyalty.PointsLedger;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The six member programmes: set up as drafts (a campaign of kind PROGRAMME whose one step carries the material),
 * submitted, approved once by a manager who did not submit it (then launched at once: it runs by itself), paused and
 * resumed; their occasions triggered (each member and occasion once, whatever runs again) and their results.
 */
@Service
public class MemberProgrammes {
    /** Where a programme stands, as the page says it. */
    public enum State {
        DRAFT,
        AWAITING_APPROVAL,
        ACTIVE,
        PAUSED,
        ENDED
    }

    /** What a programme's occasions depend on; each field means something for some kinds only. */
    public record Settings(ProgrammeKind kind, int daysBefore, long bonusPoints, int sendDay) {}

    /**
     * A programme's results over all its occasions: members triggered (admitted to its steps), sent, delivered, opened, clicked, not sent
     * (failed or still pending), left out by reason (no consent, contact pressure, suppressed or in an exclusion
     * segment, no address), and for birthday greetings the bonuses credited and the members who redeemed points within
     * 30 days of theirs.
     */
    public record Results(
            long triggered,
            long sent,
            long delivered,
            long opened,
            long clicked,
            long failed,
            long pending,
            long noConsent,
            long contactPressure,
            long suppressed,
            long noAddress,
            long bonuses,
            long redemptions) {}

    public record Programme(
            ProgrammeKind kind,
            long campaignId,
            String name,
            State state,
            CampaignStatus status,
            StepChannel channel,
            @Nullable Long materialId,
            @Nullable String materialName,
            @Nullable Integer materialVersion,
            Settings settings,
            @Nullable Instant activeSince,
            Results results) {}

    /** A programme as the page and the API send it: all text, so a wrong value is a field error. */
    public record ProgrammeInput(
            @Nullable String materialId,
            @Nullable String daysBefore,
            @Nullable String bonusPoints,
            @Nullable String sendDay,
            @Nullable String owner) {}

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final CampaignSteps steps;
    private final Launches launches;
    private final StepAdmissions admissions;
    private final Materials materials;
    private final PointsLedger ledger;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    MemberProgrammes(
            JdbcClient jdbc,
            Campaigns campaigns,
            CampaignSteps steps,
            Launches launches,
            StepAdmissions admissions,
            Materials materials,
            PointsLedger ledger,
            AuditTrail audit,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.steps = steps;
        this.launches = launches;
        this.admissions = admissions;
        this.materials = materials;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
    }

    /** The programmes set up so far, by kind (a kind not set up is absent). */
    public Map<ProgrammeKind, Programme> all() {
        Map<ProgrammeKind, Programme> all = new EnumMap<>(ProgrammeKind.class);
        for (ProgrammeKind kind : settings().keySet()) {
            all.put(kind, get(kind));
        }
        return all;
    }

    public Optional<Programme> find(ProgrammeKind kind) {
        Settings settings = settings().get(kind);
        if (settings == null) {
            return Optional.empty();
        }
        long campaignId = campaignOf(kind);
        Campaign campaign = campaigns.find(campaignId);
        CampaignStep step = template(campaignId);
        Material material = step.materialId() == null ? null : materials.find(step.materialId());
        return Optional.of(new Programme(
                kind,
                campaignId,
                campaign.plan().name(),
                state(campaign.status()),
                campaign.status(),
                step.channel(),
                step.materialId(),
                material == null ? null : material.name(),
                step.materialVersion(),
                settings,
                launchedAt(campaignId),
                results(kind, campaignId)));
    }

    public Programme get(ProgrammeKind kind) {
        return find(kind).orElseThrow(() -> new NotFoundException("The programme " + kind + " is not set up"));
    }

    static State state(CampaignStatus status) {
        return switch (status) {
            case DRAFT, REJECTED -> State.DRAFT;
            case SUBMITTED -> State.AWAITING_APPROVAL;
            case APPROVED, SCHEDULED, RUNNING -> State.ACTIVE;
            case PAUSED -> State.PAUSED;
            case COMPLETED, CANCELLED -> State.ENDED;
        };
    }

    /**
     * Sets a programme up as a draft, or changes its material and settings while it is a draft (or was rejected).
     *
     * @throws InvalidInputException naming every wrong field
     * @throws ConflictException when the programme is awaiting approval or approved: pause it and set up no new one
     */
    @Transactional
    public Programme define(ProgrammeKind kind, ProgrammeInput input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        @Nullable Material material = material(input.materialId(), problems);
        int days = number("daysBefore", input.daysBefore(), 30, 1, 365, problems);
        long bonus = number("bonusPoints", input.bonusPoints(), 0, 0, 1_000_000, problems);
        int day = number("sendDay", input.sendDay(), 1, 1, 28, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        material = java.util.Objects.requireNonNull(material);
        StepChannel channel = material.kind() == MaterialKind.SMS ? StepChannel.SMS : StepChannel.EMAIL;
        StepInput step = StepInput.sending(kind.stepName(), channel, material.id(), "0");
        Optional<Long> existing = campaignOfOptional(kind);
        if (existing.isEmpty()) {
            Campaign campaign = campaigns.create(
                    new CampaignInput(
                            "Member communications: " + kind.stepName(),
                            "RETENTION",
                            "Sent by itself to loyalty members as their occasions come, once approved.",
                            null,
                            input.owner(),
                            null,
                            null,
                            null,
                            null,
                            List.of()),
                    CampaignKind.PROGRAMME,
                    actor);
            steps.create(campaign.id(), step, actor);
            jdbc.sql("""
                            insert into member_programme (kind, campaign_id, days_before, bonus_points, send_day,
                                                          updated_at, updated_by)
                            values (:kind, :campaign, :days, :bonus, :day, :now, :actor)""")
                    .param("kind", kind.name())
                    .param("campaign", campaign.id())
                    .param("days", days)
                    .param("bonus", bonus)
                    .param("day", day)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("actor", actor)
                    .update();
        } else {
            long campaignId = existing.get();
            // the campaign's editing rule: only a draft or rejected plan changes, and it holds the lock
            steps.update(campaignId, template(campaignId).id(), step, actor);
            jdbc.sql("""
                            update member_programme set days_before = :days, bonus_points = :bonus, send_day = :day,
                                   updated_at = :now, updated_by = :actor
                            where kind = :kind""")
                    .param("kind", kind.name())
                    .param("days", days)
                    .param("bonus", bonus)
                    .param("day", day)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("actor", actor)
                    .update();
        }
        audit.record(
                "loyalty.communication.defined",
                "member_programme",
                campaignOf(kind),
                Map.of(
                        "kind",
                        kind.name(),
                        "material",
                        material.id(),
                        "daysBefore",
                        days,
                        "bonusPoints",
                        bonus,
                        "sendDay",
                        day));
        return get(kind);
    }

    @Transactional
    public Programme submit(ProgrammeKind kind, String actor) {
        campaigns.submit(campaignOf(kind), actor);
        return get(kind);
    }

    /**
     * Approves the programme (a manager who did not submit it) and starts it at once: from now on it runs by itself
     * until paused. A programme approved already is answered as it is.
     */
    @Transactional
    public Programme approve(ProgrammeKind kind, String actor, @Nullable String comment) {
        long campaignId = campaignOf(kind);
        CampaignStatus status = campaigns.find(campaignId).status();
        if (status == CampaignStatus.RUNNING || status == CampaignStatus.PAUSED) {
            return get(kind);
        }
        if (status != CampaignStatus.APPROVED) {
            campaigns.approve(campaignId, actor, comment);
        }
        launches.launch(campaignId, actor);
        return get(kind);
    }

    @Transactional
    public Programme reject(ProgrammeKind kind, String actor, @Nullable String comment) {
        campaigns.reject(campaignOf(kind), actor, comment);
        return get(kind);
    }

    @Transactional
    public Programme pause(ProgrammeKind kind, String actor) {
        campaigns.pause(campaignOf(kind), actor);
        return get(kind);
    }

    @Transactional
    public Programme resume(ProgrammeKind kind, String actor) {
        campaigns.resume(campaignOf(kind), actor);
        return get(kind);
    }

    /** The kinds set up so far. */
    public java.util.Set<ProgrammeKind> kinds() {
        return settings().keySet();
    }

    /**
     * Finds the programme's members with an occasion now, records those not recorded before (one row per member and
     * occasion: a second run records nothing) and admits them to the occasion's step, in one transaction under the
     * programme's lock. The birthday greeting's bonus points are credited with it, once per member and year. A
     * programme not running (not approved, paused, ended) triggers nothing. {@code joined}: customers loyalty said
     * became members (a linked card). Answers the members triggered. In a transaction of its own, also when loyalty's
     * events call it after their transaction committed; a deadlock (opening a step attaches a partition of {@code
     * campaign_member} while others read it) rolls it back and it runs again, which is safe as it is idempotent.
     */
    public int trigger(ProgrammeKind kind, Long[] joined) {
        for (int attempt = 1; ; attempt++) {
            try {
                return java.util.Objects.requireNonNull(transactions.execute(status -> triggerOnce(kind, joined)));
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private int triggerOnce(ProgrammeKind kind, Long[] joined) {
        Settings settings = jdbc.sql("select " + SETTINGS + " from member_programme where kind = :kind for update")
                .param("kind", kind.name())
                .query(MemberProgrammes::settingsOf)
                .optional()
                .orElse(null);
        if (settings == null) {
            return 0;
        }
        long campaignId = campaignOf(kind);
        if (campaigns.find(campaignId).status() != CampaignStatus.RUNNING) {
            return 0;
        }
        Instant since = launchedAt(campaignId);
        Instant now = clock.instant();
        Occasions.Found found = Occasions.of(settings, now, clock.getZone(), since == null ? now : since, joined);
        if (found == null) {
            return 0;
        }
        record New(
                long id,
                long customerId,
                String batch,
                @Nullable Long bonus) {}
        List<New> rows = jdbc.sql("""
                        insert into member_message (programme, customer_id, occasion, batch, triggered_at,
                                                    statement_month, opening, earned, redeemed, expired, closing,
                                                    expiring_points, expiring_on, bonus_points)
                        select :kind, f.customer_id, f.occasion, f.batch, :now, f.statement_month, f.opening,
                               f.earned, f.redeemed, f.expired, f.closing, f.expiring_points, f.expiring_on,
                               f.bonus_points
                        from (%s) f
                        on conflict (programme, customer_id, occasion) do nothing
                        returning id, customer_id, batch, bonus_points, occasion""".formatted(found.sql()))
                .params(found.params())
                .param("kind", kind.name())
                .query((rs, n) -> new New(
                        rs.getLong("id"),
                        rs.getLong("customer_id"),
                        rs.getString("batch"),
                        rs.getObject("bonus_points", Long.class)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        long template = template(campaignId).id();
        Map<String, List<New>> byBatch = new LinkedHashMap<>();
        rows.forEach(
                r -> byBatch.computeIfAbsent(r.batch(), b -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<New>> batch : byBatch.entrySet()) {
            CampaignStep step = steps.openCopy(template, kind.stepName() + " " + batch.getKey());
            admissions.admit(
                    step.id(),
                    batch.getValue().stream().mapToLong(New::customerId).toArray());
            jdbc.sql("update member_message set step_id = :step where id = any(:ids)")
                    .param("step", step.id())
                    .param("ids", batch.getValue().stream().map(New::id).toArray(Long[]::new))
                    .update();
        }
        for (New row : rows) {
            if (row.bonus() != null) {
                ledger.bonus(
                        row.customerId(),
                        row.bonus(),
                        "birthday:" + row.customerId() + ":" + row.batch(),
                        "Birthday greeting " + row.batch());
            }
        }
        return rows.size();
    }

    private static final String SETTINGS = "kind, days_before, bonus_points, send_day";

    private static Settings settingsOf(ResultSet rs, int row) throws SQLException {
        return new Settings(
                ProgrammeKind.valueOf(rs.getString("kind")),
                rs.getInt("days_before"),
                rs.getLong("bonus_points"),
                rs.getInt("send_day"));
    }

    private Map<ProgrammeKind, Settings> settings() {
        Map<ProgrammeKind, Settings> all = new EnumMap<>(ProgrammeKind.class);
        jdbc.sql("select " + SETTINGS + " from member_programme")
                .query(MemberProgrammes::settingsOf)
                .list()
                .forEach(s -> all.put(s.kind(), s));
        return all;
    }

    private Optional<Long> campaignOfOptional(ProgrammeKind kind) {
        return jdbc.sql("select campaign_id from member_programme where kind = :kind")
                .param("kind", kind.name())
                .query(Long.class)
                .optional();
    }

    private long campaignOf(ProgrammeKind kind) {
        return campaignOfOptional(kind)
                .orElseThrow(() -> new NotFoundException("The programme " + kind + " is not set up"));
    }

    /** The programme's first step, which carries the approved material; each occasion's step is a copy of it. */
    private CampaignStep template(long campaignId) {
        return steps.of(campaignId).getFirst();
    }

    private @Nullable Instant launchedAt(long campaignId) {
        Timestamp at = jdbc.sql("select launched_at from campaign where id = :id")
                .param("id", campaignId)
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        return at == null ? null : at.toInstant();
    }

    private @Nullable Material material(@Nullable String text, List<FieldProblem> problems) {
        String value = InputFields.required("materialId", text, 20, problems);
        if (value == null) {
            return null;
        }
        try {
            Optional<Material> material = materials.findOptional(Long.parseLong(value));
            if (material.isPresent()
                    && !material.get().archived()
                    && (material.get().kind() == MaterialKind.EMAIL
                            || material.get().kind() == MaterialKind.SMS)) {
                return material.get();
            }
        } catch (NumberFormatException e) {
            // reported below like an unknown material
        }
        problems.add(FieldProblem.of("materialId", "loyalty.communication.material.invalid", value));
        return null;
    }

    private static int number(
            String field, @Nullable String text, int absent, int min, int max, List<FieldProblem> problems) {
        String value = InputFields.trimmed(text);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(FieldProblem.of(field, "validation.between", min, max));
        return absent;
    }

    /** The results over the programme's campaign members and responses, read by SQL like the campaign's own. */
    private Results results(ProgrammeKind kind, long campaignId) {
        record Members(
                long triggered,
                long sent,
                long failed,
                long pending,
                long noConsent,
                long pressure,
                long suppressed,
                long noAddress) {}
        Members members = jdbc.sql("""
                        select count(*) as triggered,
                               count(*) filter (where send_status = 'SENT') as sent,
                               count(*) filter (where send_status in ('FAILED', 'UNCERTAIN')) as failed,
                               count(*) filter (where send_status in ('PENDING', 'SENDING')) as pending,
                               count(*) filter (where reason = 'NO_CONSENT') as no_consent,
                               count(*) filter (where reason = 'CONTACT_PRESSURE') as pressure,
                               count(*) filter (where reason in ('SUPPRESSED', 'EXCLUDED_SEGMENT')) as suppressed,
                               count(*) filter (where reason = 'NO_ADDRESS') as no_address
                        from campaign_member where campaign_id = :campaign""")
                .param("campaign", campaignId)
                .query((rs, n) -> new Members(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .single();
        Map<String, Long> responses = new java.util.HashMap<>();
        jdbc.sql("""
                        select kind, count(distinct (step_id, customer_id)) from campaign_response
                        where campaign_id = :campaign and kind in ('DELIVERED', 'OPENED', 'CLICKED')
                        group by kind""")
                .param("campaign", campaignId)
                .query((rs, n) -> responses.put(rs.getString(1), rs.getLong(2)))
                .list();
        long bonuses = 0;
        long redemptions = 0;
        if (kind == ProgrammeKind.BIRTHDAY) {
            bonuses = jdbc.sql("""
                            select count(*) from member_message mm join campaign_step s on s.id = mm.step_id
                            where s.campaign_id = :campaign and mm.bonus_points > 0""")
                    .param("campaign", campaignId)
                    .query(Long.class)
                    .single();
            redemptions = jdbc.sql("""
                            select count(*) from member_message mm join campaign_step s on s.id = mm.step_id
                            where s.campaign_id = :campaign and exists (
                                select 1 from loyalty_account a
                                join loyalty_entry e on e.account_id = a.id
                                join loyalty_movement lm on lm.id = e.movement_id
                                where a.customer_id = mm.customer_id and lm.cause = 'REDEMPTION'
                                  and lm.at >= mm.triggered_at and lm.at < mm.triggered_at + interval '30 days')""")
                    .param("campaign", campaignId)
                    .query(Long.class)
                    .single();
        }
        return new Results(
                members.triggered(),
                members.sent(),
                responses.getOrDefault("DELIVERED", 0L),
                responses.getOrDefault("OPENED", 0L),
                responses.getOrDefault("CLICKED", 0L),
                members.failed(),
                members.pending(),
                members.noConsent(),
                members.pressure(),
                members.suppressed(),
                members.noAddress(),
                bonuses,
                redemptions);
    }
}
