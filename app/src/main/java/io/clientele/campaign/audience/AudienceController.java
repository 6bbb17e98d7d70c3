package io.clientele.campaign.audience;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignStep;
import io.clientele.campaign.CampaignSteps;
import io.clientele.campaign.Campaigns;
import io.clientele.campaign.ExclusionReason;
import io.clientele.campaign.InvitableEvents;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.StepInput;
import io.clientele.campaign.SuppressionReason;
import io.clientele.campaign.material.Materials;
import io.clientele.platform.Actor;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import io.clientele.segment.SavedSegments;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audience's part of the campaign page (steps, audience, launch, counts per reason), the drill-down into a
 * reason, the contact-pressure policy and the suppression list. Forms on the campaign page post here and come back to
 * it with their errors.
 */
@Controller
public class AudienceController {
    private final Campaigns campaigns;
    private final CampaignSteps steps;
    private final CampaignAudiences audiences;
    private final Launches launches;
    private final ContactPolicies policies;
    private final Suppressions suppressions;
    private final Materials materials;
    private final SavedSegments segments;
    private final InvitableEvents events;
    private final ZoneId zone;

    AudienceController(
            Campaigns campaigns,
            CampaignSteps steps,
            CampaignAudiences audiences,
            Launches launches,
            ContactPolicies policies,
            Suppressions suppressions,
            Materials materials,
            SavedSegments segments,
            InvitableEvents events,
            java.time.Clock clock) {
        this.campaigns = campaigns;
        this.steps = steps;
        this.audiences = audiences;
        this.launches = launches;
        this.policies = policies;
        this.suppressions = suppressions;
        this.materials = materials;
        this.segments = segments;
        this.events = events;
        this.zone = clock.getZone();
    }

    /** What the campaign page shows of the audience; the campaign controller calls it. */
    public void addTo(Model model, Campaign campaign) {
        List<CampaignStep> campaignSteps = steps.of(campaign.id());
        model.addAttribute("steps", campaignSteps);
        // each step's material by its name (an archived one too), not by its number
        Map<Long, String> materialNames = new HashMap<>();
        campaignSteps.stream()
                .map(CampaignStep::materialId)
                .filter(Objects::nonNull)
                .forEach(id ->
                        materialNames.computeIfAbsent(id, m -> materials.find(m).name()));
        model.addAttribute("materialNames", materialNames);
        Map<Long, String> eventNames = new HashMap<>();
        campaignSteps.stream()
                .map(CampaignStep::eventId)
                .filter(Objects::nonNull)
                .forEach(
                        id -> eventNames.computeIfAbsent(id, e -> events.name(e).orElse("#" + e)));
        model.addAttribute("eventNames", eventNames);
        model.addAttribute("events", events.open());
        model.addAttribute("audience", audiences.get(campaign.id()));
        model.addAttribute("counts", launches.counts(campaign.id()));
        model.addAttribute("reasons", ExclusionReason.values());
        model.addAttribute("channels", StepChannel.values());
        model.addAttribute("assignments", CampaignStep.CallAssignment.values());
        model.addAttribute("materials", materials.page(null, false, 0, 500).items());
        model.addAttribute("segments", segments.all(500));
        if (!model.containsAttribute("stepForm")) {
            model.addAttribute(
                    "stepForm", new StepInput(null, null, null, null, null, null, null, null, null, null, null, null));
        }
        if (!model.containsAttribute("stepErrors")) {
            model.addAttribute("stepErrors", FormErrors.NONE);
        }
        if (!model.containsAttribute("audienceErrors")) {
            model.addAttribute("audienceErrors", FormErrors.NONE);
        }
    }

