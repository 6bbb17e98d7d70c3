package io.clientele.merchandising;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.strategy.SegmentCampaigns;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A rule as a draft cross-sell campaign: its cross-sell segment (saved, or the one a retry saved before) as the
 * audience of a new draft with the purpose CROSS_SELL, in one transaction. Whoever may save segments may do this
 * (analysts too): a draft sends nothing until a campaign writer draws its steps and a manager approves it.
 */
@Service
public class CrossSellCampaigns {
    private final CrossSellSegments segments;
    private final SegmentCampaigns drafts;

    CrossSellCampaigns(CrossSellSegments segments, SegmentCampaigns drafts) {
        this.segments = segments;
        this.drafts = drafts;
    }

    @Transactional
    public Campaign draft(
            @Nullable String level,
            @Nullable List<String> bought,
            @Nullable List<String> notBought,
            @Nullable String from,
            @Nullable String to,
            @Nullable String owner,
            String actor) {
        CrossSellSegments.Created audience = segments.create(level, bought, notBought, from, to);
        return drafts.draft(audience.segment(), null, CampaignPurpose.CROSS_SELL.name(), owner, actor);
    }
}
