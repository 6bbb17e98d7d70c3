package io.clientele.campaign.mix;

import io.clientele.campaign.StepChannel;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A planned channel mix with what it was planned from: the scoring run whose value grades are the segments, the
 * target, budget and sample share, the campaigns learnt from (empty: all), per grade its customers, per channel the
 * cost of a contact, and per grade and channel the history (sent, responded), the rate planned with, the contacts
 * planned, the responses expected of them and the sample to try first. {@code feasible} false: no mix reaches the
 * target within the budget. Expected responses come with their 95 % interval.
 */
public record Proposal(
        @Nullable Long scoreRunId,
        int target,
        BigDecimal budget,
        BigDecimal samplePercent,
        List<Long> learnedFrom,
        List<Grade> grades,
        List<Channel> channels,
        List<Cell> cells,
        boolean feasible,
        BigDecimal cost,
        double expectedResponses,
        double low,
        double high,
        BigDecimal sampleCost) {

    public record Grade(String grade, long customers) {}

    public record Channel(StepChannel channel, long sent, BigDecimal costPerContact, long planned, long sample) {}

    public record Cell(
            String grade,
            StepChannel channel,
            long sent,
            long responded,
            double rate,
            long planned,
            double expectedResponses,
            long sample) {}

    /** The cells of a grade, in channel order, for the page's table. */
    public List<Cell> cellsOf(String grade) {
        return cells.stream().filter(c -> c.grade().equals(grade)).toList();
    }
}
