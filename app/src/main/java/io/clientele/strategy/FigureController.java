package io.clientele.strategy;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.SalesStrategy;
import io.clientele.campaign.CampaignPurpose;
import io.clientele.insight.DrillQuery;
import io.clientele.insight.ScoreRuns;
import io.clientele.insight.ScoredCustomers;
import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.segment.ConditionJson;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The actions under a drill-down (a fragment the insight page loads) and their forms: save as a segment, start a
 * campaign or a journey on it, export it, and for a one-to-one class assign account managers. What a form cannot do
 * is shown on a page of its own with the fields at fault, and nothing is stored.
 */
@Controller
class FigureController {
    private final FigureActions actions;
    private final OwnerAssignments assignments;
    private final ScoreRuns runs;
    private final MessageSource messages;

    FigureController(FigureActions actions, OwnerAssignments assignments, ScoreRuns runs, MessageSource messages) {
        this.actions = actions;
        this.assignments = assignments;
        this.runs = runs;
        this.messages = messages;
    }

    @GetMapping("/insight/customers/actions")
    String actions(DrillQuery figure, Model model) {
        String problem = null;
        try {
            ScoredCustomers.Filter filter = Figures.filter(figure);
            model.addAttribute("condition", ConditionJson.toJson(actions.condition(figure)));
            model.addAttribute("defaultName", actions.defaultName(figure));
            model.addAttribute("figureParameters", filter.parameters());
            model.addAttribute("runId", figure.run());
            model.addAttribute(
                    "oneToOne",
                    filter.matrix() != null
                            && MatrixClass.valueOf(filter.matrix()).salesStrategy() == SalesStrategy.ONE_TO_ONE);
            model.addAttribute("salespeople", assignments.salespeople());
            model.addAttribute("rules", OwnerAssignments.Rule.values());
            model.addAttribute("purposes", CampaignPurpose.values());
        } catch (InvalidInputException e) {
            var first = e.problems().getFirst();
            problem = messages.getMessage(first.code(), first.args().toArray(), LocaleContextHolder.getLocale());
        }
        model.addAttribute("problem", problem);
        return "strategy/actions :: actions";
    }

    /** Where an action leads, and what the page there says. */
    private record Done(String target, Flash flash) {}

    @PostMapping("/segments/from-figure")
    String segment(
            DrillQuery figure,
            @RequestParam(required = false) @Nullable String name,
            Model model,
            RedirectAttributes redirect) {
        return act(
                figure,
                model,
                redirect,
                () -> new Done("/segments/" + actions.segment(figure, name).id(), Flash.of("figure.flash.segment")));
    }

    /** A draft campaign, or journey, on the figure's segment. */
    @PostMapping("/{kind:campaigns|journeys}/from-figure")
    String start(
            @PathVariable String kind,
            DrillQuery figure,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String purpose,
            Model model,
            RedirectAttributes redirect) {
        String actor = Actor.current().name();
        return act(
                figure,
                model,
                redirect,
                () -> kind.equals("journeys")
                        ? new Done(
                                "/journeys/"
                                        + actions.journey(figure, name, purpose, actor)
                                                .campaign()
                                                .id(),
                                Flash.of("figure.flash.journey"))
                        : new Done(
                                "/campaigns/"
                                        + actions.campaign(figure, name, purpose, actor)
                                                .id(),
                                Flash.of("figure.flash.campaign")));
    }

    @PostMapping("/customers/owner-assignments")
    String assign(
            DrillQuery figure,
            @RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable List<String> salespeople,
            @RequestParam(required = false) @Nullable Integer capacity,
            Model model,
            RedirectAttributes redirect) {
        return act(figure, model, redirect, () -> {
            OwnerAssignments.Result result = assignments
                    .assign(
                            new OwnerAssignments.Request(figure, rule, salespeople, capacity),
                            null,
                            Actor.current().name())
                    .result();
            return new Done(
                    drillDown(figure), Flash.of("assignment.flash.done", result.assigned(), result.unassigned()));
        });
    }

    /** Does the action and goes where it leads, or shows what was wrong (nothing is stored). */
    private String act(DrillQuery figure, Model model, RedirectAttributes redirect, Supplier<Done> action) {
        try {
            Done done = action.get();
            redirect.addFlashAttribute(Flash.ATTRIBUTE, done.flash());
            return "redirect:" + done.target();
        } catch (InvalidInputException e) {
            return refused(figure, e, model);
        }
    }

    private String refused(DrillQuery figure, InvalidInputException e, Model model) {
        HttpServletResponse response =
                ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
        if (response != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("problems", e.problems());
        model.addAttribute("back", drillDown(figure));
        return "strategy/refused";
    }

    /** The figure's drill-down, as far as the figure can be read back (a wrong field is left as it came). */
    private static String drillDown(DrillQuery figure) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/insight/customers");
        link.queryParamIfPresent("run", java.util.Optional.ofNullable(figure.run()));
        try {
            Figures.filter(figure).parameters().forEach(link::queryParam);
        } catch (InvalidInputException e) {
            // back to the latest run's overview of the figures instead
            return "/insight";
        }
        return link.build().encode().toUriString();
    }
}
