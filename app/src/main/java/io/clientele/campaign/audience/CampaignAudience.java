package io.clientele.campaign.audience;

import java.math.BigDecimal;
import java.util.List;

/**
 * Whom a campaign targets: the customers of any of its {@code include} segments, less those of its {@code exclude}
 * segments, a random {@code controlPercent} of the eligible held out, and its {@code priority} (1 lowest, 9
 * highest) when running campaigns compete for the contact-pressure allowance.
 */
public record CampaignAudience(
        long campaignId, int priority, BigDecimal controlPercent, List<Segment> include, List<Segment> exclude) {

    /** A segment of the audience, by id and name. */
    public record Segment(long id, String name) {}

    public boolean hasInclude() {
        return !include.isEmpty();
    }
}
