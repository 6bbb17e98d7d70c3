package io.clientele.segment.summary;

import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.segment.audience.SegmentAudience;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the segment summary current: rebuilds it when a scoring run completed since, the zone changed or a product
 * changed, and otherwise folds the customers marked changed into it (or rebuilds it when a fold cannot: see {@link
 * SegmentSummary#fold}). Counts are exact without it; it only brings the speed back. Off in commands ({@code
 * clientele.jobs.enabled=false}).
 */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
public class SegmentSummaryWorker {
    private final SegmentSummary summary;
    private final SegmentAudience audience;
    private final ScoreRuns runs;
    private final Clock clock;

    SegmentSummaryWorker(SegmentSummary summary, SegmentAudience audience, ScoreRuns runs, Clock clock) {
        this.summary = summary;
        this.audience = audience;
        this.runs = runs;
        this.clock = clock;
    }

    /** Reads the summary into memory when it changed (refreshed here or by another node). */
    @Scheduled(fixedDelayString = "${clientele.segments.audience.check:10000}", initialDelay = 5_000)
    void reloadAudienceWhenChanged() {
        audience.reloadIfChanged();
    }

    @Scheduled(fixedDelayString = "${clientele.segments.summary-check:30000}", initialDelay = 30_000)
    public void refreshWhenDue() {
        @Nullable Long run = runs.latestCompleted().map(ScoreRun::id).orElse(null);
        Optional<SegmentSummary.State> state = summary.state();
        boolean rebuild = state.isEmpty() || mustRebuild(state.get(), run);
        if (!rebuild && state.get().dirtyCustomers() > 0) {
            SegmentSummary.Fold fold = summary.fold(run);
            rebuild = fold.outcome() == SegmentSummary.Fold.Outcome.REBUILD_NEEDED;
            if (fold.outcome() == SegmentSummary.Fold.Outcome.FOLDED) {
                audience.reloadIfChanged();
            }
        }
        if (rebuild && summary.refresh(run).done()) {
            audience.reloadIfChanged();
        }
    }

    private boolean mustRebuild(SegmentSummary.State state, @Nullable Long run) {
        return !Objects.equals(state.runId(), run) || !state.zone().equals(clock.getZone()) || state.stale();
    }
}
