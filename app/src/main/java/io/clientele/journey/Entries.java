package io.clientele.journey;

import io.clientele.campaign.CampaignKind;
import io.clientele.campaign.CampaignStarted;
import io.clientele.journey.JourneyGraph.*;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentPredicate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers entering a journey: one position at the entry node (and its path row) per customer and entry, in one
 * statement per evaluation. At launch, in the launch's transaction, a segment's customers as of then; while the
 * journey runs (the ticker's entry evaluation, every few minutes), those newly in the segment, those who bought the
 * product since the launch, those whose birthday it is, those who answered a survey or sent a public form since —
 * each subject to the re-entry rule.
 */
@Component
class Entries {
    /** Entrants at once after which the positions' statistics are renewed in the entry's transaction. */
    private static final int MANY = 10_000;

    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd");
    private final JdbcClient jdbc;
    private final SavedSegments segments;
    private final Journeys journeys;
    private final Clock clock;

    Entries(JdbcClient jdbc, SavedSegments segments, Journeys journeys, Clock clock) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.journeys = journeys;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void launched(CampaignStarted event) {
        if (event.kind() != CampaignKind.JOURNEY) {
            return;
        }
        journeys.launched(journeys.get(event.campaignId()).campaign(), event.launchedAt());
        int version = journeys.entryVersion(event.campaignId());
        entry(journeys.graph(event.campaignId(), version))
                .filter(n -> n.config() instanceof Entry e
                        && (e.rule() instanceof SegmentAtLaunch || e.rule() instanceof SegmentNewlyMatching))
                .ifPresent(n -> enter(event.campaignId(), version, n, event.launchedAt()));
    }

    /**
     * The continuous entry of a running journey (a segment, a purchase, a birthday, a survey answer, a form sent), by its latest
     * approved version; answers how many entered.
     */
    @Transactional
    int enterContinuously(long journeyId, Instant now) {
        int version = journeys.entryVersion(journeyId);
        return entry(journeys.graph(journeyId, version))
                .filter(n -> n.config() instanceof Entry e && !(e.rule() instanceof SegmentAtLaunch))
                .map(n -> enter(journeyId, version, n, now))
                .orElse(0);
    }

    private static Optional<Node> entry(JourneyGraph graph) {
        return graph.nodes().stream().filter(n -> n.kind() == Kind.ENTRY).findFirst();
    }

    /** Who the rule lets in: a query of customer ids ({@code id}), its parameters, and the reason recorded. */
    private record Candidates(String sql, Map<String, Object> params, String reason) {}

    private Candidates candidates(long journeyId, EntryRule rule, Instant now) {
        return switch (rule) {
            case SegmentAtLaunch s -> segment(s.segmentId(), "in segment at launch");
            case SegmentNewlyMatching s -> segment(s.segmentId(), "newly in segment");
            case Purchased p -> new Candidates("""
                        select distinct s.customer_id as id from product pr
                        join sale_line l on l.product_id = pr.id
                        join sale s on s.id = l.sale_id
                        where pr.sku = :e_product and s.kind = 'SALE' and s.customer_id is not null
                          and s.sold_at >= (select launched_at from campaign where id = :journey)""", Map.of("e_product", p.product()), "bought " + p.product());
            case Birthday b -> {
                // 29 February birthdays are kept on the 28th in other years
                LocalDate today = now.atZone(clock.getZone()).toLocalDate();
                List<String> days = new ArrayList<>(List.of(MONTH_DAY.format(today)));
                if (!today.isLeapYear() && MonthDay.from(today).equals(MonthDay.of(2, 28))) {
                    days.add("02-29");
                }
                yield new Candidates(
                        "select c.id from customer c where to_char(c.birth_date, 'MM-DD') in (:e_days)",
                        Map.of("e_days", days),
                        "birthday");
            }
            case SurveyAnswered s ->
                new Candidates("""
                        select distinct a.customer_id as id from journey_survey_answer a
                        where a.survey_id = :e_survey
                          and a.answered_at >= (select launched_at from campaign where id = :journey)""", Map.of("e_survey", s.surveyId()), "answered survey " + s.surveyId());
            case FormSent f -> new Candidates("""
                        select f.customer_id as id from journey_form_submission f
                        where f.form_id = :e_form
                          and f.submitted_at >= (select launched_at from campaign where id = :journey)""", Map.of("e_form", f.formId()), "sent form " + f.formId());
        };
    }

    private Candidates segment(long segmentId, String reason) {
        SegmentPredicate predicate = segments.union(List.of(segments.get(segmentId)));
        return new Candidates(
                "select c.id" + SegmentPredicate.FROM + " where " + predicate.where(), predicate.params(), reason);
    }

    /**
     * The candidates who may enter now: never entered; or, with a re-entry rule, whose last entry ended and began
     * that many days ago. Each gets the next entry number.
     */
    private int enter(long journeyId, int version, Node node, Instant now) {
        Entry entry = (Entry) node.config();
        Candidates candidates = candidates(journeyId, entry.rule(), now);
        Map<String, Object> params = new HashMap<>(candidates.params());
        params.put("journey", journeyId);
        params.put("version", version);
        params.put("node", node.id());
        params.put("now", Timestamp.from(now));
        params.put("reason", candidates.reason());
        // earlier entries are read once, before the insert: a lookup per candidate would scan the heap pages
        // the statement itself fills (the planner sees an empty table at launch), quadratic in the entrants
        String blocked = "true";
        if (entry.reentryAfterDays() != null) {
            blocked = "j.state = 'ACTIVE' or j.entered_at > :since";
            params.put("since", Timestamp.from(now.minus(Duration.ofDays(entry.reentryAfterDays()))));
        }
        int entered = jdbc.sql("""
                        with prior as materialized (
                            select j.customer_id, max(j.entry) as last, bool_or(%s) as blocked
                            from journey_position j where j.campaign_id = :journey group by j.customer_id),
                        entered as (
                            insert into journey_position (campaign_id, customer_id, entry, version, node_id, entered_at,
                                                          arrived_at, due_at, reason)
                            select :journey, c.id, coalesce(j.last, 0) + 1, :version, :node, :now, :now, :now, :reason
                            from (%s) c
                            left join prior j on j.customer_id = c.id
                            where j.blocked is not true
                            on conflict do nothing
                            returning customer_id, entry)
                        insert into journey_path (campaign_id, customer_id, entry, seq, node_id, at)
                        select :journey, customer_id, entry, 0, :node, :now from entered""".formatted(blocked, candidates.sql()))
                .params(params)
                .update();
        if (entered >= MANY) {
            // the first ticks' plans see the entrants (analyze counts this transaction's own rows), not a journey
            // of a few hundred positions that they would read whole for every batch
            jdbc.sql("analyze journey_position").update();
        }
        return entered;
    }
}
