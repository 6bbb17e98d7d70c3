package io.clientele.merchandising;

import io.clientele.analytics.significance.MeanDifference;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Discount depth against uplift, per campaign coupon step. A step's window runs from its freezing (when the codes were
 * issued) to the end of the coupon's last valid day, or 30 days when it has none, and at most to now.
 *
 * <ul>
 *   <li><b>Depth</b>: the discount of the sale lines that carry the step's codes over their list value
 *       (quantity × unit price), the share of the list price the redeemers did not pay.
 *   <li><b>Uplift</b>, the honest measure available: with a control group (at least two members), the treated
 *       members' mean net spend in the window minus the control members' ({@code CONTROL}): what the coupon caused,
 *       every treated member counted, redeemer or not. Without one, the treated members' mean change of net spend
 *       against the same number of days before the window ({@code BASELINE}): a before-and-after, which seasons and
 *       the selection of the audience also move, said as such. Both with a 95% interval (normal approximation).
 * </ul>
 *
 * Spend is the members' receipts (returns subtracted); a store manager counts only their stores' receipts.
 */
@Service
public class CouponUplifts {
    /** A coupon without an end date is counted over this many days. */
    static final int DEFAULT_WINDOW_DAYS = 30;

    public enum Measure {
        CONTROL,
        BASELINE
    }

    /**
     * One coupon step.
     *
     * @param depth the redeemed lines' discount / list value; null without a redemption
     * @param comparisonSpend the control's mean spend in the window, or the treated members' mean before it
     * @param relative uplift / comparisonSpend; null when that is not positive
     */
    public record Step(
            long campaignId,
            String campaign,
            long stepId,
            String step,
            BigDecimal couponValue,
            Instant starts,
            Instant ends,
            long treated,
            long control,
            long redeemers,
            double redemptionRate,
            @Nullable Double depth,
            Measure measure,
            double treatedSpend,
            double comparisonSpend,
            double uplift,
            @Nullable Double lower,
            @Nullable Double upper,
            @Nullable Double relative) {}

    /** The coupon steps frozen between the days {@code from} and {@code to}, newest first. */
    public record Result(LocalDate from, LocalDate to, List<Step> steps) {}

    static final int DEFAULT_DAYS = 730;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final Clock clock;

    CouponUplifts(JdbcClient jdbc, DataScopes scopes, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.clock = clock;
    }

