package io.clientele.campaign.response;

import io.clientele.analytics.significance.TwoProportions;
import io.clientele.campaign.Campaign;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ExclusionReason;
import io.clientele.campaign.StepChannel;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's results: the funnel per step, per channel and in total (targeted, excluded by reason, sent,
 * delivered, opened, clicked, responded, redeemed, revenue), the treated against the control group, and the contact
 * cost against the budget; for a step inviting to an event, its members who registered and came, against the control
 * group's who did so uninvited. Every count of customers is of distinct customers; a channel's or the total's row counts
 * a customer reached by two steps once.
 */
@Service
public class CampaignResults {
    /** Below this many customers in a group, or five buyers or non-buyers, the z-test's normal approximation fails. */
    static final int MIN_GROUP = 30;

    static final double SIGNIFICANCE = 0.05;

    /**
     * One row of the funnel. {@code delivered}: email sent less bounced, SMS with a delivery receipt, other channels
     * as sent. {@code opened} counts who opened or clicked (a click proves an open the blocked pixel missed).
     * {@code responded}: opened, clicked, a call outcome or a redemption. {@code contacts}: messages sent (a customer
     * reached by two steps counts twice), what the cost is of. {@code eventId}: the event a step invites to;
     * {@code registered} and {@code attended} count its sent members who registered for and came to it,
     * {@code controlRegistered} and {@code controlAttended} its control members who did so uninvited.
     */
    public record Row(
            @Nullable Long stepId,
            @Nullable Integer position,
            @Nullable String name,
            @Nullable StepChannel channel,
            long targeted,
            long control,
            long excluded,
            Map<ExclusionReason, Long> excludedBy,
            long sent,
            long contacts,
            long delivered,
            long bounced,
            long opened,
            long clicked,
            long unsubscribed,
            long responded,
            long redeemed,
            long redemptions,
            BigDecimal revenue,
            BigDecimal cost,
            @Nullable Long eventId,
            long registered,
            long attended,
            long controlRegistered,
            long controlAttended) {
        /** Responded as a share of sent; null before anything was sent. */
        public @Nullable Double responseRate() {
            return sent == 0 ? null : (double) responded / sent;
        }
    }

    /** A group's customers and how many of them bought in the window. */
    public record Group(long customers, long bought) {
        public @Nullable Double rate() {
            return customers == 0 ? null : (double) bought / customers;
        }
    }

    public enum Verdict {
        SIGNIFICANT,
        NOT_SIGNIFICANT,
        /** Too few customers (or buyers) in a group to tell. */
        TOO_FEW
    }

    /**
     * The treated (sent at least once) against the control group (held out, never sent), by the same measure: the
     * share who bought (a sale receipt) from the launch to now or the campaign's end. {@code uplift} is the
     * difference of the two shares, with its 95 % interval; {@code pValue} the two-sided p of a two-proportion z-test.
     */
    public record Comparison(
            Instant from,
            Instant to,
            Group treated,
            Group control,
            long treatedRedeemed,
            @Nullable Double uplift,
            @Nullable Double z,
            @Nullable Double pValue,
            @Nullable Double upliftLower95,
            @Nullable Double upliftUpper95,
            Verdict verdict) {}

    /** Contact cost (messages sent × the step's unit cost) per channel, against the plan's budget. */
    public record Cost(
            Map<StepChannel, BigDecimal> contactCost,
            BigDecimal contactTotal,
            BigDecimal budgetTotal,
            @Nullable Double shareOfBudget) {}

