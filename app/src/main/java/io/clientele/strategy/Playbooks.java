package io.clientele.strategy;

import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.analytics.value.MarketingStrategy;
import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.SalesStrategy;
import io.clientele.audit.AuditTrail;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.Campaigns;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.segment.ConditionJson;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The playbook of each class of the 3x3 matrix (seeded from seed 001, changed by managers), and per class what has
 * been done on the latest run's customers and what is left: the campaigns on the class's segment, the account
 * managers assigned, who was contacted within the playbook's contact frequency and who responded.
 */
@Service
class Playbooks {
    static final int MAX_NOTES = 2000;
    static final int MAX_DAYS = 3650;

    /** A class's playbook; {@code templateCampaign} a campaign or journey to start from (a copy's model). */
    record Playbook(
            MatrixClass matrixClass,
            SalesStrategy salesChannel,
            MarketingStrategy marketingAim,
            CampaignPurpose campaignPurpose,
            @Nullable Long templateCampaign,
            @Nullable String templateName,
            int contactEveryDays,
            @Nullable String notes,
            String updatedBy,
            Instant updatedAt) {}

    /** A playbook as the form and the API send it: all text, so that a wrong number is a field error. */
    record PlaybookInput(
            @Nullable String salesChannel,
            @Nullable String marketingAim,
            @Nullable String campaignPurpose,
            @Nullable String templateCampaign,
            @Nullable String contactEveryDays,
            @Nullable String notes) {}

    /** A campaign whose include audience is the class's segment. */
    record ClassCampaign(long id, String name, CampaignStatus status) {}

