package io.clientele.campaign;

import io.clientele.campaign.audience.AudienceController;
import io.clientele.identity.UserAccounts;
import io.clientele.platform.Actor;
import io.clientele.platform.ConflictException;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The campaign pages: the list, the plan form, and the plan with its budget, history and workflow buttons. */
@Controller
class CampaignController {
    static final int BUDGET_ROWS = 8;

    private final Campaigns campaigns;
    private final UserAccounts users;
    private final AudienceController audience;

    CampaignController(Campaigns campaigns, UserAccounts users, AudienceController audience) {
        this.campaigns = campaigns;
        this.users = users;
        this.audience = audience;
    }

    @GetMapping("/campaigns")
    String list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        CampaignStatus filter = null;
        if (status != null && !status.isBlank()) {
            List<FieldProblem> problems = new ArrayList<>();
            filter = InputFields.oneOf("status", status, CampaignStatus.class, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
        }
        model.addAttribute("page", campaigns.page(filter, page, 25));
        model.addAttribute("status", filter);
        model.addAttribute("statuses", CampaignStatus.values());
        return "campaign/list";
    }

    @GetMapping("/campaigns/new")
    String create(Model model) {
        return form(model, emptyForm(Actor.current().name()), null);
    }

    @PostMapping("/campaigns")
    String created(@ModelAttribute("form") CampaignInput form, Model model, RedirectAttributes redirect) {
        try {
            Campaign campaign = campaigns.create(form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("campaign.flash.created"));
            return "redirect:/campaigns/" + campaign.id();
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e.problems()));
            return form(model, padded(form), null);
        }
    }

    @GetMapping("/campaigns/{id}")
    String show(@PathVariable long id, Model model) {
        Campaign campaign = campaigns.find(id);
        model.addAttribute("campaign", campaign);
        audience.addTo(model, campaign);
        return "campaign/show";
    }

    @GetMapping("/campaigns/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Campaign campaign = campaigns.find(id);
        return form(model, padded(inputOf(campaign)), campaign);
    }

    @PostMapping("/campaigns/{id}")
    String updated(
            @PathVariable long id,
            @ModelAttribute("form") CampaignInput form,
            Model model,
            RedirectAttributes redirect) {
        try {
            campaigns.update(id, form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("campaign.flash.saved"));
            return "redirect:/campaigns/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e.problems()));
            return form(model, padded(form), campaigns.find(id));
        }
    }

    @PostMapping("/campaigns/{id}/{action:submit|approve|reject|schedule|cancel}")
    String transition(
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) @Nullable String comment,
            RedirectAttributes redirect) {
        String actor = Actor.current().name();
        try {
            switch (action) {
                case "submit" -> campaigns.submit(id, actor);
                case "approve" -> campaigns.approve(id, actor, comment);
                case "reject" -> campaigns.reject(id, actor, comment);
                case "schedule" -> campaigns.schedule(id, actor);
                default -> campaigns.cancel(id, actor, comment);
            }
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("campaign.flash." + action));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("actionError", "comment");
        }
        return "redirect:/campaigns/" + id;
    }

    private String form(Model model, CampaignInput form, @Nullable Campaign campaign) {
        model.addAttribute("form", form);
        model.addAttribute("campaign", campaign);
        model.addAttribute("purposes", CampaignPurpose.values());
        model.addAttribute("costTypes", CostType.values());
        model.addAttribute(
                "owners",
                users.all().stream()
                        .filter(UserAccounts.UserAccount::enabled)
                        .map(UserAccounts.UserAccount::username)
                        .toList());
        return "campaign/form";
    }

    private static CampaignInput emptyForm(String owner) {
        return padded(new CampaignInput(null, null, null, null, owner, null, null, null, null, List.of()));
    }

    /** The plan as the form shows it again: its input, with blank budget rows up to the form's size. */
    static CampaignInput padded(CampaignInput input) {
        List<CampaignInput.BudgetLineInput> lines =
                new ArrayList<>(input.budget() == null ? List.of() : input.budget());
        while (lines.size() < BUDGET_ROWS) {
            lines.add(new CampaignInput.BudgetLineInput(null, null, null));
        }
        return new CampaignInput(
                input.name(),
                input.purpose(),
                input.description(),
                input.source(),
                input.owner(),
                input.startsOn(),
                input.endsOn(),
                input.targetResponseRate(),
                input.targetRevenue(),
                lines);
    }

    /** A stored plan as the form's input. */
    static CampaignInput inputOf(Campaign campaign) {
        CampaignInput.Plan plan = campaign.plan();
        List<CampaignInput.BudgetLineInput> lines = new ArrayList<>();
        plan.budget()
                .forEach(line -> lines.add(new CampaignInput.BudgetLineInput(
                        line.costType().name(),
                        line.description(),
                        line.amount().toPlainString())));
        return new CampaignInput(
                plan.name(),
                plan.purpose().name(),
                plan.description(),
                plan.source(),
                plan.owner(),
                plan.startsOn() == null ? null : plan.startsOn().toString(),
                plan.endsOn() == null ? null : plan.endsOn().toString(),
                plan.targetResponseRate() == null
                        ? null
                        : plan.targetResponseRate()
                                .movePointRight(2)
                                .stripTrailingZeros()
                                .toPlainString(),
                plan.targetRevenue() == null ? null : plan.targetRevenue().toPlainString(),
                lines);
    }
}
