package io.clientele.campaign.channel;

import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.StepChannel;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import io.clientele.survey.SurveyStatus;
import io.clientele.survey.Surveys;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The agent screen (queue, call, outcome), the agents page and a step's channel page (assignment, exports). */
@Controller
class ChannelController {
    private final ChannelApi api;
    private final CallAgents agents;
    private final CallAssignments assignments;
    private final Calls calls;
    private final Coupons coupons;
    private final Surveys surveys;
    private final JdbcClient jdbc;

    ChannelController(
            ChannelApi api,
            CallAgents agents,
            CallAssignments assignments,
            Calls calls,
            Coupons coupons,
            Surveys surveys,
            JdbcClient jdbc) {
        this.api = api;
        this.agents = agents;
        this.assignments = assignments;
        this.calls = calls;
        this.coupons = coupons;
        this.surveys = surveys;
        this.jdbc = jdbc;
    }

    @GetMapping("/calls")
    String queue(
            @RequestParam(required = false) @Nullable String agent,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        CallViewer viewer = CallViewer.current();
        model.addAttribute("calls", calls.queue(viewer, agent, page, 50));
        model.addAttribute("seesAll", viewer.seesAll());
        model.addAttribute("agent", agent);
        model.addAttribute("agents", viewer.seesAll() ? agents.all() : java.util.List.of());
        return "campaign/channel/calls";
    }

    @GetMapping("/calls/{stepId}/{customerId}")
    String call(@PathVariable long stepId, @PathVariable long customerId, Model model) {
        return card(model, stepId, customerId, null, null);
    }

    @PostMapping("/calls/{stepId}/{customerId}/outcome")
    String outcome(
            @PathVariable long stepId,
            @PathVariable long customerId,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String note,
            @RequestParam(required = false) @Nullable Integer attempt,
            Model model,
            RedirectAttributes redirect) {
        try {
            Calls.Recorded recorded = calls.record(CallViewer.current(), stepId, customerId, outcome, note, attempt);
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE,
                    Flash.of(recorded.repeated() ? "call.flash.repeated" : "call.flash.recorded", customerId));
            return "redirect:/calls";
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            return card(model, stepId, customerId, outcome, note);
        } catch (ConflictException e) {
            model.addAttribute("actionError", "call.stale");
            return card(model, stepId, customerId, outcome, note);
        }
    }

    private String card(Model model, long stepId, long customerId, @Nullable String outcome, @Nullable String note) {
        CallViewer viewer = CallViewer.current();
        Calls.CallCard card = calls.card(viewer, stepId, customerId);
        model.addAttribute("card", card);
        model.addAttribute(
                "mayRecord",
                viewer.username().equals(card.call().agent())
                        && card.status() == io.clientele.campaign.SendStatus.PENDING);
        model.addAttribute("outcomes", CallOutcome.values());
        // the surveys an agent may ask on the call, answered against the call's campaign and step
        model.addAttribute("surveys", surveys.page(SurveyStatus.ACTIVE, 0, 20).items());
        model.addAttribute("outcome", outcome);
        model.addAttribute("note", note);
        return "campaign/channel/call";
    }

    @GetMapping("/calls/agents")
    String agents(Model model) {
        model.addAttribute("agents", agents.all());
        model.addAttribute("regions", agents.regions());
        return "campaign/channel/agents";
    }

    @PostMapping("/calls/agents")
    String saveAgent(
            @RequestParam(required = false) @Nullable String username,
            @RequestParam(required = false) @Nullable Integer regionId,
            @RequestParam(required = false) @Nullable String capacity,
            @RequestParam(defaultValue = "false") boolean active,
            Model model,
            RedirectAttributes redirect) {
        Integer wanted = wholeNumber(capacity);
        try {
            CallAgent agent = agents.save(new CallAgentInput(username, regionId, wanted, active));
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("callAgent.flash.saved", agent.username()));
            return "redirect:/calls/agents";
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            model.addAttribute("form", new CallAgentInput(username, regionId, wanted, active));
            return agents(model);
        }
    }

    /** Blank: the default; text that is no whole number: -1, which the range check names. */
    private static @Nullable Integer wholeNumber(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @GetMapping("/customers/{customerId}/coupons")
    String customerCoupons(@PathVariable long customerId, Model model) {
        model.addAttribute("coupons", coupons.ofCustomer(customerId));
        return "campaign/channel/coupons :: coupons";
    }

    @GetMapping("/campaigns/{campaignId}/steps/{stepId}/channel")
    String step(@PathVariable long campaignId, @PathVariable long stepId, Model model) {
        CampaignStep step = api.step(campaignId, stepId);
        model.addAttribute("step", step);
        model.addAttribute(
                "campaignName",
                jdbc.sql("select name from campaign where id = :id")
                        .param("id", campaignId)
                        .query(String.class)
                        .single());
        Map<String, Object> counts = jdbc.sql("""
                        select count(*) filter (where member_group = 'TREATED') as treated,
                               count(*) filter (where send_status = 'PENDING') as pending,
                               count(*) filter (where send_status = 'SENT') as sent,
                               count(*) filter (where send_status = 'FAILED') as failed,
                               count(coupon_code) as codes,
                               (select count(*) from campaign_response r
                                where r.step_id = :step and r.kind = 'REDEEMED') as redeemed,
                               (select coalesce(sum(amount), 0) from campaign_response r
                                where r.step_id = :step and r.kind = 'REDEEMED') as revenue
                        from campaign_member where step_id = :step""").param("step", stepId).query().singleRow();
        model.addAttribute("counts", counts);
        if (step.channel() == StepChannel.CALL) {
            model.addAttribute("assignment", assignments.summary(stepId));
        }
        return "campaign/channel/step";
    }

    @PostMapping("/campaigns/{campaignId}/steps/{stepId}/{action:assign|reassign}")
    String assign(
            @PathVariable long campaignId,
            @PathVariable long stepId,
            @PathVariable String action,
            RedirectAttributes redirect) {
        api.step(campaignId, stepId);
        int assigned = action.equals("assign") ? assignments.assign(stepId) : assignments.reassign(stepId);
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("callAssignment.flash.assigned", assigned));
        return "redirect:/campaigns/" + campaignId + "/steps/" + stepId + "/channel";
    }

    @PostMapping("/campaigns/{campaignId}/steps/{stepId}/letters.csv")
    void lettersCsv(@PathVariable long campaignId, @PathVariable long stepId, HttpServletResponse response)
            throws IOException {
        api.lettersCsv(campaignId, stepId, response);
    }

    @PostMapping("/campaigns/{campaignId}/steps/{stepId}/letters.pdf")
    void lettersPdf(@PathVariable long campaignId, @PathVariable long stepId, HttpServletResponse response)
            throws IOException {
        api.lettersPdf(campaignId, stepId, response);
    }

    @GetMapping("/campaigns/{campaignId}/steps/{stepId}/coupons.csv")
    void couponsCsv(@PathVariable long campaignId, @PathVariable long stepId, HttpServletResponse response)
            throws IOException {
        api.couponsCsv(campaignId, stepId, response);
    }
}
