package io.clientele.merchandising;

import io.clientele.campaign.Campaign;
import io.clientele.platform.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Merchandising", description = "Market baskets: what sells with what, and cross-sell audiences")
class CrossSellApi {
    private final CrossSellCampaigns campaigns;

    CrossSellApi(CrossSellCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    /** A rule's two sides, as for the cross-sell segment, and who owns the draft. */
    record CrossSellCampaignRequest(
            @Nullable String level,
            @Nullable List<String> bought,
            @Nullable List<String> notBought,
            @Nullable String from,
            @Nullable String to,
            @Nullable String owner) {}

    @PostMapping("/api/v1/merchandising/cross-sell-campaigns")
    @Operation(
            summary = "A draft cross-sell campaign on a rule's cross-sell segment",
            description = "level, bought, notBought, from, to: as for cross-sell-segments (the segment is saved, or"
                    + " the one saved before is reused); owner: a user's name (default the caller; a token must name"
                    + " one). 201 with the DRAFT campaign, purpose CROSS_SELL, its audience the segment. For whoever"
                    + " may save segments (segments:write): a draft sends nothing until a campaign writer adds its"
                    + " steps and a manager approves it.")
    ResponseEntity<Campaign> crossSellCampaign(@RequestBody CrossSellCampaignRequest request) {
        Campaign draft = campaigns.draft(
                request.level(),
                request.bought(),
                request.notBought(),
                request.from(),
                request.to(),
                request.owner(),
                Actor.current().name());
        return ResponseEntity.status(HttpStatus.CREATED).body(draft);
    }
}
