package io.clientele.roi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign comparison and the period report read precomputed figures (table {@code campaign_figures}): each
 * launched campaign's {@link Performance.Figures} for every attribution model at the default window, computed by the
 * same live code and recomputed by {@link #refresh()} when the campaign's inputs changed (docs/roi.md, "Precomputed
 * figures"). A campaign not stored yet is computed live; another window than the default is computed live.
 */
@Service
public class ComparisonFigures {
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<Map<AttributionModel, Performance.Figures>> BY_MODEL = new TypeReference<>() {};
    /** Campaigns recomputed together: the receipts are joined to the touches once per chunk. */
    private static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final Performance performance;
    private final RoiProperties properties;
    private final ObjectProvider<SalesOutcomes> sales;
    private final Clock clock;

    ComparisonFigures(
            JdbcClient jdbc,
            Performance performance,
            RoiProperties properties,
            ObjectProvider<SalesOutcomes> sales,
            Clock clock) {
        this.jdbc = jdbc;
        this.performance = performance;
        this.properties = properties;
        this.sales = sales;
        this.clock = clock;
    }

    /**
     * The launched campaigns of the filter, newest first, as {@link Performance#compare} computes them: stored figures
     * where they are up to date, the others (missing, or marked stale) computed live.
     */
    @Transactional(readOnly = true)
    public List<Performance.Figures> compare(
            Performance.Filter filter, AttributionModel model, int windowDays, boolean withSegments) {
        if (windowDays != properties.attributionWindowDays()) {
            return performance.compare(filter, model, windowDays, withSegments);
        }
        List<Long> ids = performance.ids(filter);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Performance.Figures> stored = new HashMap<>();
        jdbc.sql("""
                        select campaign_id, figures -> :model from campaign_figures
                        where campaign_id in (:ids) and window_days = :window and settings = :settings
                          and not stale""")
                .param("model", model.name())
                .param("ids", ids)
                .param("window", windowDays)
                .param("settings", settings())
                .query(rs -> {
                    stored.put(rs.getLong(1), JSON.readValue(rs.getString(2), Performance.Figures.class));
                });
        List<Long> missing = ids.stream().filter(id -> !stored.containsKey(id)).toList();
        performance.figures(missing, model, windowDays, false).forEach(f -> stored.put(f.campaignId(), f));
        Map<Long, List<Performance.SegmentRate>> segments = withSegments ? performance.segments(ids) : Map.of();
        return ids.stream()
                .map(id -> withSegments
                        ? stored.get(id).withSegments(segments.getOrDefault(id, List.of()))
                        : stored.get(id))
                .toList();
    }

    /** When the stored figures were last brought up to date; null before the first refresh. */
    public @Nullable Instant refreshedAt() {
        return jdbc.sql("select sale_id > 0 or response_id > 0 or refreshed_at > 'epoch', refreshed_at"
                        + " from campaign_figures_watermark")
                .query((rs, row) -> rs.getBoolean(1) ? rs.getTimestamp(2).toInstant() : null)
                .single();
    }

    /**
     * Recomputes the stored figures of the campaigns whose inputs changed since the last refresh; one node at a time
     * (a row lock on the watermark), nothing changed when another refreshes. Answers how many were recomputed.
     */
    @Transactional
    public int refresh() {
        record Mark(long saleId, long responseId, Instant refreshedAt) {}
        Mark last = jdbc.sql("""
                        select sale_id, response_id, refreshed_at from campaign_figures_watermark
                        for update skip locked""")
                .query((rs, row) -> new Mark(
                        rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
                .optional()
                .orElse(null);
        if (last == null) {
            return 0;
        }
        Instant now = clock.instant();
        long saleId = jdbc.sql("select coalesce(max(id), 0) from sale")
                .query(Long.class)
                .single();
        long responseId = jdbc.sql("select coalesce(max(id), 0) from campaign_response")
                .query(Long.class)
                .single();
        SalesOutcomes outcomes = sales.getIfAvailable();
        Collection<Long> salesChanged = outcomes == null ? List.of() : outcomes.changedSince(last.refreshedAt());
        List<Long> dirty = jdbc.sql(DIRTY)
                .param("window", properties.attributionWindowDays())
                .param("settings", settings())
                .param("since", Timestamp.from(last.refreshedAt()))
                .param("now", Timestamp.from(now))
                .param("saleFrom", last.saleId())
                .param("saleTo", saleId)
                .param("responseFrom", last.responseId())
                .param("responseTo", responseId)
                .param("salesChanged", salesChanged.isEmpty() ? List.of(-1L) : salesChanged)
                .query(Long.class)
                .list();
        for (int from = 0; from < dirty.size(); from += CHUNK) {
            store(dirty.subList(from, Math.min(dirty.size(), from + CHUNK)), now);
        }
        jdbc.sql("""
                        update campaign_figures_watermark
                        set sale_id = :sale, response_id = :response, refreshed_at = :now""")
                .param("sale", saleId)
                .param("response", responseId)
                .param("now", Timestamp.from(now))
                .update();
        return dirty.size();
    }

    private void store(List<Long> ids, Instant now) {
        int window = properties.attributionWindowDays();
        Map<Long, Map<AttributionModel, Performance.Figures>> byCampaign = new HashMap<>();
        performance
                .figures(ids, List.of(AttributionModel.values()), window, false)
                .forEach((model, figures) -> figures.forEach(f -> byCampaign
                        .computeIfAbsent(f.campaignId(), id -> new java.util.EnumMap<>(AttributionModel.class))
                        .put(model, f)));
        byCampaign.forEach((id, figures) -> jdbc.sql("""
                            insert into campaign_figures (campaign_id, window_days, settings, computed_at, stale, figures)
                            values (:id, :window, :settings, :now, false, cast(:figures as jsonb))
                            on conflict (campaign_id) do update
                            set window_days = excluded.window_days, settings = excluded.settings,
                                computed_at = excluded.computed_at, stale = false, figures = excluded.figures""")
                .param("id", id)
                .param("window", window)
                .param("settings", settings())
                .param("now", Timestamp.from(now))
                .param("figures", JSON.writeValueAsString(figures))
                .update());
    }

    /** The settings the figures depend on beyond the data: the contact cost per channel. */
    private String settings() {
        return properties.contactCost().toString();
    }

    /** Marks the campaigns' stored figures out of date: roi's own writes (costs, the close, allocations) call it. */
    static void markStale(JdbcClient jdbc, Collection<Long> campaignIds) {
        if (!campaignIds.isEmpty()) {
            jdbc.sql("update campaign_figures set stale = true where campaign_id in (:ids)")
                    .param("ids", campaignIds)
                    .update();
        }
    }

    /**
     * The launched campaigns whose stored figures are missing or out of date: marked stale, computed with another
     * window or contact costs, the campaign changed (launch, end, status) or a step is sending or finished sending
     * since, new responses to it, leads or opportunities of it changed, or new receipts fall into its span — from its
     * launch to its last send plus the window, where all its attributed and incremental revenue lies (the new
     * receipts reduced to their earliest and latest sale time: a superset, read off the primary key).
     */
    private static final String DIRTY = """
            with new_sales as (
                select min(sold_at) as first_sold, max(sold_at) as last_sold from sale
                where id > :saleFrom and id <= :saleTo),
            responded as (
                select distinct campaign_id from campaign_response where id > :responseFrom and id <= :responseTo)
            select c.id from campaign c
            left join campaign_figures f on f.campaign_id = c.id
            cross join new_sales n
            where c.launched_at is not null
              and (f.campaign_id is null or f.stale or f.window_days <> :window or f.settings <> :settings
                   or c.updated_at > :since
                   or c.id in (select campaign_id from responded)
                   or c.id in (:salesChanged)
                   or exists (select 1 from campaign_step s where s.campaign_id = c.id
                              and (s.status = 'SENDING' or s.sent_at > :since))
                   or (n.first_sold is not null and n.last_sold >= c.launched_at
                       and n.first_sold < coalesce((select max(s.sent_at) from campaign_step s
                                                    where s.campaign_id = c.id), :now)
                                          + make_interval(days => :window)))
            order by c.id""";
}