    /**
     * A class of the latest run: its customers, how many have an account manager, were contacted within the contact
     * frequency and responded (an open, click, call outcome or redemption) within it, and the campaigns on it.
     */
    record Progress(
            Playbook playbook,
            long customers,
            long owned,
            long contacted,
            long responded,
            List<ClassCampaign> campaigns) {
        /** The customers still to be given an account manager: one-to-one classes only. */
        public long withoutOwner() {
            return playbook.salesChannel() == SalesStrategy.ONE_TO_ONE ? customers - owned : 0;
        }

        public long notContacted() {
            return customers - contacted;
        }
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final ScoreRuns runs;
    private final AuditTrail audit;
    private final Clock clock;

    Playbooks(JdbcClient jdbc, Campaigns campaigns, ScoreRuns runs, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /** The nine playbooks, in the matrix's order. */
    List<Playbook> all() {
        Map<String, Playbook> found = new LinkedHashMap<>();
        jdbc.sql("""
                        select p.*, k.name as template_name from class_playbook p
                        left join campaign k on k.id = p.template_campaign""").query(rs -> {
            Playbook playbook = playbook(rs);
            found.put(playbook.matrixClass().name(), playbook);
        });
        return Arrays.stream(MatrixClass.values())
                .map(c -> found.get(c.name()))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    Playbook get(String matrixClass) {
        return all().stream()
                .filter(p -> p.matrixClass().name().equals(matrixClass))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("No class " + matrixClass));
    }

    /**
     * Changes a class's playbook; the same values again change nothing.
     *
     * @throws InvalidInputException naming every wrong field; nothing is stored
     */
    @Transactional
    Playbook update(String matrixClass, PlaybookInput input, String actor) {
        Playbook before = get(matrixClass);
        List<FieldProblem> problems = new ArrayList<>();
        SalesStrategy channel = choice("salesChannel", input.salesChannel(), SalesStrategy.class, problems);
        MarketingStrategy aim = choice("marketingAim", input.marketingAim(), MarketingStrategy.class, problems);
        CampaignPurpose purpose = choice("campaignPurpose", input.campaignPurpose(), CampaignPurpose.class, problems);
        Long template = whole(input.templateCampaign());
        boolean noTemplate =
                input.templateCampaign() == null || input.templateCampaign().isBlank();
        if (!noTemplate && (template == null || campaigns.findOptional(template).isEmpty())) {
            problems.add(FieldProblem.of("templateCampaign", "validation.unknown", input.templateCampaign()));
        }
        Long days = whole(input.contactEveryDays());
        if (days == null || days < 1 || days > MAX_DAYS) {
            problems.add(FieldProblem.of("contactEveryDays", "validation.between", 1, MAX_DAYS));
        }
        String notes = input.notes() == null || input.notes().isBlank()
                ? null
                : input.notes().strip();
        if (notes != null && notes.length() > MAX_NOTES) {
            problems.add(FieldProblem.of("notes", "validation.length", MAX_NOTES));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int changed = jdbc.sql("""
                        update class_playbook set sales_channel = :channel, marketing_aim = :aim,
                               campaign_purpose = :purpose, template_campaign = :template,
                               contact_every_days = :days, notes = :notes, updated_by = :actor, updated_at = :now
                        where matrix_class = :class
                          and (sales_channel, marketing_aim, campaign_purpose, template_campaign, contact_every_days,
                               notes) is distinct from (:channel, :aim, :purpose, :template, :days, :notes)""")
                .param("channel", channel.name())
                .param("aim", aim.name())
                .param("purpose", purpose.name())
                .param("template", template, java.sql.Types.BIGINT)
                .param("days", days.intValue())
                .param("notes", notes, java.sql.Types.VARCHAR)
                .param("actor", actor)
                .param("now", timestamptz(clock.instant()))
                .param("class", before.matrixClass().name())
                .update();
        if (changed > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("salesChannel", channel.name());
            details.put("marketingAim", aim.name());
            details.put("campaignPurpose", purpose.name());
            details.put("templateCampaign", template);
            details.put("contactEveryDays", days);
            audit.record("playbook.updated", "class_playbook", matrixClass, details);
        }
        return get(matrixClass);
    }

    /** Every class's progress on the latest completed run; empty before the first run. */
    List<Progress> progress() {
        ScoreRun run = runs.latestCompleted().orElse(null);
        if (run == null) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Progress> progress = new ArrayList<>();
        for (Playbook playbook : all()) {
            String condition = ConditionJson.toJson(FigureConditions.of(
                    ScoredCustomers.Filter.matrix(playbook.matrixClass().name())));
            long[] counts = jdbc.sql("""
                            select count(*),
                                   count(*) filter (where c.owner_username is not null),
                                   count(*) filter (where exists (select 1 from campaign_member m
                                                    where m.customer_id = s.customer_id and m.sent_at >= :since)),
                                   count(*) filter (where exists (select 1 from campaign_response r
                                                    where r.customer_id = s.customer_id and r.at >= :since
                                                      and r.kind in ('OPENED', 'CLICKED', 'CALL_OUTCOME', 'REDEEMED')))
                            from customer_score s join customer c on c.id = s.customer_id
                            where s.run_id = :run and s.matrix_class = :class""")
                    .param("run", run.id())
                    .param("class", playbook.matrixClass().name())
                    .param("since", timestamptz(now.minus(java.time.Duration.ofDays(playbook.contactEveryDays()))))
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})
                    .single();
            List<ClassCampaign> onIt = jdbc.sql("""
                            select distinct k.id, k.name, k.status from campaign_audience a
                            join campaign k on k.id = a.campaign_id join segment g on g.id = a.segment_id
                            where not a.exclude and g.condition = cast(:condition as jsonb) and k.status <> 'CANCELLED'
                            order by k.id desc""")
                    .param("condition", condition)
                    .query((rs, n) -> new ClassCampaign(
                            rs.getLong("id"), rs.getString("name"), CampaignStatus.valueOf(rs.getString("status"))))
                    .list();
            progress.add(new Progress(playbook, counts[0], counts[1], counts[2], counts[3], onIt));
        }
        return progress;
    }

    /** A whole number as the input wrote it, or null for none or another text. */
    private static @Nullable Long whole(@Nullable String text) {
        if (text == null || !text.strip().matches("\\d{1,12}")) {
            return null;
        }
        return Long.parseLong(text.strip());
    }

    private static <E extends Enum<E>> E choice(
            String field, @Nullable String value, Class<E> type, List<FieldProblem> problems) {
        E[] values = type.getEnumConstants();
        for (E candidate : values) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        problems.add(FieldProblem.of(field, "validation.oneOf", List.of(values)));
        return values[0];
    }

    private static Playbook playbook(ResultSet rs) throws SQLException {
        return new Playbook(
                MatrixClass.valueOf(rs.getString("matrix_class")),
                SalesStrategy.valueOf(rs.getString("sales_channel")),
                MarketingStrategy.valueOf(rs.getString("marketing_aim")),
                CampaignPurpose.valueOf(rs.getString("campaign_purpose")),
                rs.getObject("template_campaign", Long.class),
                rs.getString("template_name"),
                rs.getInt("contact_every_days"),
                rs.getString("notes"),
                rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
