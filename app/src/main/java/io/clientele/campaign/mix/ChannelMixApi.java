package io.clientele.campaign.mix;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Channel mix",
        description = "The cheapest mix of channels for a target number of responses within a budget, and its sample"
                + " test and rollout")
class ChannelMixApi {
    private final ChannelMixPlans plans;

    ChannelMixApi(ChannelMixPlans plans) {
        this.plans = plans;
    }

    @GetMapping("/api/v1/campaigns/mix/proposal")
    @Operation(
            summary = "Plan the cheapest mix of channels per value grade from past campaigns; stores nothing",
            description = "target: responses wanted (1 to 100,000,000); budget: at most this much; samplePercent:"
                    + " the share of each grade every channel is tried on first (0.01 to 20, default 5);"
                    + " campaigns: the past campaigns to learn from (ids, repeated; none: all)")
    Proposal propose(
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String budget,
            @RequestParam(required = false) @Nullable String samplePercent,
            @RequestParam(required = false) @Nullable List<String> campaigns) {
        return plans.propose(new MixRequest(target, budget, samplePercent, campaigns));
    }

    @PostMapping("/api/v1/campaigns/mix/plans")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Store the plan and make its sample-test campaign (a draft, a step per channel on its own"
                    + " random sample)",
            description = "409 when no mix reaches the target within the budget or a channel has no material."
                    + " Idempotent by the optional Idempotency-Key header: a retry with the same key answers the"
                    + " plan made first.")
    MixPlan create(
            @Parameter(description = "a unique key per plan, e.g. a UUID; reused only to retry the same request")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody MixRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            problems.add(FieldProblem.of("Idempotency-Key", "validation.between", 1, 200));
        }
        InputFields.printable("Idempotency-Key", idempotencyKey, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return plans.create(
                request,
                idempotencyKey == null ? null : idempotencyKey.strip(),
                Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/mix/plans")
    @Operation(summary = "The latest 50 channel-mix plans, newest first")
    List<MixPlan> list() {
        return plans.recent(50);
    }

    @GetMapping("/api/v1/campaigns/mix/plans/{id}")
    @Operation(summary = "A channel-mix plan with its sample-test campaign and, once made, its rollout")
    MixPlan get(@PathVariable long id) {
        return plans.find(id);
    }

    @PostMapping("/api/v1/campaigns/mix/plans/{id}/rollout")
    @Operation(
            summary = "Plan the rest by the sample test's observed rates and make the rollout campaign (a draft)",
            description = "Made once: asked again it answers the plan as it is. 409 before the sample test has sent,"
                    + " or when the rest cannot reach what is left of the target within what is left of the budget.")
    MixPlan rollout(@PathVariable long id) {
        return plans.rollout(id, Actor.current().name());
    }
}
