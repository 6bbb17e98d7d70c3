package io.clientele.campaign.mix;

import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The channel-mix page: plan, create the sample test in one click, and roll out by what the sample observed. */
@Controller
class ChannelMixController {
    private final ChannelMixPlans plans;

    ChannelMixController(ChannelMixPlans plans) {
        this.plans = plans;
    }

    /** The form; with a target, the plan for it (computed, nothing stored). */
    @GetMapping("/campaigns/mix")
    String page(
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable String budget,
            @RequestParam(required = false) @Nullable String samplePercent,
            @RequestParam(required = false) @Nullable List<String> campaigns,
            Model model) {
        MixRequest form = new MixRequest(target, budget, samplePercent, campaigns);
        model.addAttribute("form", form);
        model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.NONE);
        if (form.target() != null) {
            try {
                model.addAttribute("proposal", plans.propose(form));
            } catch (InvalidInputException e) {
                model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            }
        }
        return plan(model);
    }

    @PostMapping("/campaigns/mix")
    String create(
            @ModelAttribute("form") MixRequest form,
            @RequestParam(required = false) @Nullable String key,
            Model model,
            RedirectAttributes redirect) {
        try {
            MixPlan plan = plans.create(
                    form,
                    key == null || key.isBlank() ? null : key,
                    Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("mix.flash.created"));
            return "redirect:/campaigns/mix/" + plan.id();
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            return plan(model);
        }
    }

    /** The form page, with a fresh idempotency key for its create button and the latest plans. */
    private String plan(Model model) {
        model.addAttribute("key", UUID.randomUUID().toString());
        model.addAttribute("plans", plans.recent(10));
        return "campaign/mix/plan";
    }

    @GetMapping("/campaigns/mix/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("plan", plans.find(id));
        return "campaign/mix/show";
    }

    @PostMapping("/campaigns/mix/{id}/rollout")
    String rollout(@PathVariable long id, RedirectAttributes redirect) {
        plans.rollout(id, Actor.current().name());
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("mix.flash.rollout"));
        return "redirect:/campaigns/mix/" + id;
    }
}
