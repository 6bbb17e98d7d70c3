package io.clientele.campaign.channel;

import io.clientele.customer.InteractionKind;
import io.clientele.customer.Timeline;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks a step's pending members as contacted when the channel hands them over at once (letters to the printer,
 * coupon codes to the tills): SENT in one statement, then one timeline entry each in another, in one transaction.
 * Members already sent are left as they are, so a second hand-over changes nothing.
 */
@Component
class Handover {
    private final JdbcClient jdbc;
    private final Timeline timeline;

    Handover(JdbcClient jdbc, Timeline timeline) {
        this.jdbc = jdbc;
        this.timeline = timeline;
    }

    /** How many members became SENT. */
    @Transactional
    int markSent(long stepId, Instant now) {
        return markSent(stepId, now, "", "");
    }

    /** As {@link #markSent(long, Instant)}, giving each member its code from {@code coupon_draw} in the same pass. */
    @Transactional
    int markSentWithCodes(long stepId, Instant now) {
        return markSent(stepId, now, ", coupon_code = d.code from coupon_draw d", " and m.customer_id = d.customer_id");
    }

    private int markSent(long stepId, Instant now, String codes, String drawn) {
        long[] sent = jdbc
                .sql("""
                        update campaign_member m set send_status = 'SENT', sent_at = :now%s
                        where m.step_id = :step and m.send_status = 'PENDING'%s
                        returning m.customer_id""".formatted(codes, drawn))
                .param("step", stepId)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
        if (sent.length == 0) {
            return 0;
        }
        record Step(long campaignId, String name, String channel, String campaign) {}
        Step step = jdbc.sql("""
                        select s.campaign_id, s.name, s.channel, c.name as campaign
                        from campaign_step s join campaign c on c.id = s.campaign_id where s.id = :step""")
                .param("step", stepId)
                .query((rs, n) -> new Step(
                        rs.getLong("campaign_id"),
                        rs.getString("name"),
                        rs.getString("channel"),
                        rs.getString("campaign")))
                .single();
        timeline.recordEach(
                sent,
                now,
                InteractionKind.CAMPAIGN_CONTACTED,
                step.channel(),
                step.campaign() + ": " + step.name(),
                Map.of("campaignId", step.campaignId(), "stepId", stepId, "step", step.name()));
        return sent.length;
    }
}
