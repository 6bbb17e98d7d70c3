package io.clientele.roi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clientele.audit.AuditTrail;
import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.CampaignStatus;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.CostType;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's direct costs: actual costs booked against its budget lines (by managers, until the campaign is
 * closed) and the contact cost of its sends; the settlement of both against the plan; and the close, after which the
 * costs are final.
 */
@Service
public class CampaignCosts {
    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final RoiProperties properties;
    private final AuditTrail audit;
    private final Clock clock;

    CampaignCosts(JdbcClient jdbc, Campaigns campaigns, RoiProperties properties, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** An actual cost as sent: the amount and the date as text, so that a wrong one is named, not a parse error. */
    public record CostInput(
            @Nullable Integer lineNo,
            @Nullable String amount,
            @Nullable String document,
            @Nullable String incurredOn,
            @Nullable String note) {}

    public record Cost(
            long id,
            long campaignId,
            int lineNo,
            BigDecimal amount,
            String document,
            LocalDate incurredOn,
            @Nullable String note,
            String enteredBy,
            Instant enteredAt) {}

    /** A budget line planned against what was booked on it. */
    public record Line(
            int lineNo, CostType costType, @Nullable String description, BigDecimal planned, BigDecimal actual) {
        @JsonProperty
        public BigDecimal variance() {
            return actual.subtract(planned);
        }
    }

    /**
     * The plan against the actual: each budget line, the contact cost of the sends (planned on no line), the totals,
     * the variance and whether it exceeds the threshold (so a close needs an explanation); {@code closed} once the
     * campaign is closed.
     */
    public record Settlement(
            long campaignId,
            List<Line> lines,
            BigDecimal contactCost,
            BigDecimal planned,
            BigDecimal actual,
            BigDecimal variance,
            @Nullable BigDecimal varianceShare,
            BigDecimal threshold,
            boolean explanationRequired,
            @Nullable Closed closed) {}

    public record Closed(Instant at, String by, @Nullable String explanation) {}

    @Transactional
    public Cost add(long campaignId, CostInput input, String actor) {
        Campaign campaign = campaigns.find(campaignId);
        List<FieldProblem> problems = new ArrayList<>();
        if (input.lineNo() == null) {
            problems.add(FieldProblem.of("lineNo", "validation.required"));
        } else if (input.lineNo() < 1
                || input.lineNo() > campaign.plan().budget().size()) {
            problems.add(FieldProblem.of(
                    "lineNo", "roi.cost.noSuchLine", campaign.plan().budget().size()));
        }
        BigDecimal amount = InputFields.money("amount", input.amount(), problems);
        if (amount == null && InputFields.trimmed(input.amount()) == null) {
            problems.add(FieldProblem.of("amount", "validation.required"));
        } else if (amount != null && amount.signum() < 0) {
            problems.add(FieldProblem.of("amount", "validation.notNegative"));
        }
        String document = InputFields.required("document", input.document(), 100, problems);
        InputFields.printable("document", input.document(), problems);
        LocalDate incurred = InputFields.date("incurredOn", input.incurredOn(), problems);
        if (incurred == null && InputFields.trimmed(input.incurredOn()) == null) {
            problems.add(FieldProblem.of("incurredOn", "validation.required"));
        }
        String note = InputFields.trimmed(input.note());
        if (note != null && note.length() > 1000) {
            problems.add(FieldProblem.of("note", "validation.length", 1000));
        }
        InputFields.printable("note", note, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        lockOpen(campaignId);
        long id = jdbc.sql("""
                        insert into campaign_cost (campaign_id, line_no, amount, document, incurred_on, note,
                                                   entered_by, entered_at)
                        values (:campaign, :line, :amount, :document, :incurred, :note, :actor, :now)
                        returning id""")
                .param("campaign", campaignId)
                .param("line", input.lineNo())
                .param("amount", amount)
                .param("document", document)
                .param("incurred", incurred)
                .param("note", note)
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        audit.record("campaign.cost.added", "campaign", campaignId, Map.of("amount", amount.toPlainString()));
        ComparisonFigures.markStale(jdbc, List.of(campaignId));
        return costs(campaignId).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Cost> costs(long campaignId) {
        campaigns.find(campaignId);
        return jdbc.sql("""
                        select id, campaign_id, line_no, amount, document, incurred_on, note, entered_by, entered_at
                        from campaign_cost where campaign_id = :campaign order by incurred_on, id""")
                .param("campaign", campaignId)
                .query((rs, row) -> new Cost(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getInt(3),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    @Transactional(readOnly = true)
    public Settlement settlement(long campaignId) {
        Campaign campaign = campaigns.find(campaignId);
        Map<Integer, BigDecimal> booked = new java.util.HashMap<>();
        jdbc.sql("select line_no, sum(amount) from campaign_cost where campaign_id = :campaign group by line_no")
                .param("campaign", campaignId)
                .query(rs -> {
                    booked.put(rs.getInt(1), rs.getBigDecimal(2));
                });
        List<Line> lines = new ArrayList<>();
        int lineNo = 1;
        for (CampaignInput.BudgetLine line : campaign.plan().budget()) {
            lines.add(new Line(
                    lineNo,
                    line.costType(),
                    line.description(),
                    line.amount(),
                    booked.getOrDefault(lineNo, BigDecimal.ZERO)));
            lineNo++;
        }
        BigDecimal contact = contactCosts(List.of(campaignId)).getOrDefault(campaignId, BigDecimal.ZERO);
        BigDecimal planned = campaign.plan().totalBudget();
        BigDecimal actual = lines.stream().map(Line::actual).reduce(contact, BigDecimal::add);
        BigDecimal variance = actual.subtract(planned);
        BigDecimal share = planned.signum() == 0 ? null : variance.divide(planned, 4, RoundingMode.HALF_EVEN);
        boolean required =
                share == null ? variance.signum() > 0 : share.abs().compareTo(properties.varianceThreshold()) > 0;
        Closed closed = jdbc.sql("select closed_at, closed_by, explanation from campaign_close where campaign_id = :id")
                .param("id", campaignId)
                .query((rs, row) -> new Closed(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)))
                .optional()
                .orElse(null);
        return new Settlement(
                campaignId,
                lines,
                contact,
                planned,
                actual,
                variance,
                share,
                properties.varianceThreshold(),
                required,
                closed);
    }

    /**
     * Closes a completed or cancelled campaign: its settlement is kept and its costs are final. A variance beyond the
     * threshold needs an explanation (400 naming {@code explanation}); closing twice, or a campaign still running,
     * is 409.
     */
    @Transactional
    public Settlement close(long campaignId, @Nullable String explanation, String actor) {
        Campaign campaign = campaigns.find(campaignId);
        if (campaign.status() != CampaignStatus.COMPLETED && campaign.status() != CampaignStatus.CANCELLED) {
            throw new ConflictException("Campaign " + campaignId + " is " + campaign.status()
                    + ": only a completed or cancelled campaign" + " can be closed");
        }
        lockOpen(campaignId);
        Settlement settlement = settlement(campaignId);
        String text = InputFields.trimmed(explanation);
        List<FieldProblem> problems = new ArrayList<>();
        if (settlement.explanationRequired() && text == null) {
            problems.add(FieldProblem.of(
                    "explanation",
                    "roi.close.explain",
                    settlement
                            .threshold()
                            .movePointRight(2)
                            .stripTrailingZeros()
                            .toPlainString()));
        } else if (text != null && text.length() > 4000) {
            problems.add(FieldProblem.of("explanation", "validation.length", 4000));
        }
        InputFields.printable("explanation", text, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        insert into campaign_close (campaign_id, closed_at, closed_by, planned, actual, explanation)
                        values (:id, :now, :actor, :planned, :actual, :explanation)""")
                .param("id", campaignId)
                .param("now", Timestamp.from(clock.instant()))
                .param("actor", actor)
                .param("planned", settlement.planned())
                .param("actual", settlement.actual())
                .param("explanation", text)
                .update();
        ComparisonFigures.markStale(jdbc, List.of(campaignId));
        audit.record(
                "campaign.closed",
                "campaign",
                campaignId,
                Map.of(
                        "planned",
                        settlement.planned().toPlainString(),
                        "actual",
                        settlement.actual().toPlainString()));
        return settlement(campaignId);
    }

    /** Whether the campaign is closed. */
    boolean closed(long campaignId) {
        return jdbc.sql("select exists (select 1 from campaign_close where campaign_id = :id)")
                .param("id", campaignId)
                .query(Boolean.class)
                .single();
    }

    /** Each campaign's contact cost: its sent members, each at its step's cost per contact. */
    Map<Long, BigDecimal> contactCosts(List<Long> campaignIds) {
        Map<Long, BigDecimal> costs = new java.util.HashMap<>();
        if (campaignIds.isEmpty()) {
            return costs;
        }
        jdbc.sql("""
                        select s.campaign_id, sum(%s)
                        from campaign_step s join campaign_member m on m.step_id = s.id
                        where s.campaign_id in (:campaigns) and m.send_status = 'SENT'
                        group by s.campaign_id""".formatted(RoiProperties.CONTACT_COST))
                .param("campaigns", campaignIds)
                .params(properties.contactCostParams())
                .query(rs -> {
                    costs.put(rs.getLong(1), rs.getBigDecimal(2).setScale(2, RoundingMode.HALF_EVEN));
                });
        return costs;
    }

    /** Each campaign's booked actual costs. */
    Map<Long, BigDecimal> bookedCosts(List<Long> campaignIds) {
        Map<Long, BigDecimal> costs = new java.util.HashMap<>();
        if (campaignIds.isEmpty()) {
            return costs;
        }
        jdbc.sql("select campaign_id, sum(amount) from campaign_cost where campaign_id in (:campaigns)"
                        + " group by campaign_id")
                .param("campaigns", campaignIds)
                .query(rs -> {
                    costs.put(rs.getLong(1), rs.getBigDecimal(2));
                });
        return costs;
    }

    /** Serialises cost entries and the close of one campaign; a closed campaign takes no more costs (409). */
    private void lockOpen(long campaignId) {
        campaigns.lockedStatus(campaignId);
        if (closed(campaignId)) {
            throw new ConflictException("Campaign " + campaignId + " is closed: its costs are final");
        }
    }
}
