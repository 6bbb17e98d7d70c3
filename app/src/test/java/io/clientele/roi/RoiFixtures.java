package io.clientele.roi;

import io.clientele.campaign.CampaignFixtures;
import io.clientele.campaign.material.Materials;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Planting what ROI reads: customers, completed campaigns with budgets, sends with their dates, and receipts. */
final class RoiFixtures {
    private final JdbcClient jdbc;
    final CampaignFixtures campaigns;
    private final String source = "roi-" + UUID.randomUUID();

    RoiFixtures(JdbcClient jdbc, Materials materials) {
        this.jdbc = jdbc;
        this.campaigns = new CampaignFixtures(jdbc, materials);
    }

    long customer(String name) {
        return jdbc.sql("insert into customer (first_name, email) values (:name, :email) returning id")
                .param("name", name)
                .param("email", name + "-" + UUID.randomUUID() + "@example.com")
                .query(Long.class)
                .single();
    }

    /** A completed campaign of the month starting {@code month} (yyyy-MM), the budget lines SQL values of :id. */
    long campaign(String name, String month, String budget) {
        long id = campaigns.runningCampaign(name);
        jdbc.sql("update campaign set status = 'COMPLETED', launched_at = cast(:start || 'T00:00:00Z' as timestamptz),"
                        + " starts_on = cast(:start as date),"
                        + " ends_on = (cast(:start as date) + interval '1 month' - interval '1 day')::date"
                        + " where id = :id")
                .param("start", month + "-01")
                .param("id", id)
                .update();
        jdbc.sql("insert into campaign_budget_line (campaign_id, line_no, cost_type, amount) values " + budget)
                .param("id", id)
                .update();
        return id;
    }

    void unitCost(long step, String cost) {
        jdbc.sql("update campaign_step set unit_cost = :cost where id = :id")
                .param("cost", new BigDecimal(cost))
                .param("id", step)
                .update();
    }

    /** Marks the step's treated members sent at the instant. */
    void sent(long step, String at) {
        jdbc.sql("update campaign_member set send_status = 'SENT', sent_at = :at where step_id = :step"
                        + " and member_group = 'TREATED'")
                .param("at", Timestamp.from(Instant.parse(at)))
                .param("step", step)
                .update();
    }

    /** A receipt of one line; answers its "source:receipt" key, as a redemption names it. */
    String sale(long customer, String amount, String cost, String at) {
        String id = UUID.randomUUID().toString();
        long sale = jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        values (:source, :receipt, 'SALE', (select min(id) from store), :customer, :at, :amount, :cost)
                        returning id""")
                .param("source", source)
                .param("receipt", id)
                .param("customer", customer)
                .param("at", Timestamp.from(Instant.parse(at)))
                .param("amount", new BigDecimal(amount))
                .param("cost", new BigDecimal(cost))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, amount, unit_cost)
                        select :sale, 1, p.id, 1, :amount, :amount, :cost from product p order by p.id limit 1""")
                .param("sale", sale)
                .param("amount", new BigDecimal(amount))
                .param("cost", new BigDecimal(cost))
                .update();
        return source + ":" + id;
    }
}
