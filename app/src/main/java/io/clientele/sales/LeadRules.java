package io.clientele.sales;

import io.clientele.audit.AuditTrail;
import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.ResponseRecorded;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rules that turn campaign responses into leads: a click in a campaign's message (any link, or the one named), or a
 * call outcome (any, or those listed). Applied as each response is recorded, in its transaction, through
 * {@link Leads#createAll} (set-based, so a bulk of responses would be one statement per rule).
 */
@Service
public class LeadRules {
    public record Rule(
            long id,
            long campaignId,
            ResponseKind kind,
            @Nullable String link,
            List<String> outcomes) {}

    public record RuleInput(
            @Nullable Long campaignId,
            @Nullable String kind,
            @Nullable String link,
            @Nullable List<String> outcomes) {}

    private final JdbcClient jdbc;
    private final Leads leads;
    private final Clock clock;
    private final AuditTrail audit;

    LeadRules(JdbcClient jdbc, Leads leads, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.leads = leads;
        this.clock = clock;
    }

    public List<Rule> all() {
        return jdbc.sql("select * from lead_rule order by campaign_id, id")
                .query((rs, n) -> new Rule(
                        rs.getLong("id"),
                        rs.getLong("campaign_id"),
                        ResponseKind.valueOf(rs.getString("kind")),
                        rs.getString("link"),
                        rs.getArray("outcomes") == null
                                ? List.of()
                                : List.of((String[]) rs.getArray("outcomes").getArray())))
                .list();
    }

    @Transactional
    public Rule add(RuleInput input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        if (input.campaignId() == null) {
            problems.add(FieldProblem.of("campaignId", "validation.required"));
        } else if (!jdbc.sql("select exists (select 1 from campaign where id = :id)")
                .param("id", input.campaignId())
                .query(Boolean.class)
                .single()) {
            problems.add(FieldProblem.of("campaignId", "validation.unknown", input.campaignId()));
        }
        ResponseKind kind = null;
        if (input.kind() == null
                || !List.of(ResponseKind.CLICKED.name(), ResponseKind.CALL_OUTCOME.name())
                        .contains(input.kind())) {
            problems.add(FieldProblem.of("kind", "validation.oneOf", "CLICKED, CALL_OUTCOME"));
        } else {
            kind = ResponseKind.valueOf(input.kind());
        }
        if (input.link() != null && input.link().length() > 2000) {
            problems.add(FieldProblem.of("link", "validation.length", 2000));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<String> outcomes = input.outcomes() == null
                ? List.of()
                : input.outcomes().stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        long id = jdbc.sql("""
                        insert into lead_rule (campaign_id, kind, link, outcomes, created_by, created_at)
                        values (:campaign, :kind, :link, :outcomes, :by, :now) returning id""")
                .param("campaign", input.campaignId())
                .param("kind", kind.name())
                .param("link", kind == ResponseKind.CLICKED ? Leads.blankToNull(input.link()) : null)
                .param(
                        "outcomes",
                        kind == ResponseKind.CALL_OUTCOME && !outcomes.isEmpty()
                                ? outcomes.toArray(String[]::new)
                                : null)
                .param("by", actor)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        Rule rule = all().stream().filter(r -> r.id() == id).findFirst().orElseThrow();
        audit.record("lead.rule.added", "lead_rule", id, Map.of("rule", rule));
        return rule;
    }

    @Transactional
    public void delete(long id) {
        if (jdbc.sql("delete from lead_rule where id = :id").param("id", id).update() == 0) {
            throw new NotFoundException("No lead rule " + id);
        }
        audit.record("lead.rule.removed", "lead_rule", id, Map.of());
    }

    /** A new response that a rule of its campaign matches becomes a lead (or updates the customer's open one). */
    @EventListener
    void on(ResponseRecorded response) {
        if (response.kind() != ResponseKind.CLICKED && response.kind() != ResponseKind.CALL_OUTCOME) {
            return;
        }
        boolean matches = jdbc.sql("""
                        select exists (select 1 from lead_rule
                                       where campaign_id = :campaign and kind = :kind
                                         and (link is null or link = :detail)
                                         and (outcomes is null or :detail = any(outcomes)))""")
                .param("campaign", response.campaignId())
                .param("kind", response.kind().name())
                .param("detail", response.detail() == null ? "" : response.detail())
                .query(Boolean.class)
                .single();
        if (matches) {
            Instant at = clock.instant();
            leads.createAll(
                    response.kind() == ResponseKind.CALL_OUTCOME ? LeadSource.CALL_OUTCOME : LeadSource.STEP,
                    response.campaignId(),
                    response.stepId(),
                    null,
                    List.of(),
                    new long[] {response.customerId()},
                    new String[] {null},
                    at,
                    "system");
        }
    }
}