    public Result of(@Nullable String from, @Nullable String to) {
        List<FieldProblem> problems = new ArrayList<>();
        Days days = Days.parse(from, to, LocalDate.now(clock), DEFAULT_DAYS, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Map<String, Object> params = new HashMap<>();
        params.put("from", days.start(clock.getZone()));
        params.put("to", days.end(clock.getZone()));
        params.put("zone", clock.getZone().getId());
        params.put("now", Timestamp.from(clock.instant()));
        params.put("defaultDays", DEFAULT_WINDOW_DAYS);
        DataScope scope = scopes.current();
        String stores = "";
        if (!scope.unrestricted()) {
            stores = " and sa.store_id in (select id from store where code = any(:scopeStores))";
            params.putAll(scope.parameters());
        }
        String steps = """
                steps as (
                    select cs.id, cs.campaign_id, c.name as campaign, cs.name as step, cs.coupon_value,
                           cs.frozen_at as starts,
                           least(coalesce((cs.coupon_valid_until + 1)::timestamp at time zone :zone,
                                          cs.frozen_at + make_interval(days => :defaultDays)), :now) as ends
                    from campaign_step cs join campaign c on c.id = cs.campaign_id
                    where cs.channel = 'COUPON' and cs.frozen_at >= :from and cs.frozen_at < :to
                      and cs.frozen_at < :now)""";
        Map<Long, Step> found = new LinkedHashMap<>();
        Map<Long, double[]> redemption = new HashMap<>();
        jdbc.sql("with " + steps + """
                        select m.step_id, count(distinct m.customer_id), sum(l.discount), sum(l.quantity * l.unit_price)
                        from steps s
                        join campaign_member m on m.step_id = s.id and m.member_group = 'TREATED'
                        join sale_line l on l.coupon_code = m.coupon_code
                        join sale sa on sa.id = l.sale_id and sa.kind = 'SALE'
                                    and sa.sold_at >= s.starts and sa.sold_at < s.ends""" + stores + """

                        group by m.step_id""").params(params).query(rs -> {
            redemption.put(rs.getLong(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4)});
        });
        jdbc.sql("with " + steps + """
                        , spend as (
                            select s.id as step_id, m.customer_id, m.member_group,
                                   coalesce(sum(sa.total_amount) filter (where sa.sold_at >= s.starts), 0) as after,
                                   coalesce(sum(sa.total_amount) filter (where sa.sold_at < s.starts), 0) as before
                            from steps s
                            join campaign_member m on m.step_id = s.id and m.member_group in ('TREATED', 'CONTROL')
                            left join sale sa on sa.customer_id = m.customer_id
                                             and sa.sold_at >= s.starts - (s.ends - s.starts)
                                             and sa.sold_at < s.ends""" + stores + """

                            group by s.id, m.customer_id, m.member_group)
                        select s.id, s.campaign_id, s.campaign, s.step, s.coupon_value, s.starts, s.ends,
                               count(p.customer_id) filter (where p.member_group = 'TREATED'),
                               coalesce(avg(p.after) filter (where p.member_group = 'TREATED'), 0),
                               coalesce(var_samp(p.after) filter (where p.member_group = 'TREATED'), 0),
                               coalesce(avg(p.before) filter (where p.member_group = 'TREATED'), 0),
                               coalesce(var_samp(p.after - p.before) filter (where p.member_group = 'TREATED'), 0),
                               count(p.customer_id) filter (where p.member_group = 'CONTROL'),
                               coalesce(avg(p.after) filter (where p.member_group = 'CONTROL'), 0),
                               coalesce(var_samp(p.after) filter (where p.member_group = 'CONTROL'), 0)
                        from steps s left join spend p on p.step_id = s.id
                        group by s.id, s.campaign_id, s.campaign, s.step, s.coupon_value, s.starts, s.ends
                        order by s.starts desc, s.id desc""").params(params).query(rs -> {
            long stepId = rs.getLong(1);
            long treated = rs.getLong(8);
            double afterMean = rs.getDouble(9);
            double afterVariance = rs.getDouble(10);
            double beforeMean = rs.getDouble(11);
            double changeVariance = rs.getDouble(12);
            long control = rs.getLong(13);
            double[] redeemed = redemption.getOrDefault(stepId, new double[3]);
            Measure measure = control >= MeanDifference.MIN_GROUP ? Measure.CONTROL : Measure.BASELINE;
            double comparison;
            Double lower = null;
            Double upper = null;
            if (measure == Measure.CONTROL) {
                MeanDifference difference = new MeanDifference(
                        treated, afterMean, afterVariance, control, rs.getDouble(14), rs.getDouble(15));
                comparison = difference.meanControl();
                if (difference.estimable()) {
                    lower = difference.lower95();
                    upper = difference.upper95();
                }
            } else {
                comparison = beforeMean;
                if (treated >= MeanDifference.MIN_GROUP) {
                    double se = Math.sqrt(changeVariance / treated);
                    lower = afterMean - beforeMean - MeanDifference.Z95 * se;
                    upper = afterMean - beforeMean + MeanDifference.Z95 * se;
                }
            }
            double uplift = afterMean - comparison;
            found.put(
                    stepId,
                    new Step(
                            rs.getLong(2),
                            rs.getString(3),
                            stepId,
                            rs.getString(4),
                            rs.getBigDecimal(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getTimestamp(7).toInstant(),
                            treated,
                            control,
                            (long) redeemed[0],
                            treated == 0 ? 0 : redeemed[0] / treated,
                            redeemed[2] > 0 ? redeemed[1] / redeemed[2] : null,
                            measure,
                            afterMean,
                            comparison,
                            uplift,
                            lower,
                            upper,
                            comparison > 0 ? uplift / comparison : null));
        });
        return new Result(days.from(), days.to(), List.copyOf(found.values()));
    }
}
