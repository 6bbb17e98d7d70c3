package io.clientele.roi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clientele.analytics.significance.MeanDifference;
import io.clientele.campaign.Campaigns;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revenue credited to campaigns, two ways (docs/roi.md). <b>Attributed</b>: every receipt of a contacted customer
 * within the window after a contact (a sent message of any campaign) is shared among the contacts that preceded it
 * by the model; coupon redemptions count exactly for their campaign (their receipts are left out of the shared
 * pool, so nothing counts twice); won opportunities, once sales provides them, count exactly too; the receipts are
 * matched to the touches in one streamed pass ({@link ReceiptCredit}). <b>Incremental</b>: the treated group's mean
 * revenue per member in the window against the control group's, times the treated members, with a 95 % interval, one
 * set-based query over all the campaigns asked for.
 */
@Service
public class Attribution {
    static final int MAX_WINDOW_DAYS = 365;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Campaigns campaigns;
    private final ObjectProvider<SalesOutcomes> sales;

    Attribution(JdbcClient jdbc, DataSource dataSource, Campaigns campaigns, ObjectProvider<SalesOutcomes> sales) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.campaigns = campaigns;
        this.sales = sales;
    }

    /** Revenue credited to a campaign or a step: receipts shared by the model, coupons and wins exactly. */
    public record Revenue(
            BigDecimal receipts, long receiptCount, BigDecimal coupons, long redemptions, BigDecimal won) {
        static final Revenue NONE = new Revenue(BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);

        @JsonProperty
        public BigDecimal total() {
            return receipts.add(coupons).add(won);
        }

        Revenue plus(Revenue other) {
            return new Revenue(
                    receipts.add(other.receipts),
                    receiptCount + other.receiptCount,
                    coupons.add(other.coupons),
                    redemptions + other.redemptions,
                    won.add(other.won));
        }
    }

    /**
     * Treated (sent) against control members' revenue from receipts in [from, to): means per member, the incremental
     * revenue (difference × treated) and its 95 % interval (null when a group has fewer than two members).
     */
    public record Incremental(
            Instant from,
            Instant to,
            long treated,
            long control,
            BigDecimal treatedMean,
            BigDecimal controlMean,
            BigDecimal incremental,
            @Nullable BigDecimal lower95,
            @Nullable BigDecimal upper95) {}

    public record Step(
            long stepId,
            int position,
            String name,
            String channel,
            Revenue attributed,
            @Nullable Incremental incremental) {}

    public record Result(
            long campaignId,
            AttributionModel model,
            int windowDays,
            Revenue attributed,
            @Nullable Incremental incremental,
            List<Step> steps) {}

    /** The window asked for, checked (1 to 365 days), or the default. */
    static int window(@Nullable Integer days, int fallback) {
        int window = days == null ? fallback : days;
        if (window < 1 || window > MAX_WINDOW_DAYS) {
            throw new InvalidInputException(FieldProblem.of("windowDays", "validation.between", 1, MAX_WINDOW_DAYS));
        }
        return window;
    }

    @Transactional(readOnly = true)
    public Result of(long campaignId, AttributionModel model, int windowDays) {
        campaigns.find(campaignId);
        Map<Long, Map<Long, Revenue>> revenue = attributed(List.of(campaignId), model, windowDays);
        Map<Long, Map<Long, Incremental>> incremental = incremental(List.of(campaignId), windowDays);
        Map<Long, Revenue> byStep = revenue.getOrDefault(campaignId, Map.of());
        Map<Long, Incremental> incrementalByStep = incremental.getOrDefault(campaignId, Map.of());
        List<Step> steps = jdbc.sql("""
                        select id, position, name, channel from campaign_step
                        where campaign_id = :campaign order by position""")
                .param("campaign", campaignId)
                .query((rs, row) -> new Step(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        byStep.getOrDefault(rs.getLong(1), Revenue.NONE),
                        incrementalByStep.get(rs.getLong(1))))
                .list();
        return new Result(
                campaignId,
                model,
                windowDays,
                byStep.getOrDefault(CAMPAIGN, Revenue.NONE),
                incrementalByStep.get(CAMPAIGN),
                steps);
    }

    /** The key of a campaign's own figures among its steps' (step ids are positive). */
    public static final long CAMPAIGN = 0;

    /** Attributed revenue per campaign, per step and (key {@link #CAMPAIGN}) in total. */
    public Map<Long, Map<Long, Revenue>> attributed(List<Long> campaignIds, AttributionModel model, int windowDays) {
        return attributed(campaignIds, List.of(model), windowDays).getOrDefault(model, new HashMap<>());
    }

    /**
     * The same for several models at once: the receipts are matched to the touches once ({@link ReceiptCredit}) and
     * each model's weights applied to the sums; then the coupon redemptions of the campaigns' steps, exactly, and the
     * won opportunities.
     */
    public Map<AttributionModel, Map<Long, Map<Long, Revenue>>> attributed(
            List<Long> campaignIds, List<AttributionModel> models, int windowDays) {
        Map<AttributionModel, Map<Long, Map<Long, Revenue>>> result = new java.util.EnumMap<>(AttributionModel.class);
        models.forEach(model -> result.put(model, new HashMap<>()));
        if (campaignIds.isEmpty()) {
            return result;
        }
        ReceiptCredit credit = credit(campaignIds, windowDays);
        java.util.Set<Long> asked = new java.util.HashSet<>(campaignIds);
        for (AttributionModel model : models) {
            for (ReceiptCredit.StepCredit step : credit.by(model)) {
                if (asked.contains(step.campaignId())) {
                    add(
                            result.get(model),
                            step.campaignId(),
                            step.stepId(),
                            new Revenue(
                                    step.receipts().setScale(2, RoundingMode.HALF_EVEN),
                                    step.receiptCount(),
                                    BigDecimal.ZERO,
                                    0,
                                    BigDecimal.ZERO));
                }
            }
        }
        jdbc.sql(COUPONS).param("campaigns", campaignIds).query(rs -> {
            Revenue coupons = new Revenue(
                    BigDecimal.ZERO, 0, rs.getBigDecimal("coupons"), rs.getLong("redemptions"), BigDecimal.ZERO);
            long campaign = rs.getLong("campaign_id");
            long step = rs.getLong("step_id");
            result.values().forEach(byCampaign -> add(byCampaign, campaign, step, coupons));
        });
        SalesOutcomes outcomes = sales.getIfAvailable();
        if (outcomes != null) {
            Map<Long, SalesOutcomes.Outcome> won = outcomes.of(campaignIds);
            result.values()
                    .forEach(byCampaign -> won.forEach((campaign, outcome) -> byCampaign
                            .computeIfAbsent(campaign, c -> new HashMap<>())
                            .merge(
                                    CAMPAIGN,
                                    new Revenue(BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, outcome.wonRevenue()),
                                    Revenue::plus)));
        }
        return result;
    }

    private ReceiptCredit credit(List<Long> campaignIds, int windowDays) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return ReceiptCredit.compute(connection, campaignIds, windowDays);
        } catch (SQLException e) {
            throw new IllegalStateException("attribution failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void add(Map<Long, Map<Long, Revenue>> result, long campaign, long step, Revenue revenue) {
        Map<Long, Revenue> steps = result.computeIfAbsent(campaign, c -> new HashMap<>());
        steps.merge(step, revenue, Revenue::plus);
        steps.merge(CAMPAIGN, revenue, Revenue::plus);
    }

    /** Incremental revenue per campaign (key {@link #CAMPAIGN}) and per step of the launched campaigns. */
    Map<Long, Map<Long, Incremental>> incremental(List<Long> campaignIds, int windowDays) {
        Map<Long, Map<Long, Incremental>> result = new HashMap<>();
        if (campaignIds.isEmpty()) {
            return result;
        }
        record Group(long n, double mean, double variance) {}
        Map<List<Long>, Group[]> groups = new HashMap<>();
        Map<List<Long>, Instant> anchors = new HashMap<>();
        jdbc.sql(INCREMENTAL)
                .param("campaigns", campaignIds)
                .param("window", windowDays)
                .query(rs -> {
                    List<Long> key = List.of(rs.getLong("campaign_id"), rs.getLong("step_id"));
                    anchors.put(key, rs.getTimestamp("from_at").toInstant());
                    groups.computeIfAbsent(key, k -> new Group[2])[rs.getBoolean("treated") ? 0 : 1] =
                            new Group(rs.getLong("n"), rs.getDouble("mean"), rs.getDouble("variance"));
                });
        groups.forEach((key, pair) -> {
            Group treated = pair[0] == null ? new Group(0, 0, 0) : pair[0];
            Group control = pair[1] == null ? new Group(0, 0, 0) : pair[1];
            MeanDifference d = new MeanDifference(
                    treated.n, treated.mean, treated.variance, control.n, control.mean, control.variance);
            Instant from = anchors.get(key);
            boolean estimable = d.estimable();
            result.computeIfAbsent(key.get(0), c -> new HashMap<>())
                    .put(
                            key.get(1),
                            new Incremental(
                                    from,
                                    from.plus(java.time.Duration.ofDays(windowDays)),
                                    treated.n,
                                    control.n,
                                    money(treated.mean),
                                    money(control.mean),
                                    money(control.n == 0 ? 0 : d.difference() * treated.n),
                                    estimable ? money(d.lower95() * treated.n) : null,
                                    estimable ? money(d.upper95() * treated.n) : null));
        });
        return result;
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The coupon redemptions of the campaigns' steps: each counts exactly for its campaign. */
    private static final String COUPONS = """
            select campaign_id, step_id, coalesce(sum(amount), 0) as coupons, count(*) as redemptions
            from campaign_response
            where campaign_id in (:campaigns) and kind = 'REDEEMED'
            group by campaign_id, step_id""";

    /**
     * Per step (anchored at its first send) and per campaign (step_id 0, anchored at the launch): the treated (sent)
     * and the control members (held out; for the campaign, never sent by any of its steps), each member's revenue
     * from SALE receipts in [anchor, anchor + window), and per group its count, mean and sample variance. Receipts
     * are cut to the anchors' overall span first and summed only for the members who have any (a unit is one member
     * of one step or campaign), the members without receipts counting 0; members are read through the steps.
     */
    private static final String INCREMENTAL = """
            with step_anchor as (
                select s.id as step_id, s.campaign_id, coalesce(min(m.sent_at), c.launched_at) as from_at
                from campaign_step s join campaign c on c.id = s.campaign_id
                left join campaign_member m on m.step_id = s.id and m.send_status = 'SENT'
                where s.campaign_id in (:campaigns) and c.launched_at is not null
                group by s.id, s.campaign_id, c.launched_at),
            unit as (
                select a.campaign_id, a.step_id, m.customer_id, m.send_status = 'SENT' as treated, a.from_at
                from step_anchor a join campaign_member m on m.step_id = a.step_id
                where m.send_status = 'SENT' or m.member_group = 'CONTROL'
                union all
                select g.campaign_id, 0, g.customer_id, g.treated, c.launched_at
                from (select s.campaign_id, m.customer_id,
                             coalesce(bool_or(m.send_status = 'SENT'), false) as treated,
                             bool_or(m.member_group = 'CONTROL') as control
                      from campaign_step s join campaign_member m on m.step_id = s.id
                      where s.campaign_id in (:campaigns)
                      group by s.campaign_id, m.customer_id) g
                join campaign c on c.id = g.campaign_id
                where c.launched_at is not null and (g.treated or g.control)),
            spend as (
                select u.campaign_id, u.step_id, u.customer_id, sum(s.total_amount) as revenue
                from unit u join sale s on s.customer_id = u.customer_id and s.kind = 'SALE'
                     and s.sold_at >= u.from_at and s.sold_at < u.from_at + make_interval(days => :window)
                where s.sold_at >= (select min(from_at) from unit)
                  and s.sold_at < (select max(from_at) from unit) + make_interval(days => :window)
                group by u.campaign_id, u.step_id, u.customer_id)
            select u.campaign_id, u.step_id, u.treated, min(u.from_at) as from_at, count(*) as n,
                   avg(coalesce(s.revenue, 0)) as mean, coalesce(var_samp(coalesce(s.revenue, 0)), 0) as variance
            from unit u left join spend s using (campaign_id, step_id, customer_id)
            group by u.campaign_id, u.step_id, u.treated""";
}