    public record Results(
            long campaignId,
            String name,
            @Nullable BigDecimal targetResponseRate,
            List<Row> steps,
            List<Row> channels,
            Row total,
            @Nullable Comparison comparison,
            Cost cost) {
        /** The steps that invite to an event, in their order. */
        public List<Row> invitations() {
            return steps.stream().filter(r -> r.eventId() != null).toList();
        }
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final Clock clock;

    CampaignResults(JdbcClient jdbc, Campaigns campaigns, Clock clock) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Results of(long campaignId) {
        Campaign campaign = campaigns.find(campaignId);
        List<Row> steps = new ArrayList<>();
        List<Row> channels = new ArrayList<>();
        Row[] total = new Row[1];
        jdbc.sql(FUNNEL).param("campaign", campaignId).query((ResultSet rs) -> {
            Row row = row(rs);
            switch (rs.getInt("level")) {
                case 0 -> steps.add(row);
                case 2 -> channels.add(row);
                default -> total[0] = row;
            }
        });
        steps.sort(java.util.Comparator.comparing(Row::position));
        channels.sort(java.util.Comparator.comparing(Row::channel));
        Row sum = total[0] != null ? total[0] : empty();
        Map<StepChannel, BigDecimal> contactCost = new EnumMap<>(StepChannel.class);
        channels.forEach(c -> contactCost.put(c.channel(), c.cost()));
        BigDecimal budget = campaign.plan().totalBudget();
        Cost cost = new Cost(
                contactCost,
                sum.cost(),
                budget,
                budget.signum() == 0 ? null : sum.cost().doubleValue() / budget.doubleValue());
        return new Results(
                campaignId,
                campaign.plan().name(),
                campaign.plan().targetResponseRate(),
                steps,
                channels,
                sum,
                comparison(campaign),
                cost);
    }

    private @Nullable Comparison comparison(Campaign campaign) {
        Instant launched = jdbc.sql("select launched_at from campaign where id = :id")
                .param("id", campaign.id())
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(null);
        if (launched == null) {
            return null;
        }
        Instant to = clock.instant();
        if (campaign.plan().endsOn() != null) {
            Instant end = campaign.plan()
                    .endsOn()
                    .plusDays(1)
                    .atStartOfDay(clock.getZone())
                    .toInstant();
            if (end.isBefore(to)) {
                to = end;
            }
        }
        Map<String, Object> groups = jdbc.sql("""
                        with g as (
                            select customer_id, coalesce(bool_or(send_status = 'SENT'), false) as treated,
                                   bool_or(member_group = 'CONTROL') as control
                            from campaign_member
                            where step_id in (select id from campaign_step where campaign_id = :campaign)
                            group by customer_id),
                        b as (
                            select g.*, exists (select 1 from sale s where s.customer_id = g.customer_id
                                                and s.kind = 'SALE' and s.sold_at >= :from and s.sold_at < :to)
                                        as bought,
                                   exists (select 1 from campaign_response r where r.customer_id = g.customer_id
                                           and r.campaign_id = :campaign and r.kind = 'REDEEMED') as redeemed
                            from g where g.treated or g.control)
                        select count(*) filter (where treated) as treated,
                               count(*) filter (where treated and bought) as treated_bought,
                               count(*) filter (where treated and redeemed) as treated_redeemed,
                               count(*) filter (where control and not treated) as control,
                               count(*) filter (where control and not treated and bought) as control_bought
                        from b""")
                .param("campaign", campaign.id())
                .param("from", Timestamp.from(launched))
                .param("to", Timestamp.from(to))
                .query()
                .singleRow();
        Group treated = new Group(number(groups, "treated"), number(groups, "treated_bought"));
        Group control = new Group(number(groups, "control"), number(groups, "control_bought"));
        Test test = test(treated, control);
        return new Comparison(
                launched,
                to,
                treated,
                control,
                number(groups, "treated_redeemed"),
                test.uplift,
                test.z,
                test.p,
                test.lower95,
                test.upper95,
                test.verdict);
    }

    record Test(
            @Nullable Double uplift,
            @Nullable Double z,
            @Nullable Double p,
            @Nullable Double lower95,
            @Nullable Double upper95,
            Verdict verdict) {}

    /**
     * The two-proportion z-test with the pooled share and the difference's 95 % interval ({@link TwoProportions});
     * too few customers or buyers: no verdict either way.
     */
    static Test test(Group treated, Group control) {
        if (treated.customers() == 0 || control.customers() == 0) {
            return new Test(null, null, null, null, null, Verdict.TOO_FEW);
        }
        TwoProportions test =
                new TwoProportions(control.bought(), control.customers(), treated.bought(), treated.customers());
        long bought = treated.bought() + control.bought();
        long customers = treated.customers() + control.customers();
        boolean varies = bought > 0 && bought < customers;
        boolean enough = treated.customers() >= MIN_GROUP
                && control.customers() >= MIN_GROUP
                && Math.min(bought, customers - bought) >= 5;
        Double p = varies ? test.pValue() : null;
        Verdict verdict = !enough || p == null
                ? Verdict.TOO_FEW
                : p < SIGNIFICANCE ? Verdict.SIGNIFICANT : Verdict.NOT_SIGNIFICANT;
        return new Test(test.difference(), varies ? test.z() : null, p, test.lower95(), test.upper95(), verdict);
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static Row empty() {
        return new Row(
                null,
                null,
                null,
                null,
                0,
                0,
                0,
                excludedBy(Map.of()),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                BigDecimal.ZERO,
                BigDecimal.ZERO,
                null,
                0,
                0,
                0,
                0);
    }

    private static Map<ExclusionReason, Long> excludedBy(Map<ExclusionReason, Long> counts) {
        Map<ExclusionReason, Long> all = new LinkedHashMap<>();
        for (ExclusionReason reason : ExclusionReason.values()) {
            all.put(reason, counts.getOrDefault(reason, 0L));
        }
        return all;
    }

    private static Row row(ResultSet rs) throws SQLException {
        Map<ExclusionReason, Long> excluded = new LinkedHashMap<>();
        for (ExclusionReason reason : ExclusionReason.values()) {
            excluded.put(reason, rs.getLong("x_" + reason.name().toLowerCase(java.util.Locale.ROOT)));
        }
        String channel = rs.getString("channel");
        return new Row(
                rs.getObject("step_id", Long.class),
                rs.getObject("position", Integer.class),
                rs.getString("name"),
                channel == null ? null : StepChannel.valueOf(channel),
                rs.getLong("targeted"),
                rs.getLong("control"),
                rs.getLong("excluded"),
                excluded,
                rs.getLong("sent"),
                rs.getLong("contacts"),
                rs.getLong("delivered"),
                rs.getLong("bounced"),
                rs.getLong("opened"),
                rs.getLong("clicked"),
                rs.getLong("unsubscribed"),
                rs.getLong("responded"),
                rs.getLong("redeemed"),
                rs.getLong("redemptions"),
                rs.getBigDecimal("revenue"),
                rs.getBigDecimal("cost"),
                rs.getObject("event_id", Long.class),
                rs.getLong("registered"),
                rs.getLong("attended"),
                rs.getLong("control_registered"),
                rs.getLong("control_attended"));
    }

    /**
     * Each member row with its responses folded to flags, counted per step, per channel and in total in one pass
     * ({@code level}: 0 a step, 2 a channel, 3 the total).
     */
    private static final String FUNNEL = """
            with r as (
                select step_id, customer_id,
                       bool_or(kind in ('OPENED', 'CLICKED')) as opened,
                       bool_or(kind = 'CLICKED') as clicked,
                       bool_or(kind = 'BOUNCED') as bounced,
                       bool_or(kind = 'DELIVERED') as delivered,
                       bool_or(kind = 'UNSUBSCRIBED') as unsubscribed,
                       bool_or(kind in (%s)) as responded,
                       bool_or(kind = 'REGISTERED') as registered,
                       bool_or(kind = 'ATTENDED') as attended,
                       count(*) filter (where kind = 'REDEEMED') as redemptions,
                       coalesce(sum(amount) filter (where kind = 'REDEEMED'), 0) as revenue
                from campaign_response where campaign_id = :campaign
                group by step_id, customer_id)
            select grouping(s.id, s.channel) as level, s.id as step_id, s.position, s.name, s.channel, s.event_id,
                   count(distinct m.customer_id) as targeted,
                   count(distinct m.customer_id) filter (where m.member_group = 'CONTROL') as control,
                   count(distinct m.customer_id) filter (where m.member_group = 'EXCLUDED') as excluded,
                   count(distinct m.customer_id) filter (where m.reason = 'EXCLUDED_SEGMENT') as x_excluded_segment,
                   count(distinct m.customer_id) filter (where m.reason = 'NO_ADDRESS') as x_no_address,
                   count(distinct m.customer_id) filter (where m.reason = 'NO_CONSENT') as x_no_consent,
                   count(distinct m.customer_id) filter (where m.reason = 'SUPPRESSED') as x_suppressed,
                   count(distinct m.customer_id) filter (where m.reason = 'CONTACT_PRESSURE') as x_contact_pressure,
                   count(distinct m.customer_id) filter (where m.send_status = 'SENT') as sent,
                   count(*) filter (where m.send_status = 'SENT') as contacts,
                   count(distinct m.customer_id) filter (where m.send_status = 'SENT' and case s.channel
                       when 'EMAIL' then not coalesce(r.bounced, false)
                       when 'SMS' then coalesce(r.delivered, false)
                       else true end) as delivered,
                   count(distinct m.customer_id) filter (where r.bounced) as bounced,
                   count(distinct m.customer_id) filter (where r.opened) as opened,
                   count(distinct m.customer_id) filter (where r.clicked) as clicked,
                   count(distinct m.customer_id) filter (where r.unsubscribed) as unsubscribed,
                   count(distinct m.customer_id) filter (where r.responded) as responded,
                   count(distinct m.customer_id) filter (where r.redemptions > 0) as redeemed,
                   coalesce(sum(r.redemptions), 0) as redemptions,
                   coalesce(sum(r.revenue), 0) as revenue,
                   coalesce(sum(s.unit_cost) filter (where m.send_status = 'SENT'), 0) as cost,
                   count(distinct m.customer_id) filter (where r.registered and m.member_group = 'TREATED')
                       as registered,
                   count(distinct m.customer_id) filter (where r.attended and m.member_group = 'TREATED') as attended,
                   count(distinct m.customer_id) filter (where r.registered and m.member_group = 'CONTROL')
                       as control_registered,
                   count(distinct m.customer_id) filter (where r.attended and m.member_group = 'CONTROL')
                       as control_attended
            from campaign_step s
            left join campaign_member m on m.step_id = s.id
            left join r on r.step_id = m.step_id and r.customer_id = m.customer_id
            where s.campaign_id = :campaign
            group by grouping sets ((s.id, s.position, s.name, s.channel, s.event_id), (s.channel), ())""".formatted(io.clientele.campaign.ResponseKind.RESPONDED_SQL);
}
