package io.clientele.strategy;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.insight.DrillQuery;
import io.clientele.insight.FigureLabels;
import io.clientele.insight.ScoreRuns;
import io.clientele.journey.Journey;
import io.clientele.journey.JourneyGraph;
import io.clientele.journey.Journeys;
import io.clientele.segment.Condition;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What is made of a figure's customers: a dynamic segment of its condition, and a draft campaign or journey that
 * targets that segment. Each is one transaction: a campaign whose plan is refused leaves no segment behind.
 */
@Service
class FigureActions {
    /** What most figures call for when no purpose is given. */
    private static final String FIGURE_PURPOSE = CampaignPurpose.RETENTION.name();

    private final ScoreRuns runs;
    private final SavedSegments segments;
    private final SegmentCampaigns drafts;
    private final Journeys journeys;
    private final FigureLabels labels;

    FigureActions(
            ScoreRuns runs, SavedSegments segments, SegmentCampaigns drafts, Journeys journeys, FigureLabels labels) {
        this.runs = runs;
        this.segments = segments;
        this.drafts = drafts;
        this.journeys = journeys;
        this.labels = labels;
    }

    /** The figure's customers as a condition over the latest run's scores. */
    Condition condition(DrillQuery figure) {
        Figures.requireLatest(figure, runs);
        return FigureConditions.of(Figures.filter(figure));
    }

    /** The figure in words, the default name of what is made of it. */
    String defaultName(DrillQuery figure) {
        return String.join(" · ", labels.of(Figures.filter(figure)));
    }

    /**
     * Saves the figure's condition as a dynamic segment; under a name that exists with the same condition the
     * existing segment is answered (a retry saves once).
     */
    @Transactional
    public SavedSegment segment(DrillQuery figure, @Nullable String name) {
        Condition condition = condition(figure);
        String named = name == null || name.isBlank() ? defaultName(figure) : name;
        return segments.create(new SavedSegments.Draft(named, null, SavedSegment.Kind.DYNAMIC, condition))
                .segment();
    }

    /** A draft campaign whose audience is the figure's segment (saved under the same name). */
    @Transactional
    public Campaign campaign(DrillQuery figure, @Nullable String name, @Nullable String purpose, String actor) {
        return drafts.draft(segment(figure, name), purpose, FIGURE_PURPOSE, actor, actor);
    }

    /** A draft journey whose customers enter from the figure's segment at launch; its steps are drawn next. */
    @Transactional
    public Journey journey(DrillQuery figure, @Nullable String name, @Nullable String purpose, String actor) {
        SavedSegment segment = segment(figure, name);
        JourneyGraph graph = new JourneyGraph(
                List.of(new JourneyGraph.Node(
                        "entry",
                        segment.name(),
                        80,
                        80,
                        new JourneyGraph.Entry(new JourneyGraph.SegmentAtLaunch(segment.id()), null))),
                List.of());
        return journeys.create(SegmentCampaigns.plan(segment, purpose, FIGURE_PURPOSE, actor), graph, actor);
    }
}
