package io.clientele.strategy;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignInput;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.audience.AudienceInput;
import io.clientele.campaign.audience.CampaignAudiences;
import io.clientele.segment.SavedSegment;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A draft campaign on a saved segment: named as the segment, its audience the segment, owned by who asked. A draft
 * does nothing until its steps are drawn and a manager approves it, so insight figures and market-basket rules may
 * propose one (docs/security.md).
 */
@Service
public class SegmentCampaigns {
    private final Campaigns campaigns;
    private final CampaignAudiences audiences;

    SegmentCampaigns(Campaigns campaigns, CampaignAudiences audiences) {
        this.campaigns = campaigns;
        this.audiences = audiences;
    }

    /**
     * The plan's checks name a wrong purpose (none given is {@code defaultPurpose}) or an unknown owner (none given is
     * the actor).
     */
    @Transactional
    public Campaign draft(
            SavedSegment segment,
            @Nullable String purpose,
            String defaultPurpose,
            @Nullable String owner,
            String actor) {
        Campaign campaign = campaigns.create(plan(segment, purpose, defaultPurpose, owner), actor);
        audiences.update(
                campaign.id(), new AudienceInput(List.of(String.valueOf(segment.id())), null, null, null), actor);
        return campaign;
    }

    static CampaignInput plan(
            SavedSegment segment, @Nullable String purpose, String defaultPurpose, @Nullable String owner) {
        String checked = purpose == null || purpose.isBlank() ? defaultPurpose : purpose;
        return new CampaignInput(segment.name(), checked, null, null, owner, null, null, null, null, null);
    }
}
