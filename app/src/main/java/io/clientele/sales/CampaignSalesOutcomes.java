package io.clientele.sales;

import io.clientele.roi.SalesOutcomes;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What sales made of each campaign, for its performance and ROI: the leads whose source is the campaign (a response
 * rule, a journey node, an import naming it), the opportunities they became, those won and the won amounts — each
 * counted once per lead, however many steps the campaign has.
 */
@Component
class CampaignSalesOutcomes implements SalesOutcomes {
    private final JdbcClient jdbc;

    CampaignSalesOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Outcome> of(Collection<Long> campaignIds) {
        Map<Long, Outcome> outcomes = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return outcomes;
        }
        jdbc.sql("""
                        select l.campaign_id, count(*) as leads, count(o.id) as opportunities,
                               count(o.id) filter (where s.outcome = 'WON') as won,
                               coalesce(sum(o.amount) filter (where s.outcome = 'WON'), 0) as won_revenue
                        from lead l
                        left join opportunity o on o.lead_id = l.id
                        left join pipeline_stage s on s.id = o.stage_id
                        where l.campaign_id = any(:campaigns)
                        group by l.campaign_id""").param("campaigns", campaignIds.toArray(Long[]::new)).query(rs -> {
            outcomes.put(
                    rs.getLong("campaign_id"),
                    new Outcome(
                            rs.getLong("leads"),
                            rs.getLong("opportunities"),
                            rs.getLong("won"),
                            rs.getBigDecimal("won_revenue")));
        });
        return outcomes;
    }

    @Override
    public Collection<Long> changedSince(Instant since) {
        return jdbc.sql("""
                        select distinct l.campaign_id from lead l left join opportunity o on o.lead_id = l.id
                        where l.campaign_id is not null and (l.updated_at > :since or o.updated_at > :since)""")
                .param("since", java.sql.Timestamp.from(since))
                .query(Long.class)
                .list();
    }
}
