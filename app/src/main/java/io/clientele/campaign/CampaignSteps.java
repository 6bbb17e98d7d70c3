package io.clientele.campaign;

import io.clientele.audit.AuditTrail;
import io.clientele.campaign.material.Material;
import io.clientele.campaign.material.Materials;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaign steps. They are part of what gets approved, so they are created, changed and deleted only while the plan
 * is a draft or rejected; each pins the material's current version when saved.
 */
@Service
public class CampaignSteps {
    static final String COLUMNS = """
            id, campaign_id, position, name, channel, material_id, material_version, offer, coupon_prefix,
            coupon_value, coupon_valid_until, assignment, send_at, throttle_per_minute, unit_cost, status, frozen_at,
            sent_at, admits, event_id""";

    /** The merge field of an invitation's personal registration link. */
    public static final String EVENT_LINK = "event_link";

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Materials materials;
    private final InvitableEvents events;
    private final AuditTrail audit;
    private final Clock clock;

    CampaignSteps(
            JdbcClient jdbc,
            Campaigns campaigns,
            Materials materials,
            InvitableEvents events,
            AuditTrail audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.materials = materials;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds a step after the others. A retried request (a step of that name with the same content exists) answers the
     * existing step; another step of that name is a field error.
     *
     * @throws InvalidInputException naming every wrong field
     */
    @Transactional
    public CampaignStep create(long campaignId, StepInput input, String actor) {
        campaigns.lockEditable(campaignId);
        Valid step = checked(input);
        Optional<CampaignStep> same = of(campaignId).stream()
                .filter(s -> s.name().equalsIgnoreCase(step.parsed().name()))
                .findFirst();
        if (same.isPresent()) {
            if (step.matches(same.get())) {
                return same.get();
            }
            throw new InvalidInputException(FieldProblem.of("name", "campaign.step.nameTaken"));
        }
        return get(insert(campaignId, step));
    }

    /** Narrows a step of a draft campaign to a slice of the audience, in place of any slice it had. */
    @Transactional
    public void slice(long campaignId, long stepId, StepSlice slice) {
        campaigns.lockEditable(campaignId);
        ofCampaign(campaignId, stepId);
        jdbc.sql("""
                        insert into campaign_step_slice (step_id, seed, from_bucket, to_bucket, grade)
                        values (:step, :seed, :from, :to, :grade)
                        on conflict (step_id) do update
                        set seed = excluded.seed, from_bucket = excluded.from_bucket, to_bucket = excluded.to_bucket,
                            grade = excluded.grade""")
                .param("step", stepId)
                .param("seed", slice.seed())
                .param("from", slice.fromBucket())
                .param("to", slice.toBucket())
                .param("grade", slice.grade())
                .update();
    }

    /** The slice of the audience a step is narrowed to, if any. */
    public Optional<StepSlice> sliceOf(long stepId) {
        return jdbc.sql("select seed, from_bucket, to_bucket, grade from campaign_step_slice where step_id = :step")
                .param("step", stepId)
                .query((rs, n) -> new StepSlice(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4)))
                .optional();
    }

    /**
     * Adds a step to a running or paused journey (the send of a later version of its graph, approved on its own): it
     * is opened at once and admits members from now on.
     *
     * @throws ConflictException unless the campaign is a running or paused journey
     * @throws InvalidInputException naming every wrong field
     */
    @Transactional
    public CampaignStep createAdmitting(long campaignId, StepInput input, String actor) {
        lockAdmitting(campaignId);
        long id = insert(campaignId, checked(input));
        open(id, clock.instant());
        return get(id);
    }

