package io.clientele.roi;

import io.clientele.insight.MarketingCostSource;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each customer's share of the marketing costs of a scoring run's lookback (docs/roi.md, "Costs per customer"):
 * <b>direct</b> — the contact cost of every message sent to them in the window, plus an even share of the actual
 * costs booked in the window by each campaign that reached them; <b>allocated</b> — an even share of what the period
 * costs overlapping the window allocated to each campaign that reached them. A campaign's reached customers are
 * those it sent a message to, ever; a campaign that reached nobody is nobody's cost. One aggregate query over the
 * sends; each customer's sums are rounded to cents once.
 */
@Component
class CustomerMarketingCosts implements MarketingCostSource {
    private final JdbcClient jdbc;
    private final RoiProperties properties;

    CustomerMarketingCosts(JdbcClient jdbc, RoiProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    @Transactional(readOnly = true)
    public void read(Window window, Sink sink) {
        jdbc.sql(COSTS)
                .param("from", Timestamp.from(window.from()))
                .param("to", Timestamp.from(window.to()))
                .param("firstDay", window.firstDay())
                .param("lastDay", window.lastDay())
                .params(properties.contactCostParams())
                .query(rs -> {
                    sink.accept(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                });
    }

    private static final String COSTS = """
            with reached as (
                select s.campaign_id, m.customer_id,
                       sum(case when m.sent_at >= :from and m.sent_at < :to then %s else 0 end) as contact
                from campaign_step s join campaign_member m on m.step_id = s.id
                where m.send_status = 'SENT'
                group by s.campaign_id, m.customer_id),
            booked as (
                select campaign_id, sum(amount) as amount from campaign_cost
                where incurred_on between :firstDay and :lastDay group by campaign_id),
            allocated as (
                select a.campaign_id, sum(a.amount) as amount
                from period_cost_allocation a join period_cost p on p.id = a.period_cost_id
                where p.starts_on <= :lastDay and p.ends_on >= :firstDay group by a.campaign_id),
            share as (
                select r.campaign_id, count(*) as customers, coalesce(b.amount, 0) as booked,
                       coalesce(a.amount, 0) as allocated
                from reached r left join booked b using (campaign_id) left join allocated a using (campaign_id)
                group by r.campaign_id, b.amount, a.amount)
            select r.customer_id,
                   round(sum(r.contact + s.booked / s.customers) * 100)::bigint as direct,
                   round(sum(s.allocated / s.customers) * 100)::bigint as allocated
            from reached r join share s using (campaign_id)
            group by r.customer_id
            having sum(r.contact + s.booked / s.customers) <> 0 or sum(s.allocated / s.customers) <> 0
            """.formatted(RoiProperties.CONTACT_COST);
}
