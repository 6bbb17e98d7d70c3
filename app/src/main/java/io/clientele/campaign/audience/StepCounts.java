package io.clientele.campaign.audience;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.ExclusionReason;
import java.util.Map;

/**
 * A step's frozen audience: everyone the segments selected, split into treated, control and excluded by reason
 * (every reason present, zero when none applied). All zero before launch.
 */
public record StepCounts(
        CampaignStep step, long audience, long treated, long control, Map<ExclusionReason, Long> excluded) {

    public long excludedTotal() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The message key naming a reason, for pages and for API clients that show it. */
    public static String messageKey(ExclusionReason reason) {
        return "audience.reason." + reason.name();
    }
}
