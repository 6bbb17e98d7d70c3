package io.clientele.campaign.send;

import io.clientele.campaign.SendStatus;
import io.clientele.campaign.StepChannel;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.FormErrors;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The outbox pages, and the campaign page's sending section (loaded into it by htmx). */
@Controller
class SendController {
    private final OutboxMessages outbox;

    SendController(OutboxMessages outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/campaigns/outbox")
    String list(
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(required = false) @Nullable Long step,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        StepChannel chosen = null;
        try {
            chosen = SendApi.channel(channel);
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e.problems()));
        }
        model.addAttribute("page", outbox.page(campaign, step, chosen, page, 50));
        model.addAttribute("campaign", campaign);
        model.addAttribute("step", step);
        model.addAttribute("channel", chosen == null ? null : chosen.name());
        model.addAttribute("channels", List.of(StepChannel.EMAIL.name(), StepChannel.SMS.name()));
        return "campaign/outbox";
    }

    @GetMapping("/campaigns/outbox/{id}")
    String message(@PathVariable long id, Model model) {
        model.addAttribute("message", outbox.get(id));
        return "campaign/outbox-message";
    }

    @GetMapping("/campaigns/{id}/sending")
    String sending(@PathVariable long id, Model model) {
        List<OutboxMessages.StepProgress> steps = outbox.progress(id);
        model.addAttribute("campaignId", id);
        model.addAttribute("steps", steps);
        model.addAttribute(
                "states",
                List.of(
                        SendStatus.PENDING,
                        SendStatus.SENDING,
                        SendStatus.SENT,
                        SendStatus.FAILED,
                        SendStatus.UNCERTAIN));
        model.addAttribute(
                "inFlight",
                steps.stream()
                        .anyMatch(s -> s.members().get(SendStatus.PENDING) > 0
                                || s.members().get(SendStatus.SENDING) > 0));
        return "campaign/sending :: sending";
    }
}
