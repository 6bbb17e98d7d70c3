package io.clientele.strategy;

import io.clientele.analytics.value.MarketingStrategy;
import io.clientele.analytics.value.SalesStrategy;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.campaign.Campaigns;
import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The nine classes' playbooks (read by whoever reads the insight pages, changed by managers), and what has been done
 * per class, a fragment the matrix of the insight page loads.
 */
@Controller
class PlaybookController {
    /** The campaigns a playbook may suggest to start from: the latest ones. */
    private static final int TEMPLATES = 100;

    private final Playbooks playbooks;
    private final Campaigns campaigns;

    PlaybookController(Playbooks playbooks, Campaigns campaigns) {
        this.playbooks = playbooks;
        this.campaigns = campaigns;
    }

    @GetMapping("/insight/playbooks")
    String list(Model model) {
        model.addAttribute("playbooks", playbooks.all());
        model.addAttribute("channels", SalesStrategy.values());
        model.addAttribute("aims", MarketingStrategy.values());
        model.addAttribute("purposes", CampaignPurpose.values());
        model.addAttribute("templates", campaigns.page(null, 0, TEMPLATES).items());
        return "strategy/playbooks";
    }

    @PostMapping("/insight/playbooks/{matrixClass}")
    String update(
            @PathVariable String matrixClass, Playbooks.PlaybookInput input, Model model, RedirectAttributes redirect) {
        try {
            playbooks.update(matrixClass, input, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("playbook.flash.saved"));
            return "redirect:/insight/playbooks";
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            model.addAttribute("failed", matrixClass);
            return list(model);
        }
    }

    @GetMapping("/insight/playbooks/progress")
    String progress(Model model) {
        model.addAttribute("progress", playbooks.progress());
        return "strategy/progress :: progress";
    }
}
