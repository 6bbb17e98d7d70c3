package io.clientele.bench;

import io.clientele.analytics.value.ScoringParameters;
import io.clientele.insight.ScoreRun;
import java.time.LocalDate;

/**
 * The scoring run's per-customer figures as one plain SQL statement: aggregates per customer, then window functions
 * for the quintile scores (rank), the grades (running sum of profit) and the volume levels, CASE for the segments
 * and the matrix. The rules are those of docs/insight.md; the dates are the run's, in UTC. It leaves out the churn
 * rate per grade per month, which the Clientele run also computes.
 */
final class BaselineSql {
    private BaselineSql() {}

    static String scores(ScoreRun run) {
        ScoringParameters p = run.parameters();
        LocalDate asOf = run.asOf();
        LocalDate first = asOf.minusDays(p.lookbackDays() - 1L);
        return """
                create unlogged table baseline_score as
                with receipts as (
                    select customer_id, kind, (sold_at at time zone 'UTC')::date as day, total_amount, total_cost
                    from sale
                    where customer_id is not null and kind <> 'CANCELLED' and sold_at < timestamptz '%2$s 00:00Z'
                ),
                per_customer as (
                    select c.id as customer_id,
                           max(r.day) filter (where r.kind = 'SALE') as last_sale,
                           count(r.day) filter (where r.kind = 'SALE' and r.day >= date '%3$s') as frequency,
                           coalesce(sum(r.total_amount) filter (where r.day >= date '%3$s'), 0) as revenue,
                           coalesce(sum(r.total_cost) filter (where r.day >= date '%3$s'), 0) as cost,
                           coalesce(sum(r.total_amount) filter (where r.day >= date '%3$s' and r.kind = 'SALE'), 0)
                               as bought,
                           coalesce(-sum(r.total_amount) filter (where r.day >= date '%3$s' and r.kind = 'RETURN'), 0)
                               as returned
                    from customer c left join receipts r on r.customer_id = c.id
                    group by c.id
                ),
                purchase_days as (
                    select customer_id, day, sum(total_amount) as amount,
                           day - lag(day) over (partition by customer_id order by day) as gap
                    from receipts where kind = 'SALE' and day >= date '%3$s'
                    group by customer_id, day
                ),
                loyalty as (
                    select customer_id, avg(gap) as mean_gap, stddev_pop(gap) as sd_gap, avg(amount) as mean_amount,
                           stddev_pop(amount) as sd_amount, max(day) as last_day
                    from purchase_days group by customer_id having count(*) >= 3
                ),
                ratings as (
                    select customer_id, sum(perceived) as perceived, sum(expected) as expected from survey_answer
                    where answered_at < timestamptz '%2$s 00:00Z' group by customer_id
                ),
                complaints as (
                    select customer_id, count(*) as complaint_count from interaction
                    where kind = 'COMPLAINT' and occurred_at >= timestamptz '%3$s 00:00Z'
                      and occurred_at < timestamptz '%2$s 00:00Z'
                    group by customer_id
                ),
                buyers as (
                    select pc.*, date '%1$s' - last_sale as recency, revenue - cost as profit,
                           count(*) over () as n,
                           rank() over (order by last_sale) - 1 as worse_r,
                           rank() over (order by frequency) - 1 as worse_f,
                           rank() over (order by revenue) - 1 as worse_m,
                           rank() over (order by revenue desc) - 1 as more_revenue,
                           coalesce(sum(greatest(revenue - cost, 0)) over (order by revenue - cost desc
                               groups between unbounded preceding and 1 preceding), 0) as profit_above,
                           sum(greatest(revenue - cost, 0)) over () as positive_profit
                    from per_customer pc where last_sale is not null
                ),
                scored as (
                    select b.*, least(5, 1 + 5 * worse_r / n) as r, least(5, 1 + 5 * worse_f / n) as f,
                           least(5, 1 + 5 * worse_m / n) as m,
                           case when more_revenue::float8 / n < %4$s then 'HIGH'
                                when more_revenue::float8 / n < %5$s then 'MEDIUM' else 'LOW' end as volume_level,
                           case when profit <= 0 or positive_profit = 0 then 'D'
                                when profit_above / positive_profit < %6$s then 'A'
                                when profit_above / positive_profit < %7$s then 'B'
                                when profit_above / positive_profit < %8$s then 'C' else 'D' end as grade,
                           case when ra.expected > 0 then
                               ra.perceived::float8 / ra.expected
                               * (1 - %9$s * case when frequency = 0 then sign(coalesce(co.complaint_count, 0))
                                                  else least(1.0, coalesce(co.complaint_count, 0)::float8 / frequency) end)
                               * (1 - %10$s * case when bought <= 0 then 0
                                                   else least(1.0, greatest(0.0, (returned / bought)::float8)) end)
                           end as satisfaction,
                           case when l.customer_id is not null then round(100
                               * 1 / (1 + case when l.mean_gap = 0 then 0 else l.sd_gap / l.mean_gap end)
                               * case when l.mean_amount <= 0 then 0
                                      else 1 / (1 + l.sd_amount / l.mean_amount) end
                               * case when date '%1$s' - l.last_day <= 0 then 1
                                      else least(1, 2 * l.mean_gap / (date '%1$s' - l.last_day)) end)
                           end as loyalty
                    from buyers b
                    left join loyalty l on l.customer_id = b.customer_id
                    left join ratings ra on ra.customer_id = b.customer_id
                    left join complaints co on co.customer_id = b.customer_id
                )
                select customer_id, recency as recency_days, frequency, revenue, cost as cost_of_goods, profit,
                       r, f, m,
                       case when r >= 4 and f >= 4 and m >= 4 then 'CHAMPIONS'
                            when r <= 2 and f >= 4 and m >= 4 then 'CANT_LOSE_THEM'
                            when r >= 3 and f >= 4 then 'LOYAL'
                            when r <= 2 and f >= 3 then 'AT_RISK'
                            when f = 1 and r = 5 then 'NEW'
                            when f = 1 and r = 4 then 'PROMISING'
                            when r >= 4 then 'POTENTIAL_LOYALIST'
                            when r = 3 and f = 1 then 'ABOUT_TO_SLEEP'
                            when r = 3 then 'NEED_ATTENTION'
                            when r = 2 then 'HIBERNATING' else 'LOST' end as rfm_segment,
                       grade, recency > %11$s as churned, loyalty::smallint as loyalty, satisfaction, volume_level,
                       case when satisfaction is null then null
                            else volume_level || '_VOLUME_'
                                 || case when satisfaction >= %12$s then 'HIGH'
                                         when satisfaction >= %13$s then 'MEDIUM' else 'LOW' end
                                 || '_SATISFACTION' end as matrix_class
                from scored
                union all
                select customer_id, null, frequency, revenue, cost, revenue - cost, null, null, null, null, null,
                       false, null, null, null, null
                from per_customer where last_sale is null
                """.formatted(
                        asOf,
                        asOf.plusDays(1),
                        first,
                        p.volume().high(),
                        p.volume().medium(),
                        p.grades().a(),
                        p.grades().b(),
                        p.grades().c(),
                        p.satisfaction().complaintPenalty(),
                        p.satisfaction().returnPenalty(),
                        p.churnDays(),
                        p.satisfaction().high(),
                        p.satisfaction().medium());
    }

    /** What the page shows from a run: customers per grade, and the profit share of the best fifth. */
    static final String TOTALS = """
            select grade, count(*) from baseline_score where grade is not null group by grade
            union all
            select 'top 20% share ' || round(100 * sum(profit) filter (where n <= 0.2 * total)
                                             / sum(greatest(profit, 0)), 1), 0
            from (select profit, row_number() over (order by profit desc) as n, count(*) over () as total
                  from baseline_score where grade is not null) ranked
            order by 1""";
}
