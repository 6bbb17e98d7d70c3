package io.clientele.bench;

import io.clientele.campaign.material.MaterialInput;
import io.clientele.campaign.material.Materials;
import java.util.List;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The contacted customers, campaigns and receipts the ROI scenarios share, generated set-based in the database
 * ({@code generate_series}, no importer), so that a million customers take seconds, not the import's minutes.
 *
 * <p>{@code campaigns} completed campaigns launched one after another over {@link #SPAN_DAYS} days from {@link #START},
 * each with one email step (0.05 a contact). Every customer is a member of {@code touches} consecutive campaigns
 * (by id modulo the count): sent within three days of the launch, except that every tenth customer is held out as
 * control in the first of them. Each receipt belongs to customer (i modulo the count) on a pseudo-random day from 30
 * days before the first launch to 60 days after the last, so some fall in a 30-day window after a touch and some
 * outside any.
 */
final class RoiData {
    static final String START = "2025-03-01";
    static final int SPAN_DAYS = 28;

    private RoiData() {}

    /** Generates everything; answers the campaign ids in launch order. */
    static List<Long> generate(ApplicationContext context, int campaigns, int customers, int touches, long receipts) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        long material = context.getBean(Materials.class)
                .create(
                        new MaterialInput("EMAIL", "ROI bench", "Spring", "<p>Spring sale</p>", null, null, null),
                        "bench")
                .id();
        BenchData.customers(jdbc, customers);
        BenchData.store(jdbc);
        jdbc.sql("""
                        insert into campaign (name, purpose, owner_username, status, created_by, created_at, updated_at,
                                              launched_at, launched_by, starts_on, ends_on)
                        select 'ROI bench ' || i, 'RETENTION', 'bench', 'COMPLETED', 'bench', now(), now(), l, 'bench',
                               l::date, l::date + 14
                        from generate_series(0, :campaigns - 1) i,
                             lateral (select cast(:start as timestamptz)
                                             + make_interval(days => i * :span / :campaigns) as l) launch""")
                .param("campaigns", campaigns)
                .param("start", START)
                .param("span", SPAN_DAYS)
                .update();
        jdbc.sql("""
                        insert into campaign_step (campaign_id, position, name, channel, material_id, material_version,
                                                   status, frozen_at, unit_cost)
                        select id, 1, 'Email', 'EMAIL', :material, 1, 'FROZEN', launched_at, 0.05 from campaign
                        where name like 'ROI bench %'""").param("material", material).update();
        jdbc.sql("""
                        insert into campaign_member (step_id, customer_id, campaign_id, member_group, address,
                                                     send_status, sent_at)
                        select s.id, cu.id, c.id, case when control then 'CONTROL' else 'TREATED' end, cu.email,
                               case when control then null else 'SENT' end,
                               case when control then null else c.launched_at + make_interval(hours => (cu.id % 72)::int) end
                        from customer cu cross join generate_series(0, :touches - 1) j
                        cross join lateral (select j = 0 and cu.id % 10 = 0 as control) g
                        join campaign c on c.name = 'ROI bench ' || ((cu.id + j) % :campaigns)
                        join campaign_step s on s.campaign_id = c.id""").param("touches", touches).param("campaigns", campaigns).update();
        jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        select 'BENCH', i::text, 'SALE', (select id from store where code = 'BENCH'),
                               first + i % :customers,
                               cast(:start as timestamptz) - interval '30 days'
                                   + make_interval(secs => (i * 2654435761 % 1000003) / 1000003.0
                                                           * (:span + 90) * 86400),
                               5 + (i * 7919 % 20000) / 100.0, 0
                        from generate_series(1, :receipts) i, (select min(id) as first from customer) c""")
                .param("customers", customers)
                .param("start", START)
                .param("span", SPAN_DAYS)
                .param("receipts", receipts)
                .update();
        jdbc.sql("vacuum analyze").update();
        return jdbc.sql("select id from campaign where name like 'ROI bench %' order by launched_at, id")
                .query(Long.class)
                .list();
    }

    /**
     * The straightforward last-touch query: for each receipt, the latest sent message within the window before it
     * (a lateral subquery on the member index), its amount credited to that message's campaign.
     */
    static final String LAST_TOUCH_BASELINE = """
            select t.campaign_id, sum(s.total_amount) as revenue
            from sale s
            join lateral (select m.campaign_id from campaign_member m
                          where m.customer_id = s.customer_id and m.send_status = 'SENT'
                            and m.sent_at < s.sold_at and m.sent_at >= s.sold_at - make_interval(days => :window)
                          order by m.sent_at desc, m.step_id desc limit 1) t on true
            where s.kind = 'SALE' and s.customer_id is not null
            group by t.campaign_id""";
}
