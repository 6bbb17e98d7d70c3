package io.clientele.journey;

import io.clientele.campaign.CampaignKind;
import io.clientele.campaign.CampaignStarted;
import io.clientele.journey.JourneyGraph.*;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentPredicate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers entering a journey: one position at the entry node (and its path row) per customer and entry, in one
 * statement per entry rule. At launch, in the launch's transaction, the segment's customers as of then; while it runs,
 * those newly in the segment (evaluated by the ticker every few minutes), subject to the re-entry rule.
 */
@Component
class Entries {
    private final JdbcClient jdbc;
    private final SavedSegments segments;
    private final Journeys journeys;

    Entries(JdbcClient jdbc, SavedSegments segments, Journeys journeys) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.journeys = journeys;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void launched(CampaignStarted event) {
        if (event.kind() != CampaignKind.JOURNEY) {
            return;
        }
        Journey journey = journeys.get(event.campaignId());
        entry(journey.graph())
                .filter(n -> n.config() instanceof Entry e
                        && (e.rule() instanceof SegmentAtLaunch || e.rule() instanceof SegmentNewlyMatching))
                .ifPresent(n -> enterSegment(event.campaignId(), journey.version(), n, event.launchedAt()));
    }

    /** Those newly in the segment of a journey that enters continuously; answers how many entered. */
    @Transactional
    int enterNewlyMatching(long journeyId, Instant now) {
        Journey journey = journeys.get(journeyId);
        return entry(journey.graph())
                .filter(n -> n.config() instanceof Entry e && e.rule() instanceof SegmentNewlyMatching)
                .map(n -> enterSegment(journeyId, journey.version(), n, now))
                .orElse(0);
    }

    private static java.util.Optional<Node> entry(JourneyGraph graph) {
        return graph.nodes().stream().filter(n -> n.kind() == Kind.ENTRY).findFirst();
    }

    /**
     * The segment's customers who may enter now: never entered; or, with a re-entry rule, whose last entry ended and
     * began that many days ago. Each gets the next entry number.
     */
    private int enterSegment(long journeyId, int version, Node node, Instant now) {
        Entry entry = (Entry) node.config();
        long segmentId = switch (entry.rule()) {
            case SegmentAtLaunch s -> s.segmentId();
            case SegmentNewlyMatching s -> s.segmentId();
            default -> throw new IllegalStateException("not a segment entry: " + entry.rule());
        };
        SegmentPredicate predicate = segments.union(List.of(segments.get(segmentId)));
        Map<String, Object> params = new HashMap<>(predicate.params());
        params.put("journey", journeyId);
        params.put("version", version);
        params.put("node", node.id());
        params.put("now", Timestamp.from(now));
        params.put("reason", entry.rule() instanceof SegmentAtLaunch ? "in segment at launch" : "newly in segment");
        String again = entry.reentryAfterDays() == null ? "" : " and (j.state = 'ACTIVE' or j.entered_at > :since)";
        if (entry.reentryAfterDays() != null) {
            params.put("since", Timestamp.from(now.minus(java.time.Duration.ofDays(entry.reentryAfterDays()))));
        }
        return jdbc.sql("""
                        with entered as (
                            insert into journey_position (campaign_id, customer_id, entry, version, node_id, entered_at,
                                                          arrived_at, due_at, reason)
                            select :journey, c.id,
                                   (select coalesce(max(j.entry), 0) + 1 from journey_position j
                                    where j.campaign_id = :journey and j.customer_id = c.id),
                                   :version, :node, :now, :now, :now, :reason
                            %s
                            where (%s)
                              and not exists (select 1 from journey_position j
                                              where j.campaign_id = :journey and j.customer_id = c.id%s)
                            on conflict do nothing
                            returning customer_id, entry)
                        insert into journey_path (campaign_id, customer_id, entry, seq, node_id, at)
                        select :journey, customer_id, entry, 0, :node, :now from entered""".formatted(SegmentPredicate.FROM, predicate.where(), again))
                .params(params)
                .update();
    }
}
