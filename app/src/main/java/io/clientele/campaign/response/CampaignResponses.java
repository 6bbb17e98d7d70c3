package io.clientele.campaign.response;

import io.clientele.campaign.ResponseKind;
import io.clientele.campaign.ResponseRecorded;
import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what came back from a contact. A response with a dedupe key counts once (a retried webhook, a second
 * unsubscribe click, a receipt imported twice change nothing); a new response also lands on the customer's timeline
 * and is published ({@link ResponseRecorded}) in the same transaction.
 */
@Service
public class CampaignResponses {
    /** A response to record; {@code dedupeKey} null: every occurrence counts (opens, clicks). */
    public record Response(
            long stepId,
            long customerId,
            ResponseKind kind,
            Instant at,
            @Nullable String detail,
            @Nullable BigDecimal amount,
            @Nullable String dedupeKey) {}

    private final JdbcClient jdbc;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    CampaignResponses(JdbcClient jdbc, Timeline timeline, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.timeline = timeline;
        this.events = events;
    }

    /**
     * Whether the response was new; false when its dedupe key was seen or the customer is not a treated member of the
     * step (nor a control member, for a kind {@linkplain ResponseKind#measuredInControl() measured there too}).
     */
    @Transactional
    public boolean record(Response response) {
        Map<String, Object> step = jdbc
                .sql("""
                        select s.campaign_id, c.name, s.name as step_name, s.channel
                        from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        join campaign c on c.id = s.campaign_id
                        where m.step_id = :step and m.customer_id = :customer
                          and (m.member_group = 'TREATED' or (m.member_group = 'CONTROL' and :control))""")
                .param("step", response.stepId())
                .param("customer", response.customerId())
                .param("control", response.kind().measuredInControl())
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElse(null);
        if (step == null) {
            return false;
        }
        int inserted = jdbc.sql("""
                        insert into campaign_response (step_id, customer_id, campaign_id, kind, at, detail, amount,
                                                       dedupe_key)
                        values (:step, :customer, :campaign, :kind, :at, :detail, :amount, :dedupe)
                        on conflict do nothing""")
                .param("step", response.stepId())
                .param("customer", response.customerId())
                .param("campaign", step.get("campaign_id"))
                .param("kind", response.kind().name())
                .param("at", Timestamp.from(response.at()))
                .param("detail", response.detail())
                .param("amount", response.amount())
                .param("dedupe", response.dedupeKey())
                .update();
        if (inserted == 0) {
            return false;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaignId", step.get("campaign_id"));
        details.put("campaign", step.get("name"));
        details.put("stepId", response.stepId());
        details.put("step", step.get("step_name"));
        details.put("response", response.kind().name());
        if (response.detail() != null) {
            details.put("detail", response.detail());
        }
        if (response.amount() != null) {
            details.put("amount", response.amount());
        }
        timeline.record(
                response.customerId(),
                InteractionKind.CAMPAIGN_RESPONSE,
                (String) step.get("channel"),
                step.get("name") + ": " + response.kind().name().toLowerCase(java.util.Locale.ROOT),
                details);
        events.publishEvent(new ResponseRecorded(
                ((Number) step.get("campaign_id")).longValue(),
                response.stepId(),
                response.customerId(),
                response.kind(),
                response.detail(),
                response.at()));
        return true;
    }
}
