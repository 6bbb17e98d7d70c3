package io.clientele.campaign.channel;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Campaign channels", description = "Call-centre lists and outcomes, direct-mail exports, coupon codes")
class ChannelApi {
    private final CampaignSteps steps;
    private final CallAgents agents;
    private final CallAssignments assignments;
    private final Calls calls;
    private final Letters letters;
    private final Coupons coupons;
    private final CouponRedemptions redemptions;

    ChannelApi(
            CampaignSteps steps,
            CallAgents agents,
            CallAssignments assignments,
            Calls calls,
            Letters letters,
            Coupons coupons,
            CouponRedemptions redemptions) {
        this.steps = steps;
        this.agents = agents;
        this.assignments = assignments;
        this.calls = calls;
        this.letters = letters;
        this.coupons = coupons;
        this.redemptions = redemptions;
    }

    /** An outcome as the agent screen or a dialer sends it; {@code attempt} is the queue's attempts of the call. */
    record OutcomeRequest(
            @Nullable String outcome,
            @Nullable String note,
            @Nullable Integer attempt) {}

    /** An agent's region (id), capacity per list and whether they take new calls. */
    record AgentRequest(
            @Nullable Integer regionId,
            @Nullable Integer capacity,
            @Nullable Boolean active) {}

    record Assigned(int assigned, CallAssignments.Summary summary) {}

    @GetMapping("/api/v1/calls")
    @Operation(summary = "Pending calls: an agent's own queue; with campaigns:read every agent's, filtered by agent=")
    PageResult<Calls.QueuedCall> queue(
            @RequestParam(required = false) @Nullable String agent,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return calls.queue(CallViewer.current(), agent, page, size);
    }

    @GetMapping("/api/v1/calls/{stepId}/{customerId}")
    @Operation(summary = "One call: the customer's key facts, the script as it reads for them, earlier attempts")
    Calls.CallCard call(@PathVariable long stepId, @PathVariable long customerId) {
        return calls.card(CallViewer.current(), stepId, customerId);
    }

    @PostMapping("/api/v1/calls/{stepId}/{customerId}/outcome")
    @Operation(summary = "Record a call's outcome (only the assigned agent); the same attempt sent again records once")
    Calls.Recorded outcome(
            @PathVariable long stepId, @PathVariable long customerId, @RequestBody OutcomeRequest request) {
        return calls.record(
                CallViewer.current(), stepId, customerId, request.outcome(), request.note(), request.attempt());
    }

    @GetMapping("/api/v1/call-agents")
    @Operation(summary = "The call-centre agents with their region and capacity (campaigns:approve)")
    List<CallAgent> agents() {
        return agents.all();
    }

    @PutMapping("/api/v1/call-agents/{username}")
    @Operation(summary = "Make a user a call agent, or change their region, capacity or activity")
    CallAgent saveAgent(@PathVariable String username, @RequestBody AgentRequest request) {
        return agents.save(new CallAgentInput(username, request.regionId(), request.capacity(), request.active()));
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/steps/{stepId}/assignment")
    @Operation(summary = "A call step's calls per agent and the pending calls nobody has")
    CallAssignments.Summary assignment(@PathVariable long campaignId, @PathVariable long stepId) {
        step(campaignId, stepId);
        return assignments.summary(stepId);
    }

    @PostMapping("/api/v1/campaigns/{campaignId}/steps/{stepId}/assign")
    @Operation(summary = "Assign a call step's unassigned pending calls by the step's mode; again changes nothing")
    Assigned assign(@PathVariable long campaignId, @PathVariable long stepId) {
        step(campaignId, stepId);
        int assigned = assignments.assign(stepId);
        return new Assigned(assigned, assignments.summary(stepId));
    }

    @PostMapping("/api/v1/campaigns/{campaignId}/steps/{stepId}/reassign")
    @Operation(summary = "Take pending calls from inactive agents and assign them again among the active ones")
    Assigned reassign(@PathVariable long campaignId, @PathVariable long stepId) {
        step(campaignId, stepId);
        int assigned = assignments.reassign(stepId);
        return new Assigned(assigned, assignments.summary(stepId));
    }

    @PostMapping("/api/v1/campaigns/{campaignId}/steps/{stepId}/letters.csv")
    @Operation(summary = "A letter step's letters as CSV; the first export hands the letters over (members SENT)")
    void lettersCsv(@PathVariable long campaignId, @PathVariable long stepId, HttpServletResponse response)
            throws IOException {
        step(campaignId, stepId);
        csv(response, "letters-step-" + stepId + ".csv", out -> letters.csv(stepId, out));
    }

    @PostMapping("/api/v1/campaigns/{campaignId}/steps/{stepId}/letters.pdf")
    @Operation(summary = "A letter step's letters as print-ready PDF, one A4 page per member")
    void lettersPdf(@PathVariable long campaignId, @PathVariable long stepId, HttpServletResponse response)
            throws IOException {
        step(campaignId, stepId);
        attachment(response, "application/pdf", "letters-step-" + stepId + ".pdf");
        letters.pdf(stepId, response.getOutputStream());
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/steps/{stepId}/coupons.csv")
    @Operation(summary = "A coupon step's personal codes with their redemptions, as CSV")
    void couponsCsv(@PathVariable long campaignId, @PathVariable long stepId, HttpServletResponse response)
            throws IOException {
        step(campaignId, stepId);
        csv(response, "coupons-step-" + stepId + ".csv", out -> coupons.exportCsv(stepId, out));
    }

    @GetMapping("/api/v1/customers/{customerId}/coupons")
    @Operation(summary = "A customer's personal coupon codes, newest first, with whether each is still open")
    List<Coupons.CustomerCoupon> customerCoupons(@PathVariable long customerId) {
        return coupons.ofCustomer(customerId);
    }

    @PostMapping("/api/v1/coupons/{code}/redeem")
    @Operation(
            summary = "A POS reports a coupon redeemed on a receipt as it happens; the same receipt again answers the"
                    + " same, another receipt for a redeemed code is 409")
    CouponRedemptions.Redeemed redeem(@PathVariable String code, @RequestBody CouponRedemptions.Redemption redemption) {
        return redemptions.redeem(code, redemption);
    }

    /** The step, if it belongs to the campaign. */
    CampaignStep step(long campaignId, long stepId) {
        CampaignStep step = steps.get(stepId);
        if (step.campaignId() != campaignId) {
            throw new NotFoundException("Campaign " + campaignId + " has no step " + stepId);
        }
        return step;
    }

    private static void csv(HttpServletResponse response, String file, Consumer<Writer> body) throws IOException {
        attachment(response, "text/csv;charset=UTF-8", file);
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        body.accept(out);
        out.flush();
    }

    static void attachment(HttpServletResponse response, String type, String file) {
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }
}
