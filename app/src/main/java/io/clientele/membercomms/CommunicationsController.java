package io.clientele.membercomms;

import io.clientele.campaign.material.Material;
import io.clientele.campaign.material.MaterialKind;
import io.clientele.campaign.material.Materials;
import io.clientele.platform.Actor;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The "Member communications" page under loyalty: the six programmes, set up, approved once, paused; their results. */
@Controller
class CommunicationsController {
    private final MemberProgrammes programmes;
    private final Materials materials;

    CommunicationsController(MemberProgrammes programmes, Materials materials) {
        this.programmes = programmes;
        this.materials = materials;
    }

    @GetMapping("/loyalty/communications")
    String page(Model model) {
        model.addAttribute("kinds", ProgrammeKind.values());
        model.addAttribute("programmes", programmes.all());
        List<Material> choices = new ArrayList<>();
        for (MaterialKind kind : List.of(MaterialKind.EMAIL, MaterialKind.SMS)) {
            choices.addAll(materials.page(kind, false, 0, PageResult.MAX_SIZE).items());
        }
        model.addAttribute("materials", choices);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FormErrors.NONE);
        }
        return "loyalty/communications";
    }

    @PostMapping("/loyalty/communications/{kind}")
    String define(
            @PathVariable String kind,
            @ModelAttribute MemberProgrammes.ProgrammeInput form,
            RedirectAttributes redirect) {
        ProgrammeKind parsed = CommunicationsApi.kind(kind);
        return act(parsed, redirect, "loyalty.communication.flash.saved", (k, actor) -> {
            try {
                return programmes.define(k, form, actor);
            } catch (InvalidInputException e) {
                redirect.addFlashAttribute("errorsOf", k.name());
                redirect.addFlashAttribute("errors", FormErrors.of(e.problems()));
                redirect.addFlashAttribute("form", form);
                return null;
            }
        });
    }

    @PostMapping("/loyalty/communications/{kind}/submit")
    String submit(@PathVariable String kind, RedirectAttributes redirect) {
        return act(CommunicationsApi.kind(kind), redirect, "loyalty.communication.flash.submitted", programmes::submit);
    }

    @PostMapping("/loyalty/communications/{kind}/approve")
    String approve(@PathVariable String kind, RedirectAttributes redirect) {
        return act(
                CommunicationsApi.kind(kind),
                redirect,
                "loyalty.communication.flash.approved",
                (k, actor) -> programmes.approve(k, actor, null));
    }

    @PostMapping("/loyalty/communications/{kind}/reject")
    String reject(
            @PathVariable String kind,
            @RequestParam(required = false) @Nullable String comment,
            RedirectAttributes redirect) {
        return act(
                CommunicationsApi.kind(kind),
                redirect,
                "loyalty.communication.flash.rejected",
                (k, actor) -> programmes.reject(k, actor, comment));
    }

    @PostMapping("/loyalty/communications/{kind}/pause")
    String pause(@PathVariable String kind, RedirectAttributes redirect) {
        return act(CommunicationsApi.kind(kind), redirect, "loyalty.communication.flash.paused", programmes::pause);
    }

    @PostMapping("/loyalty/communications/{kind}/resume")
    String resume(@PathVariable String kind, RedirectAttributes redirect) {
        return act(CommunicationsApi.kind(kind), redirect, "loyalty.communication.flash.resumed", programmes::resume);
    }

    /** Runs the action as the signed-in person; a refused one comes back as the page's error, not a 4xx page. */
    private static String act(
            ProgrammeKind kind,
            RedirectAttributes redirect,
            String done,
            BiFunction<ProgrammeKind, String, MemberProgrammes.@Nullable Programme> action) {
        try {
            if (action.apply(kind, Actor.current().name()) != null) {
                redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of(done));
            }
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errorsOf", kind.name());
            redirect.addFlashAttribute("errors", FormErrors.of(e.problems()));
        }
        return "redirect:/loyalty/communications#" + kind.name();
    }
}
