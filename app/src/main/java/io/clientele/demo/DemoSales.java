package io.clientele.demo;

import io.clientele.sales.LeadSource;
import io.clientele.sales.Leads;
import io.clientele.sales.Opportunities;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's sales: the leads the demo journey's "Lead for sales" node made, a few more for customers of the
 * salesperson's region (dealt to them by the region rule), and opportunities in every stage of the pipeline, two won
 * (one matched to the customer's latest receipt) and one lost; the rest stay leads to qualify.
 */
@Component
class DemoSales {
    /** The stages the first leads are converted into, in order; the leads after them stay open. */
    static final List<String> STAGES = List.of(
            "Prospecting", "Prospecting", "Proposal", "Proposal", "Negotiation", "Negotiation", "Won", "Won", "Lost");

    private static final String[] PRODUCTS = {"Espresso machine", "Beans subscription", "Grinder", "Milk frother"};

    record Loaded(int leads, int opportunities) {}

    private final Leads leads;
    private final Opportunities opportunities;
    private final JdbcClient jdbc;

    DemoSales(Leads leads, Opportunities opportunities, JdbcClient jdbc) {
        this.leads = leads;
        this.opportunities = opportunities;
        this.jdbc = jdbc;
    }

    Loaded load(long journey) {
        List<Long> pool = new ArrayList<>(jdbc.sql("select id from lead where campaign_id = :journey order by id")
                .param("journey", journey)
                .query(Long.class)
                .list());
        // customers of the salesperson's region who bought most: leads by hand, without an owner
        List<Long> customers = jdbc.sql("""
                        select c.id from customer c join store s on s.id = c.home_store_id join region r on r.id = s.region_id
                        where r.code in (select code from app_user_scope where username = 'sales' and kind = 'REGION')
                          and not exists (select 1 from lead l where l.customer_id = c.id)
                        order by (select count(*) from sale x where x.customer_id = c.id) desc, c.id limit 12""").query(Long.class).list();
        for (int i = 0; i < customers.size(); i++) {
            pool.add(leads.create(
                            new Leads.LeadInput(
                                    customers.get(i),
                                    null,
                                    null,
                                    null,
                                    (i % 2 == 0 ? LeadSource.MANUAL : LeadSource.WEB_FORM).name(),
                                    null,
                                    null,
                                    null,
                                    null,
                                    i % 2 == 0 ? "Asked about a new machine in the store" : null),
                            "demo",
                            null)
                    .lead()
                    .id());
        }
        int converted = 0;
        for (int i = 0; i < pool.size() && i < STAGES.size(); i++) {
            Leads.Lead lead = leads.find(pool.get(i));
            if (lead.owner() == null || !lead.status().open()) {
                continue;
            }
            String product = PRODUCTS[i % PRODUCTS.length];
            Opportunities.Opportunity opportunity = opportunities.convert(
                    lead.id(),
                    new Opportunities.OpportunityInput(
                            product + " for " + lead.person(),
                            product,
                            null,
                            String.valueOf(150 + 120 * i) + ".00",
                            STAGES.get(i).equals("Lost") || STAGES.get(i).equals("Won") ? "Negotiation" : STAGES.get(i),
                            null,
                            null));
            String stage = STAGES.get(i);
            if (stage.equals("Won") || stage.equals("Lost")) {
                opportunities.update(
                        opportunity.id(),
                        new Opportunities.OpportunityInput(null, null, null, null, stage, null, null),
                        stage.equals("Lost") ? "Chose a cheaper machine elsewhere" : "Signed in the store");
            }
            if (stage.equals("Won") && opportunity.customerId() != null && converted % 2 == 0) {
                jdbc.sql("""
                                select id from sale where customer_id = :customer and kind = 'SALE'
                                  and id not in (select sale_id from opportunity where sale_id is not null)
                                order by sold_at desc limit 1""")
                        .param("customer", opportunity.customerId())
                        .query(Long.class)
                        .optional()
                        .ifPresent(sale -> opportunities.matchReceipt(opportunity.id(), sale));
            }
            converted++;
        }
        pool.stream().skip(STAGES.size()).limit(2).forEach(leads::work);
        return new Loaded(pool.size(), converted);
    }
}
