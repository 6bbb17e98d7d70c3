package io.clientele.merchandising;

import io.clientele.campaign.Campaign;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Merchandising", description = "Market baskets: what sells with what, and cross-sell audiences")
class CrossSellApi {
    private final CrossSellCampaigns campaigns;

    CrossSellApi(CrossSellCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    @PostMapping("/api/v1/merchandising/cross-sell-campaigns")
    @Operation(
            summary = "A draft cross-sell campaign on a rule's cross-sell segment, with an email step",
            description = "level, bought, notBought, from, to: as for cross-sell-segments (the segment is saved, or"
                    + " the one saved before is reused); owner: a user's name (default the caller; a token must name"
                    + " one); materialId: the email material the step sends (default a new cross-sell email of the"
                    + " draft's own offering {{next_best_product}}, the rule's other side as its fallback). 201 with"
                    + " the DRAFT campaign, purpose CROSS_SELL, its audience the segment, one EMAIL step. For whoever"
                    + " may save segments (segments:write): a draft sends nothing until a manager approves it."
                    + " Idempotent by the optional Idempotency-Key header: a retry with the same key answers the"
                    + " draft made first (200, Idempotent-Replayed: true).")
    ResponseEntity<Campaign> crossSellCampaign(
            @Parameter(description = "a unique key per draft, e.g. a UUID; reused only to retry the same request")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody CrossSellCampaigns.Request request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            problems.add(FieldProblem.of("Idempotency-Key", "validation.between", 1, 200));
        }
        InputFields.printable("Idempotency-Key", idempotencyKey, problems);
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        String key = idempotencyKey == null ? null : idempotencyKey.strip();
        CrossSellCampaigns.Drafted drafted =
                campaigns.draft(request, key, Actor.current().name());
        return ResponseEntity.status(drafted.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                .header("Idempotent-Replayed", String.valueOf(drafted.replayed()))
                .body(drafted.campaign());
    }
}
