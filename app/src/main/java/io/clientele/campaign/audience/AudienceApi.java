package io.clientele.campaign.audience;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.ExclusionReason;
import io.clientele.campaign.StepInput;
import io.clientele.platform.Actor;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Campaign audience", description = "Steps, audience, contact pressure, suppression and launch")
class AudienceApi {
    private final CampaignSteps steps;
    private final CampaignAudiences audiences;
    private final Launches launches;
    private final ContactPolicies policies;
    private final Suppressions suppressions;

    AudienceApi(
            CampaignSteps steps,
            CampaignAudiences audiences,
            Launches launches,
            ContactPolicies policies,
            Suppressions suppressions) {
        this.steps = steps;
        this.audiences = audiences;
        this.launches = launches;
        this.policies = policies;
        this.suppressions = suppressions;
    }

    @GetMapping("/api/v1/campaigns/{id}/steps")
    @Operation(summary = "A campaign's steps in order")
    List<CampaignStep> steps(@PathVariable long id) {
        audiences.get(id);
        return steps.of(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/steps")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a step to a draft or rejected plan (409 otherwise); pins the material's current version")
    CampaignStep createStep(@PathVariable long id, @RequestBody StepInput input) {
        return steps.create(id, input, Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/{id}/steps/{stepId}")
    @Operation(summary = "One step of a campaign")
    CampaignStep step(@PathVariable long id, @PathVariable long stepId) {
        return steps.ofCampaign(id, stepId);
    }

    @PutMapping("/api/v1/campaigns/{id}/steps/{stepId}")
    @Operation(summary = "Change a step of a campaign not yet launched (409 otherwise)")
    CampaignStep updateStep(@PathVariable long id, @PathVariable long stepId, @RequestBody StepInput input) {
        return steps.update(id, stepId, input, Actor.current().name());
    }

    @DeleteMapping("/api/v1/campaigns/{id}/steps/{stepId}")
    @Operation(summary = "Delete a step of a campaign not yet launched (409 otherwise)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteStep(@PathVariable long id, @PathVariable long stepId) {
        steps.delete(id, stepId, Actor.current().name());
    }

    /** The audience and, per step, the frozen counts (zero before launch) with each reason's message key. */
    record AudienceView(CampaignAudience audience, List<StepView> steps) {}

    record StepView(
            long stepId,
            String name,
            String channel,
            String status,
            long audience,
            long treated,
            long control,
            List<ReasonCount> excluded) {}

    record ReasonCount(ExclusionReason reason, String messageKey, long count) {}

    @GetMapping("/api/v1/campaigns/{id}/audience")
    @Operation(summary = "The audience (segments in and out, priority, control %) and the counts per step and reason")
    AudienceView audience(@PathVariable long id) {
        return view(id);
    }

    @PutMapping("/api/v1/campaigns/{id}/audience")
    @Operation(summary = "Replace the audience of a draft or rejected plan (409 otherwise)")
    AudienceView updateAudience(@PathVariable long id, @RequestBody AudienceInput input) {
        audiences.update(id, input, Actor.current().name());
        return view(id);
    }

    @GetMapping("/api/v1/campaigns/{id}/steps/{stepId}/excluded")
    @Operation(summary = "The customers of a step excluded for a reason, by customer number")
    PageResult<Launches.Excluded> excluded(
            @PathVariable long id,
            @PathVariable long stepId,
            @RequestParam String reason,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, 500);
        return launches.excluded(id, stepId, reason(reason), page, size);
    }

    @PostMapping("/api/v1/campaigns/{id}/launch")
    @Operation(
            summary = "Launch an approved or scheduled campaign: freezes every step's members (a retry answers the"
                    + " launched campaign)")
    Campaign launch(@PathVariable long id) {
        return launches.launch(id, Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/policy")
    @Operation(summary = "The contact-pressure policy every campaign obeys")
    ContactPolicy policy() {
        return policies.get();
    }

    @PutMapping("/api/v1/campaigns/policy")
    @Operation(summary = "Change the contact-pressure policy (campaigns:approve)")
    ContactPolicy updatePolicy(@RequestBody ContactPolicies.Input input) {
        return policies.update(input, Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/suppressions")
    @Operation(summary = "Suppressed addresses and customers, optionally searched (size 1 to 500)")
    PageResult<Suppression> suppressions(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, 500);
        return suppressions.page(q, page, size);
    }

    @PostMapping("/api/v1/campaigns/suppressions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Suppress an email address, a phone number or a customer, on a channel or on all")
    Suppression suppress(@RequestBody Suppressions.Input input) {
        return suppressions.add(input, Actor.current().name());
    }

    @DeleteMapping("/api/v1/campaigns/suppressions/{suppressionId}")
    @Operation(summary = "Lift a suppression")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unsuppress(@PathVariable long suppressionId) {
        suppressions.remove(suppressionId, Actor.current().name());
    }

    private AudienceView view(long id) {
        CampaignAudience audience = audiences.get(id);
        List<StepView> counts = launches.counts(id).stream()
                .map(c -> new StepView(
                        c.step().id(),
                        c.step().name(),
                        c.step().channel().name(),
                        c.step().status().name(),
                        c.audience(),
                        c.treated(),
                        c.control(),
                        c.excluded().entrySet().stream()
                                .map((Map.Entry<ExclusionReason, Long> e) ->
                                        new ReasonCount(e.getKey(), StepCounts.messageKey(e.getKey()), e.getValue()))
                                .toList()))
                .toList();
        return new AudienceView(audience, counts);
    }

    static ExclusionReason reason(String text) {
        try {
            return ExclusionReason.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("reason: one of " + List.of(ExclusionReason.values()));
        }
    }
}
