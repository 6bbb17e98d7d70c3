package io.clientele.campaign;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What campaigns did with one customer, for sales' opportunity page: each step the customer was a treated member of
 * (when it was sent) and what came back, newest first.
 */
@Service
public class CampaignTouches {
    /** A step that reached the customer: the campaign, the step, its channel, when sent, the responses' kinds. */
    public record Touch(
            long campaignId,
            String campaign,
            long stepId,
            String step,
            StepChannel channel,
            @Nullable Instant sentAt,
            List<String> responses) {}

    private final JdbcClient jdbc;

    CampaignTouches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Touch> ofCustomer(long customerId) {
        return jdbc.sql("""
                        select m.campaign_id, c.name as campaign, m.step_id, s.name as step, s.channel, m.sent_at,
                               array(select r.kind from campaign_response r
                                     where r.step_id = m.step_id and r.customer_id = m.customer_id
                                     group by r.kind order by min(r.at)) as responses
                        from campaign_member m
                        join campaign_step s on s.id = m.step_id
                        join campaign c on c.id = m.campaign_id
                        where m.customer_id = :customer and m.member_group = 'TREATED'
                        order by m.sent_at desc nulls last, m.step_id desc
                        limit 50""")
                .param("customer", customerId)
                .query((rs, n) -> new Touch(
                        rs.getLong("campaign_id"),
                        rs.getString("campaign"),
                        rs.getLong("step_id"),
                        rs.getString("step"),
                        StepChannel.valueOf(rs.getString("channel")),
                        rs.getTimestamp("sent_at") == null
                                ? null
                                : rs.getTimestamp("sent_at").toInstant(),
                        List.of((String[]) rs.getArray("responses").getArray())))
                .list();
    }
}
