package io.clientele.roi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ResponseKind;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each campaign's funnel (targeted → reached → responded → leads → opportunities → won → revenue), its direct,
 * allocated and total cost, and its ROI on attributed and on incremental revenue; for one campaign, and for the
 * campaigns of a period side by side. A campaign's cost is summed once per campaign, before anything is joined to
 * it, however many responses or wins it has.
 */
@Service
public class Performance {
    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final CampaignCosts costs;
    private final PeriodCosts periodCosts;
    private final Attribution attribution;
    private final ObjectProvider<SalesOutcomes> sales;
    private final ScoreRuns scoreRuns;

    Performance(
            JdbcClient jdbc,
            Campaigns campaigns,
            CampaignCosts costs,
            PeriodCosts periodCosts,
            Attribution attribution,
            ObjectProvider<SalesOutcomes> sales,
            ScoreRuns scoreRuns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.costs = costs;
        this.periodCosts = periodCosts;
        this.attribution = attribution;
        this.sales = sales;
        this.scoreRuns = scoreRuns;
    }

    /** A channel's reach and response, against the campaign's target response rate. */
    public record ChannelRate(String channel, long reached, long responded) {
        @JsonProperty
        public @Nullable Double rate() {
            return reached == 0 ? null : (double) responded / reached;
        }
    }

    /**
     * The reached customers of one segment and those of them who responded to any step of the campaign. {@code kind}
     * GRADE (value grade A–D) or RFM (RFM segment), by the latest scoring run; {@code key} NONE for the customers it
     * did not grade (never bought, or scored after no run).
     */
    public record SegmentRate(String kind, String key, long reached, long responded) {
        static final String GRADE = "GRADE";

        @JsonProperty
        public @Nullable Double rate() {
            return reached == 0 ? null : (double) responded / reached;
        }
    }

    /**
     * The figures of one campaign; leads, opportunities and won are null until sales provides them. {@code segments}
     * (response rate per value grade and per RFM segment) is empty on the comparison page, which does not show it.
     */
    public record Figures(
            long campaignId,
            String name,
            String purpose,
            String status,
            @Nullable LocalDate startsOn,
            @Nullable LocalDate endsOn,
            boolean closed,
            long targeted,
            long reached,
            long responded,
            @Nullable Long leads,
            @Nullable Long opportunities,
            @Nullable Long won,
            BigDecimal attributedRevenue,
            @Nullable BigDecimal incrementalRevenue,
            BigDecimal directCost,
            BigDecimal allocatedCost,
            @Nullable BigDecimal targetResponseRate,
            List<ChannelRate> channels,
            List<SegmentRate> segments) {
        @JsonProperty
        public BigDecimal totalCost() {
            return directCost.add(allocatedCost);
        }

        /** (attributed revenue − total cost) / total cost; null without cost. */
        @JsonProperty
        public @Nullable BigDecimal roi() {
            return ratio(attributedRevenue);
        }

        /** (incremental revenue − total cost) / total cost; null without cost or a control group. */
        @JsonProperty
        public @Nullable BigDecimal incrementalRoi() {
            return incrementalRevenue == null ? null : ratio(incrementalRevenue);
        }

        @JsonProperty
        public @Nullable BigDecimal costPerResponse() {
            return responded == 0 ? null : totalCost().divide(BigDecimal.valueOf(responded), 2, RoundingMode.HALF_EVEN);
        }

        @JsonProperty
        public @Nullable Double responseRate() {
            return reached == 0 ? null : (double) responded / reached;
        }

        Figures withSegments(List<SegmentRate> rates) {
            return new Figures(
                    campaignId,
                    name,
                    purpose,
                    status,
                    startsOn,
                    endsOn,
                    closed,
                    targeted,
                    reached,
                    responded,
                    leads,
                    opportunities,
                    won,
                    attributedRevenue,
                    incrementalRevenue,
                    directCost,
                    allocatedCost,
                    targetResponseRate,
                    channels,
                    rates);
        }

        /** The response rate of a value grade (A–D, or NONE), or null when it reached nobody of it. */
        public @Nullable Double gradeRate(String grade) {
            return segments.stream()
                    .filter(r -> r.kind().equals(SegmentRate.GRADE) && r.key().equals(grade))
                    .findFirst()
                    .map(SegmentRate::rate)
                    .orElse(null);
        }

        private @Nullable BigDecimal ratio(BigDecimal revenue) {
            BigDecimal cost = totalCost();
            return cost.signum() == 0 ? null : revenue.subtract(cost).divide(cost, 4, RoundingMode.HALF_EVEN);
        }
    }

