package io.clientele.campaign.channel;

import io.clientele.platform.Actor;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks a step's pending members as contacted when the channel hands them over at once (letters to the printer,
 * coupon codes to the tills): SENT in one statement, with a timeline entry each. Members already sent are left as
 * they are, so a second hand-over changes nothing.
 */
@Component
class Handover {
    private final JdbcClient jdbc;

    Handover(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many members became SENT. */
    int markSent(long stepId, Instant now) {
        return markSent(stepId, now, "", "");
    }

    /** As {@link #markSent(long, Instant)}, giving each member its code from {@code coupon_draw} in the same pass. */
    int markSentWithCodes(long stepId, Instant now) {
        return markSent(stepId, now, ", coupon_code = d.code from coupon_draw d", " and m.customer_id = d.customer_id");
    }

    private int markSent(long stepId, Instant now, String codes, String drawn) {
        Actor actor = Actor.current();
        return jdbc.sql("""
                        with sent as (
                            update campaign_member m set send_status = 'SENT', sent_at = :now%s
                            where m.step_id = :step and m.send_status = 'PENDING'%s
                            returning m.customer_id),
                        step as (
                            select s.id, s.campaign_id, s.name, s.channel, c.name as campaign
                            from campaign_step s join campaign c on c.id = s.campaign_id where s.id = :step)
                        insert into interaction (customer_id, occurred_at, kind, channel, summary, details, source,
                                                 created_by)
                        select sent.customer_id, :now, 'CAMPAIGN_CONTACTED', step.channel,
                               step.campaign || ': ' || step.name,
                               jsonb_build_object('campaignId', step.campaign_id, 'stepId', step.id, 'step', step.name),
                               :source, :actor
                        from sent cross join step""".formatted(codes, drawn))
                .param("step", stepId)
                .param("now", Timestamp.from(now))
                .param("source", actor.source())
                .param("actor", actor.name())
                .update();
    }
}