    @PostMapping("/campaigns/{id}/steps")
    String createStep(@PathVariable long id, @ModelAttribute StepInput form, RedirectAttributes redirect) {
        try {
            steps.create(id, form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.stepAdded"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("stepForm", form);
            redirect.addFlashAttribute("stepErrors", FormErrors.of(e.problems()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/campaigns/" + id + "#steps";
    }

    @GetMapping("/campaigns/{id}/steps/{stepId}/edit")
    String editStep(@PathVariable long id, @PathVariable long stepId, Model model) {
        CampaignStep step = steps.ofCampaign(id, stepId);
        if (!model.containsAttribute("stepForm")) {
            model.addAttribute("stepForm", inputOf(step));
        }
        return stepPage(model, campaigns.find(id), step);
    }

    @PostMapping("/campaigns/{id}/steps/{stepId}")
    String updateStep(
            @PathVariable long id,
            @PathVariable long stepId,
            @ModelAttribute StepInput form,
            Model model,
            RedirectAttributes redirect) {
        try {
            steps.update(id, stepId, form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.stepSaved"));
            return "redirect:/campaigns/" + id + "#steps";
        } catch (InvalidInputException e) {
            model.addAttribute("stepForm", form);
            model.addAttribute("stepErrors", FormErrors.of(e.problems()));
            return stepPage(model, campaigns.find(id), steps.ofCampaign(id, stepId));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
            return "redirect:/campaigns/" + id;
        }
    }

    @PostMapping("/campaigns/{id}/steps/{stepId}/delete")
    String deleteStep(@PathVariable long id, @PathVariable long stepId, RedirectAttributes redirect) {
        try {
            steps.delete(id, stepId, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.stepDeleted"));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/campaigns/" + id + "#steps";
    }

    @PostMapping("/campaigns/{id}/audience")
    String updateAudience(@PathVariable long id, @ModelAttribute AudienceInput form, RedirectAttributes redirect) {
        try {
            audiences.update(id, form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.saved"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("audienceErrors", FormErrors.of(e.problems()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/campaigns/" + id + "#audience";
    }

    @PostMapping("/campaigns/{id}/launch")
    String launch(@PathVariable long id, RedirectAttributes redirect) {
        try {
            launches.launch(id, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.launched"));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("launchProblems", e.problems());
        }
        return "redirect:/campaigns/" + id;
    }

    @GetMapping("/campaigns/{id}/steps/{stepId}/excluded")
    String excluded(
            @PathVariable long id,
            @PathVariable long stepId,
            @RequestParam String reason,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        ExclusionReason why = AudienceApi.reason(reason);
        model.addAttribute("campaign", campaigns.find(id));
        model.addAttribute("step", steps.ofCampaign(id, stepId));
        model.addAttribute("reason", why);
        model.addAttribute("page", launches.excluded(id, stepId, why, page, 50));
        return "campaign/excluded";
    }

    @GetMapping("/campaigns/policy")
    String policy(Model model) {
        model.addAttribute("policy", policies.get());
        if (!model.containsAttribute("form")) {
            ContactPolicy policy = policies.get();
            model.addAttribute(
                    "form",
                    new ContactPolicies.Input(
                            String.valueOf(policy.maxContacts()), String.valueOf(policy.windowDays())));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.NONE);
        }
        return "campaign/policy";
    }

    @PostMapping("/campaigns/policy")
    String updatePolicy(@ModelAttribute("form") ContactPolicies.Input form, Model model, RedirectAttributes redirect) {
        try {
            policies.update(form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.policySaved"));
            return "redirect:/campaigns/policy";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e.problems()));
            return policy(model);
        }
    }

    @GetMapping("/campaigns/suppression")
    String suppression(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        model.addAttribute("q", q);
        model.addAttribute("page", suppressions.page(q, page, 50));
        model.addAttribute("channels", StepChannel.values());
        model.addAttribute("reasons", SuppressionReason.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new Suppressions.Input(null, null, null, "MANUAL", null));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.NONE);
        }
        return "campaign/suppression";
    }

    @PostMapping("/campaigns/suppression")
    String suppress(@ModelAttribute("form") Suppressions.Input form, Model model, RedirectAttributes redirect) {
        try {
            suppressions.add(form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.suppressed"));
            return "redirect:/campaigns/suppression";
        } catch (InvalidInputException e) {
            model.addAttribute("errors", FormErrors.of(e.problems()));
            return suppression(null, 0, model);
        }
    }

    @PostMapping("/campaigns/suppression/upload")
    String upload(
            @RequestParam("file") MultipartFile file,
            @ModelAttribute("form") Suppressions.Input form,
            Model model,
            RedirectAttributes redirect)
            throws java.io.IOException {
        try {
            int added = suppressions.addAll(
                    file.getInputStream(), form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.uploaded", added));
            return "redirect:/campaigns/suppression";
        } catch (InvalidInputException e) {
            model.addAttribute("uploadProblems", e.problems());
            return suppression(null, 0, model);
        }
    }

    @PostMapping("/campaigns/suppression/{suppressionId}/delete")
    String unsuppress(@PathVariable long suppressionId, RedirectAttributes redirect) {
        suppressions.remove(suppressionId, Actor.current().name());
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("audience.flash.unsuppressed"));
        return "redirect:/campaigns/suppression";
    }

    private String stepPage(Model model, Campaign campaign, CampaignStep step) {
        model.addAttribute("campaign", campaign);
        model.addAttribute("step", step);
        model.addAttribute("channels", StepChannel.values());
        model.addAttribute("assignments", CampaignStep.CallAssignment.values());
        model.addAttribute("materials", materials.page(null, false, 0, 500).items());
        // the step's own event stays offered after its registration closed, so that saving keeps it
        List<InvitableEvents.Choice> open = new java.util.ArrayList<>(events.open());
        if (step.eventId() != null && open.stream().noneMatch(e -> e.id() == step.eventId())) {
            open.add(new InvitableEvents.Choice(
                    step.eventId(), events.name(step.eventId()).orElse("#" + step.eventId())));
        }
        model.addAttribute("events", open);
        if (!model.containsAttribute("stepErrors")) {
            model.addAttribute("stepErrors", FormErrors.NONE);
        }
        return "campaign/step";
    }

    private StepInput inputOf(CampaignStep step) {
        return new StepInput(
                step.name(),
                step.channel().name(),
                step.materialId() == null ? null : step.materialId().toString(),
                step.offer(),
                step.couponPrefix(),
                step.couponValue() == null ? null : step.couponValue().toPlainString(),
                step.couponValidUntil() == null ? null : step.couponValidUntil().toString(),
                step.assignment() == null ? null : step.assignment().name(),
                step.sendAt() == null
                        ? null
                        : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                                step.sendAt().atZone(zone).toLocalDateTime()),
                step.throttlePerMinute() == null
                        ? null
                        : step.throttlePerMinute().toString(),
                step.unitCost().stripTrailingZeros().toPlainString(),
                step.eventId() == null ? null : step.eventId().toString());
    }
}
