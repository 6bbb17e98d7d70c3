package io.clientele.campaign;

import io.clientele.platform.Actor;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Campaigns", description = "Plans, budgets and the approval workflow")
class CampaignApi {
    private final Campaigns campaigns;
    private final SubCampaigns subCampaigns;

    CampaignApi(Campaigns campaigns, SubCampaigns subCampaigns) {
        this.campaigns = campaigns;
        this.subCampaigns = subCampaigns;
    }

    /** A campaign's children (started by its journey's nodes) and what is left of its budget for more. */
    record Children(long campaignId, BigDecimal budgetLeft, List<SubCampaigns.Child> children) {}

    /** A transition's optional comment (required to reject). */
    record Comment(@Nullable String comment) {}

    @GetMapping("/api/v1/campaigns")
    @Operation(summary = "Campaigns, newest first; status filters")
    PageResult<Campaign> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        CampaignStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = CampaignStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("status: one of " + List.of(CampaignStatus.values()));
            }
        }
        PageResult.check(page, size, 100);
        return campaigns.page(filter, page, size);
    }

    @PostMapping("/api/v1/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a campaign plan (a draft)")
    Campaign create(@RequestBody CampaignInput input) {
        return campaigns.create(input, Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/{id}")
    @Operation(summary = "A campaign's plan, budget and status")
    Campaign get(@PathVariable long id) {
        return campaigns.find(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/sub-campaigns")
    @Operation(summary = "The sub-campaigns a campaign's journey started, and its budget left for more")
    Children subCampaigns(@PathVariable long id) {
        campaigns.find(id);
        return new Children(id, subCampaigns.remaining(id), subCampaigns.children(id));
    }

    @PutMapping("/api/v1/campaigns/{id}")
    @Operation(summary = "Change a draft or rejected plan (409 otherwise)")
    Campaign update(@PathVariable long id, @RequestBody CampaignInput input) {
        return campaigns.update(id, input, Actor.current().name());
    }

    @PostMapping("/api/v1/campaigns/{id}/submit")
    @Operation(summary = "Submit the plan for approval")
    Campaign submit(@PathVariable long id) {
        return campaigns.submit(id, Actor.current().name());
    }

    @PostMapping("/api/v1/campaigns/{id}/approve")
    @Operation(summary = "Approve a submitted plan (campaigns:approve; not by whoever submitted it)")
    Campaign approve(@PathVariable long id, @RequestBody(required = false) @Nullable Comment comment) {
        return campaigns.approve(id, Actor.current().name(), comment == null ? null : comment.comment());
    }

    @PostMapping("/api/v1/campaigns/{id}/reject")
    @Operation(summary = "Reject a submitted plan with the reason (campaigns:approve)")
    Campaign reject(@PathVariable long id, @RequestBody(required = false) @Nullable Comment comment) {
        return campaigns.reject(id, Actor.current().name(), comment == null ? null : comment.comment());
    }

    @PostMapping("/api/v1/campaigns/{id}/schedule")
    @Operation(summary = "Schedule an approved campaign (409 otherwise)")
    Campaign schedule(@PathVariable long id) {
        return campaigns.schedule(id, Actor.current().name());
    }

    @PostMapping("/api/v1/campaigns/{id}/cancel")
    @Operation(summary = "Cancel a campaign that has not completed, with an optional comment (409 otherwise)")
    Campaign cancel(@PathVariable long id, @RequestBody(required = false) @Nullable Comment comment) {
        return campaigns.cancel(id, Actor.current().name(), comment == null ? null : comment.comment());
    }
}