    /**
     * Opens a copy of a running or paused programme's step under another name (an occasion's send: a month's
     * statements), sending the very material version that was approved, admitting members from now on. A step of
     * that name is answered as it is, so a retried occasion opens nothing twice.
     *
     * @throws ConflictException unless the step's campaign is a running or paused journey or programme
     */
    @Transactional
    public CampaignStep openCopy(long stepId, String name) {
        CampaignStep template = get(stepId);
        lockAdmitting(template.campaignId());
        Optional<CampaignStep> same = of(template.campaignId()).stream()
                .filter(s -> s.name().equals(name))
                .findFirst();
        if (same.isPresent()) {
            return same.get();
        }
        long id = jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                                   offer, coupon_prefix, coupon_value, coupon_valid_until, assignment,
                                                   send_at, throttle_per_minute, unit_cost)
                        select campaign_id,
                               (select coalesce(max(position), 0) + 1 from campaign_step where campaign_id = t.campaign_id),
                               :name, channel, material_id, material_version, offer, coupon_prefix, coupon_value,
                               coupon_valid_until, assignment, send_at, throttle_per_minute, unit_cost
                        from campaign_step t where t.id = :template
                        returning id""")
                .param("name", name)
                .param("template", stepId)
                .query(Long.class)
                .single();
        audit.record("campaign.step.created", "campaign", template.campaignId(), Map.of("step", id, "copyOf", stepId));
        open(id, clock.instant());
        return get(id);
    }

    private void lockAdmitting(long campaignId) {
        CampaignStatus status = campaigns.lockedStatus(campaignId);
        if (!campaigns.find(campaignId).kind().admits()
                || (status != CampaignStatus.RUNNING && status != CampaignStatus.PAUSED)) {
            throw new ConflictException("Campaign " + campaignId + " is not a running journey or programme");
        }
    }

    private long insert(long campaignId, Valid step) {
        long id = jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                                   offer, coupon_prefix, coupon_value, coupon_valid_until, assignment,
                                                   send_at, throttle_per_minute, unit_cost, event_id)
                        values (:campaign,
                                (select coalesce(max(position), 0) + 1 from campaign_step where campaign_id = :campaign),
                                :name, :channel, :material, :version, :offer, :prefix, :value, :validUntil,
                                :assignment, :sendAt, :throttle, :unitCost, :event)
                        returning id""")
                .params(step.params())
                .param("campaign", campaignId)
                .query(Long.class)
                .single();
        audit.record("campaign.step.created", "campaign", campaignId, details(id, step));
        return id;
    }

    /**
     * Opens a journey's step: its partition of {@code campaign_member} created empty and attached, the step FROZEN and
     * admitting members from now on (see {@link StepAdmissions}). In the caller's transaction (a launch).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void open(long stepId, Instant at) {
        String partition = "campaign_member_s" + stepId;
        jdbc.sql("create table " + partition + " (like campaign_member including defaults including constraints,"
                        + " check (step_id = " + stepId + "))")
                .update();
        jdbc.sql("alter table campaign_member attach partition " + partition + " for values in (" + stepId + ")")
                .update();
        jdbc.sql("update campaign_step set status = 'FROZEN', frozen_at = :at, admits = true where id = :id")
                .param("at", Timestamp.from(at))
                .param("id", stepId)
                .update();
    }

    /** @throws InvalidInputException naming every wrong field */
    @Transactional
    public CampaignStep update(long campaignId, long stepId, StepInput input, String actor) {
        campaigns.lockEditable(campaignId);
        ofCampaign(campaignId, stepId);
        Valid step = checked(input);
        boolean taken = of(campaignId).stream()
                .anyMatch(s -> s.id() != stepId
                        && s.name().equalsIgnoreCase(step.parsed().name()));
        if (taken) {
            throw new InvalidInputException(FieldProblem.of("name", "campaign.step.nameTaken"));
        }
        jdbc.sql("""
                        update campaign_step set name = :name, channel = :channel, material_id = :material,
                               material_version = :version, offer = :offer, coupon_prefix = :prefix,
                               coupon_value = :value, coupon_valid_until = :validUntil, assignment = :assignment,
                               send_at = :sendAt, throttle_per_minute = :throttle, unit_cost = :unitCost,
                               event_id = :event
                        where id = :id""").params(step.params()).param("id", stepId).update();
        audit.record("campaign.step.updated", "campaign", campaignId, details(stepId, step));
        return get(stepId);
    }

    /** Deletes a step; deleting one that is gone already changes nothing. */
    @Transactional
    public void delete(long campaignId, long stepId, String actor) {
        campaigns.lockEditable(campaignId);
        int deleted = jdbc.sql("delete from campaign_step where id = :id and campaign_id = :campaign")
                .param("id", stepId)
                .param("campaign", campaignId)
                .update();
        if (deleted > 0) {
            audit.record("campaign.step.deleted", "campaign", campaignId, Map.of("step", stepId));
        }
    }

    /** The step, which must be one of the campaign's. */
    public CampaignStep ofCampaign(long campaignId, long stepId) {
        CampaignStep step = get(stepId);
        if (step.campaignId() != campaignId) {
            throw new NotFoundException("Campaign " + campaignId + " has no step " + stepId);
        }
        return step;
    }

    /** A valid step, with the material version it pins. */
    private record Valid(StepInput.Parsed parsed, @Nullable Integer materialVersion) {
        Map<String, Object> params() {
            Map<String, Object> params = new HashMap<>();
            params.put("name", parsed.name());
            params.put("channel", parsed.channel().name());
            params.put("material", parsed.materialId());
            params.put("version", materialVersion);
            params.put("offer", parsed.offer());
            params.put("prefix", parsed.couponPrefix());
            params.put("value", parsed.couponValue());
            params.put("validUntil", parsed.couponValidUntil());
            params.put(
                    "assignment",
                    parsed.assignment() == null ? null : parsed.assignment().name());
            params.put("sendAt", parsed.sendAt() == null ? null : Timestamp.from(parsed.sendAt()));
            params.put("throttle", parsed.throttlePerMinute());
            params.put("unitCost", parsed.unitCost());
            params.put("event", parsed.eventId());
            return params;
        }

        boolean matches(CampaignStep step) {
            return step.channel() == parsed.channel()
                    && Objects.equals(step.materialId(), parsed.materialId())
                    && Objects.equals(step.materialVersion(), materialVersion)
                    && Objects.equals(step.offer(), parsed.offer())
                    && Objects.equals(step.couponPrefix(), parsed.couponPrefix())
                    && same(step.couponValue(), parsed.couponValue())
                    && Objects.equals(step.couponValidUntil(), parsed.couponValidUntil())
                    && step.assignment() == parsed.assignment()
                    && Objects.equals(step.sendAt(), parsed.sendAt())
                    && Objects.equals(step.throttlePerMinute(), parsed.throttlePerMinute())
                    && same(step.unitCost(), parsed.unitCost())
                    && Objects.equals(step.eventId(), parsed.eventId());
        }

        private static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
            return a == null ? b == null : b != null && a.compareTo(b) == 0;
        }
    }

    /** What is wrong with the step as {@link #create} would check it, without storing anything; empty when valid. */
    public List<FieldProblem> problems(StepInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        check(input, problems);
        return problems;
    }

    private Valid checked(StepInput input) {
        List<FieldProblem> problems = new ArrayList<>();
        Valid valid = check(input, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return valid;
    }

    private Valid check(StepInput input, List<FieldProblem> problems) {
        StepInput.Parsed parsed = input.parse(clock.getZone(), problems);
        Integer version = null;
        StepChannel channel = parsed.channel();
        if (channel == StepChannel.COUPON) {
            if (parsed.materialId() != null) {
                problems.add(FieldProblem.of("materialId", "campaign.step.couponMaterial"));
            }
        } else if (parsed.materialId() == null) {
            if (!problems.stream().anyMatch(p -> p.field().equals("materialId"))) {
                problems.add(FieldProblem.of("materialId", "validation.required"));
            }
        } else {
            Optional<Material> material = materials.findOptional(parsed.materialId());
            if (material.isEmpty()) {
                problems.add(FieldProblem.of("materialId", "validation.unknown", parsed.materialId()));
            } else if (material.get().archived()) {
                problems.add(FieldProblem.of("materialId", "campaign.step.materialArchived"));
            } else if (channel != null && material.get().kind() != channel.material()) {
                problems.add(FieldProblem.of("materialId", "campaign.step.materialKind", channel.material()));
            } else {
                version = material.get().currentVersion();
            }
        }
        if (parsed.eventId() != null) {
            if (events.registrationPath(parsed.eventId()).isEmpty()) {
                problems.add(FieldProblem.of("eventId", "campaign.step.eventUnknown", parsed.eventId()));
            } else if (version != null
                    && !materials.version(parsed.materialId(), version).mentions(EVENT_LINK)) {
                // an invitation without the personal link could not tie a registration to the member
                problems.add(FieldProblem.of("materialId", "campaign.step.eventLink"));
            }
        }
        return new Valid(parsed, version);
    }

    private static Map<String, Object> details(long stepId, Valid step) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("step", stepId);
        details.put("name", step.parsed().name());
        details.put("channel", step.parsed().channel().name());
        if (step.materialVersion() != null) {
            details.put("material", step.parsed().materialId() + " v" + step.materialVersion());
        }
        if (step.parsed().eventId() != null) {
            details.put("event", step.parsed().eventId());
        }
        return details;
    }

    public Optional<CampaignStep> find(long stepId) {
        return jdbc.sql("select " + COLUMNS + " from campaign_step where id = :id")
                .param("id", stepId)
                .query(CampaignSteps::step)
                .optional();
    }

    public CampaignStep get(long stepId) {
        return find(stepId).orElseThrow(() -> new NotFoundException("Campaign step " + stepId + " does not exist"));
    }

    /** In their order. */
    public List<CampaignStep> of(long campaignId) {
        return jdbc.sql("select " + COLUMNS + " from campaign_step where campaign_id = :id order by position")
                .param("id", campaignId)
                .query(CampaignSteps::step)
                .list();
    }

    static CampaignStep step(ResultSet rs, int row) throws SQLException {
        String assignment = rs.getString("assignment");
        return new CampaignStep(
                rs.getLong("id"),
                rs.getLong("campaign_id"),
                rs.getInt("position"),
                rs.getString("name"),
                StepChannel.valueOf(rs.getString("channel")),
                rs.getObject("material_id", Long.class),
                rs.getObject("material_version", Integer.class),
                rs.getString("offer"),
                rs.getString("coupon_prefix"),
                rs.getBigDecimal("coupon_value"),
                rs.getObject("coupon_valid_until", java.time.LocalDate.class),
                assignment == null ? null : CampaignStep.CallAssignment.valueOf(assignment),
                instant(rs.getTimestamp("send_at")),
                rs.getObject("throttle_per_minute", Integer.class),
                rs.getBigDecimal("unit_cost"),
                CampaignStep.Status.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("frozen_at")),
                instant(rs.getTimestamp("sent_at")),
                rs.getBoolean("admits"),
                rs.getObject("event_id", Long.class));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
