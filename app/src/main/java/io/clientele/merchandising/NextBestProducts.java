package io.clientele.merchandising;

import io.clientele.insight.ScoreRunCompleted;
import io.clientele.platform.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each customer's next best product, refreshed after every scoring run: of the one-to-one product rules of the run's
 * last 365 days with a lift above 1, those whose first product the customer has bought and whose second they never
 * have; the one with the highest score, lift × the second product's unit margin (list price − cost), wins (ties: the
 * higher lift, then the SKU). Lift says how much likelier the purchase is than chance, the margin what it earns, so
 * the score is the margin the suggestion is expected to add, relative to offering the product at random. Only changed
 * rows are written, so the segment summary refreshes only the customers whose product changed.
 */
@Service
public class NextBestProducts {
    private static final Logger log = LoggerFactory.getLogger(NextBestProducts.class);
    /** The rules' days: a year, so that seasons even out and last year's fashions fade. */
    static final int DAYS = 365;
    /** At product level a pair on 1 receipt in 1,000 is a pattern; rarer ones are mostly chance. */
    static final double MIN_SUPPORT = 0.001;

    static final double MIN_CONFIDENCE = 0.01;

    /** What a refresh found: the rules it used and the customers who have a next best product. */
    public record Refresh(LocalDate from, LocalDate to, int rules, long customers) {}

    private final MarketBaskets baskets;
    private final JdbcClient jdbc;

    NextBestProducts(MarketBaskets baskets, JdbcClient jdbc) {
        this.baskets = baskets;
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional
    void runCompleted(ScoreRunCompleted run) {
        Refresh refresh = refresh(run.asOf());
        log.info(
                "Next best products after scoring run {}: {} rules, {} customers",
                run.runId(),
                refresh.rules(),
                refresh.customers());
    }

    /** Recomputes every customer's next best product from the rules of the 365 days to {@code asOf}. */
    @Transactional
    public Refresh refresh(LocalDate asOf) {
        LocalDate from = asOf.minusDays(DAYS - 1L);
        List<String> antecedents = new ArrayList<>();
        List<String> consequents = new ArrayList<>();
        List<Double> lifts = new ArrayList<>();
        try {
            BasketQuery query = new BasketQuery(
                    BasketLevel.PRODUCT,
                    from,
                    asOf,
                    List.of(),
                    null,
                    MIN_SUPPORT,
                    MIN_CONFIDENCE,
                    2,
                    Integer.MAX_VALUE);
            for (MarketBaskets.Rule rule : baskets.mine(query).rules()) {
                if (rule.lift() <= 1) continue;
                antecedents.add(rule.antecedent().getFirst().key());
                consequents.add(rule.consequent().getFirst().key());
                lifts.add(rule.lift());
            }
        } catch (InvalidInputException noReceipts) {
            // no sale in the year: no rule, so nobody keeps a suggestion
        }
        jdbc.sql("""
                        create temporary table next_best_new on commit drop as
                        with rules (a, c, lift) as (
                            select * from unnest(cast(:a as text[]), cast(:c as text[]), cast(:lift as float8[]))),
                        held as (
                            select distinct s.customer_id, l.product_id
                            from sale s join sale_line l on l.sale_id = s.id
                            where s.kind = 'SALE' and s.customer_id is not null and l.quantity > 0)
                        select distinct on (h.customer_id) h.customer_id, cp.id as product_id,
                               ap.id as because_product_id, r.lift, cp.price - cp.cost as margin,
                               r.lift * (cp.price - cp.cost) as score
                        from rules r
                        join product ap on ap.sku = r.a
                        join product cp on cp.sku = r.c and cp.price > cp.cost
                        join held h on h.product_id = ap.id
                        where not exists (
                            select 1 from held o where o.customer_id = h.customer_id and o.product_id = cp.id)
                        order by h.customer_id, score desc, r.lift desc, cp.sku, ap.sku""")
                .param("a", antecedents.toArray(String[]::new))
                .param("c", consequents.toArray(String[]::new))
                .param("lift", lifts.toArray(Double[]::new))
                .update();
        jdbc.sql("""
                        delete from next_best_product n
                        where not exists (select 1 from next_best_new b where b.customer_id = n.customer_id)""").update();
        jdbc.sql("""
                        insert into next_best_product (customer_id, product_id, because_product_id, lift, margin, score)
                        select customer_id, product_id, because_product_id, lift, margin, score from next_best_new
                        on conflict (customer_id) do update
                        set product_id = excluded.product_id, because_product_id = excluded.because_product_id,
                            lift = excluded.lift, margin = excluded.margin, score = excluded.score
                        where (next_best_product.product_id, next_best_product.because_product_id,
                               next_best_product.lift, next_best_product.margin)
                              is distinct from
                              (excluded.product_id, excluded.because_product_id, excluded.lift, excluded.margin)""").update();
        long customers =
                jdbc.sql("select count(*) from next_best_new").query(Long.class).single();
        jdbc.sql("drop table next_best_new").update();
        return new Refresh(from, asOf, lifts.size(), customers);
    }
}