    /** Which campaigns to compare: those whose dates overlap [from, to] (either open), of a purpose. */
    public record Filter(
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            @Nullable String purpose) {}

    @Transactional(readOnly = true)
    public Figures of(long campaignId, AttributionModel model, int windowDays) {
        campaigns.find(campaignId);
        return figures(List.of(campaignId), model, windowDays, true).getFirst();
    }

    /**
     * The launched campaigns of the filter, newest first (at most {@value #MAX_COMPARED}), computed live; with their
     * response rates per segment when asked. The pages and the API read {@link ComparisonFigures} instead, which
     * keeps these figures precomputed.
     */
    @Transactional(readOnly = true)
    public List<Figures> compare(Filter filter, AttributionModel model, int windowDays, boolean withSegments) {
        return figures(ids(filter), model, windowDays, withSegments);
    }

    static final int MAX_COMPARED = 1000;

    /** The ids of the launched campaigns of the filter, newest first. */
    List<Long> ids(Filter filter) {
        return jdbc.sql("""
                        select id from campaign
                        where launched_at is not null
                          and (cast(:from as date) is null or coalesce(ends_on, :from) >= :from)
                          and (cast(:to as date) is null or coalesce(starts_on, launched_at::date) <= :to)
                          and (cast(:purpose as text) is null or purpose = :purpose)
                        order by launched_at desc, id desc limit :limit""")
                .param("from", filter.from())
                .param("to", filter.to())
                .param("purpose", filter.purpose())
                .param("limit", MAX_COMPARED)
                .query(Long.class)
                .list();
    }

    /** The period report as CSV for spreadsheets (formulas neutralised), one row per campaign. */
    public void csv(List<Figures> rows, Writer out) throws IOException {
        io.clientele.platform.csv.CsvWriter csv = new io.clientele.platform.csv.CsvWriter(
                out, io.clientele.platform.csv.CsvWriteOptions.forSpreadsheets());
        csv.writeRow(
                "campaign_id",
                "name",
                "purpose",
                "status",
                "starts_on",
                "ends_on",
                "targeted",
                "reached",
                "responded",
                "attributed_revenue",
                "incremental_revenue",
                "direct_cost",
                "allocated_cost",
                "total_cost",
                "roi",
                "incremental_roi",
                "cost_per_response",
                "response_rate",
                "target_response_rate",
                "response_rate_grade_a",
                "response_rate_grade_b",
                "response_rate_grade_c",
                "response_rate_grade_d",
                "response_rate_not_graded");
        for (Figures f : rows) {
            csv.writeRow(
                    Long.toString(f.campaignId()),
                    f.name(),
                    f.purpose(),
                    f.status(),
                    text(f.startsOn()),
                    text(f.endsOn()),
                    Long.toString(f.targeted()),
                    Long.toString(f.reached()),
                    Long.toString(f.responded()),
                    f.attributedRevenue().toPlainString(),
                    text(f.incrementalRevenue()),
                    f.directCost().toPlainString(),
                    f.allocatedCost().toPlainString(),
                    f.totalCost().toPlainString(),
                    text(f.roi()),
                    text(f.incrementalRoi()),
                    text(f.costPerResponse()),
                    text(f.responseRate()),
                    text(f.targetResponseRate()),
                    text(f.gradeRate("A")),
                    text(f.gradeRate("B")),
                    text(f.gradeRate("C")),
                    text(f.gradeRate("D")),
                    text(f.gradeRate(NONE)));
        }
        csv.flush();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    List<Figures> figures(List<Long> ids, AttributionModel model, int windowDays, boolean withSegments) {
        return figures(ids, List.of(model), windowDays, withSegments).get(model);
    }

    /** The campaigns' figures for each model: everything but the attributed revenue is computed once. */
    Map<AttributionModel, List<Figures>> figures(
            List<Long> ids, List<AttributionModel> models, int windowDays, boolean withSegments) {
        Map<AttributionModel, List<Figures>> result = new java.util.EnumMap<>(AttributionModel.class);
        if (ids.isEmpty()) {
            models.forEach(model -> result.put(model, List.of()));
            return result;
        }
        Map<Long, List<SegmentRate>> segments = withSegments ? segments(ids) : Map.of();
        Map<Long, BigDecimal> contact = costs.contactCosts(ids);
        Map<Long, BigDecimal> booked = costs.bookedCosts(ids);
        Map<Long, BigDecimal> allocated = periodCosts.allocated(ids);
        Map<AttributionModel, Map<Long, Map<Long, Attribution.Revenue>>> revenue =
                attribution.attributed(ids, models, windowDays);
        Map<Long, Map<Long, Attribution.Incremental>> incremental = attribution.incremental(ids, windowDays);
        SalesOutcomes outcomes = sales.getIfAvailable();
        Map<Long, SalesOutcomes.Outcome> won = outcomes == null ? Map.of() : outcomes.of(ids);
        Map<Long, List<ChannelRate>> channels = new HashMap<>();
        jdbc.sql(CHANNELS).param("campaigns", ids).query(rs -> {
            channels.computeIfAbsent(rs.getLong("campaign_id"), c -> new java.util.ArrayList<>())
                    .add(new ChannelRate(rs.getString("channel"), rs.getLong("reached"), rs.getLong("responded")));
        });
        Map<AttributionModel, Map<Long, Figures>> byModel = new java.util.EnumMap<>(AttributionModel.class);
        jdbc.sql(FUNNEL).param("campaigns", ids).query(rs -> {
            long id = rs.getLong("id");
            SalesOutcomes.Outcome outcome = won.get(id);
            Attribution.Incremental inc = incremental.getOrDefault(id, Map.of()).get(Attribution.CAMPAIGN);
            for (AttributionModel model : models) {
                byModel.computeIfAbsent(model, m -> new HashMap<>())
                        .put(
                                id,
                                new Figures(
                                        id,
                                        rs.getString("name"),
                                        rs.getString("purpose"),
                                        rs.getString("status"),
                                        rs.getObject("starts_on", LocalDate.class),
                                        rs.getObject("ends_on", LocalDate.class),
                                        rs.getBoolean("closed"),
                                        rs.getLong("targeted"),
                                        rs.getLong("reached"),
                                        rs.getLong("responded"),
                                        outcomes == null ? null : outcome == null ? 0L : outcome.leads(),
                                        outcomes == null ? null : outcome == null ? 0L : outcome.opportunities(),
                                        outcomes == null ? null : outcome == null ? 0L : outcome.won(),
                                        revenue.get(model)
                                                .getOrDefault(id, Map.of())
                                                .getOrDefault(Attribution.CAMPAIGN, Attribution.Revenue.NONE)
                                                .total(),
                                        inc == null || inc.control() == 0 ? null : inc.incremental(),
                                        contact.getOrDefault(id, BigDecimal.ZERO)
                                                .add(booked.getOrDefault(id, BigDecimal.ZERO)),
                                        allocated.getOrDefault(id, BigDecimal.ZERO),
                                        rs.getBigDecimal("target_response_rate"),
                                        channels.getOrDefault(id, List.of()),
                                        segments.getOrDefault(id, List.of())));
            }
        });
        models.forEach(model -> result.put(
                model,
                ids.stream().map(byModel.getOrDefault(model, Map.of())::get).toList()));
        return result;
    }

    /** The key of the customers the latest scoring run did not grade. */
    static final String NONE = "NONE";

    /** Reached and responded per value grade and per RFM segment of the latest scoring run. */
    Map<Long, List<SegmentRate>> segments(List<Long> ids) {
        Long run = scoreRuns.latestCompleted().map(ScoreRun::id).orElse(null);
        Map<Long, List<SegmentRate>> rates = new HashMap<>();
        jdbc.sql(SEGMENTS).param("campaigns", ids).param("run", run).query(rs -> {
            rates.computeIfAbsent(rs.getLong("campaign_id"), c -> new java.util.ArrayList<>())
                    .add(new SegmentRate(
                            rs.getString("kind"), rs.getString("key"), rs.getLong("reached"), rs.getLong("responded")));
        });
        return rates;
    }

    /**
     * Distinct customers per campaign: targeted (treated or control), reached (sent), responded. Members and responses
     * are read once through the campaigns' steps (their indexes lead with the step) and grouped, not counted per
     * campaign: campaign_member has no index on campaign_id, so a count per campaign scanned every member each time.
     */
    private static final String FUNNEL = """
            with reach as (
                select s.campaign_id,
                       count(distinct m.customer_id) filter (where m.member_group <> 'EXCLUDED') as targeted,
                       count(distinct m.customer_id) filter (where m.send_status = 'SENT') as reached
                from campaign_step s join campaign_member m on m.step_id = s.id
                where s.campaign_id in (:campaigns)
                group by s.campaign_id),
            response as (
                select s.campaign_id, count(distinct r.customer_id) as responded
                from campaign_step s join campaign_response r on r.step_id = s.id
                where s.campaign_id in (:campaigns) and r.kind in (%1$s)
                group by s.campaign_id)
            select c.id, c.name, c.purpose, c.status, c.starts_on, c.ends_on, c.target_response_rate,
                   exists (select 1 from campaign_close x where x.campaign_id = c.id) as closed,
                   coalesce(reach.targeted, 0) as targeted, coalesce(reach.reached, 0) as reached,
                   coalesce(response.responded, 0) as responded
            from campaign c left join reach on reach.campaign_id = c.id
            left join response on response.campaign_id = c.id
            where c.id in (:campaigns)""".formatted(ResponseKind.RESPONDED_SQL);

    /**
     * Per campaign: its reached customers (sent by any step) grouped once by value grade and once by RFM segment of
     * the scoring run, and how many of them responded to any of its steps.
     */
    private static final String SEGMENTS = """
            with reached as (
                select distinct s.campaign_id, m.customer_id
                from campaign_step s join campaign_member m on m.step_id = s.id
                where s.campaign_id in (:campaigns) and m.send_status = 'SENT'),
            responder as (
                select distinct s.campaign_id, r.customer_id
                from campaign_step s join campaign_response r on r.step_id = s.id
                where s.campaign_id in (:campaigns) and r.kind in (%1$s))
            select x.campaign_id,
                   case when grouping(sc.grade) = 0 then 'GRADE' else 'RFM' end as kind,
                   coalesce(case when grouping(sc.grade) = 0 then sc.grade else sc.rfm_segment end, 'NONE') as key,
                   count(*) as reached, count(r.customer_id) as responded
            from reached x
            left join customer_score sc on sc.run_id = cast(:run as bigint) and sc.customer_id = x.customer_id
            left join responder r on r.campaign_id = x.campaign_id and r.customer_id = x.customer_id
            group by grouping sets ((x.campaign_id, sc.grade), (x.campaign_id, sc.rfm_segment))
            order by 1, 2, 3""".formatted(ResponseKind.RESPONDED_SQL);

    /**
     * Per campaign and channel: members reached and those of them who responded to that channel's step (the responders
     * joined once, not looked up per member).
     */
    private static final String CHANNELS = """
            with responder as (
                select distinct r.step_id, r.customer_id
                from campaign_step s join campaign_response r on r.step_id = s.id
                where s.campaign_id in (:campaigns) and r.kind in (%1$s))
            select s.campaign_id, s.channel, count(distinct m.customer_id) as reached,
                   count(distinct r.customer_id) as responded
            from campaign_step s join campaign_member m on m.step_id = s.id and m.send_status = 'SENT'
            left join responder r on r.step_id = m.step_id and r.customer_id = m.customer_id
            where s.campaign_id in (:campaigns)
            group by s.campaign_id, s.channel order by s.campaign_id, s.channel""".formatted(ResponseKind.RESPONDED_SQL);
}
