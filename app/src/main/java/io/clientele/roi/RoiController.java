package io.clientele.roi;

import io.clientele.campaign.CampaignPurpose;
import io.clientele.campaign.Campaigns;
import io.clientele.platform.Actor;
import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
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

/**
 * The pages: a campaign's costs, settlement, close, revenue and ROI ({@code /campaigns/{id}/roi}); the campaigns of
 * a period side by side with the period report as CSV ({@code /campaigns/performance}); the period costs.
 */
@Controller
class RoiController {
    private final Campaigns campaigns;
    private final CampaignCosts costs;
    private final PeriodCosts periodCosts;
    private final Attribution attribution;
    private final Performance performance;
    private final ComparisonFigures comparison;
    private final RoiProperties properties;

    RoiController(
            Campaigns campaigns,
            CampaignCosts costs,
            PeriodCosts periodCosts,
            Attribution attribution,
            Performance performance,
            ComparisonFigures comparison,
            RoiProperties properties) {
        this.campaigns = campaigns;
        this.costs = costs;
        this.periodCosts = periodCosts;
        this.attribution = attribution;
        this.performance = performance;
        this.comparison = comparison;
        this.properties = properties;
    }

    @GetMapping("/campaigns/{id}/roi")
    String campaign(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable Integer windowDays,
            Model page) {
        AttributionModel chosen = RoiApi.model(model);
        int window = Attribution.window(windowDays, properties.attributionWindowDays());
        page.addAttribute("campaign", campaigns.find(id));
        page.addAttribute("settlement", costs.settlement(id));
        page.addAttribute("costs", costs.costs(id));
        page.addAttribute("figures", performance.of(id, chosen, window));
        page.addAttribute("attribution", attribution.of(id, chosen, window));
        page.addAttribute("models", AttributionModel.values());
        if (!page.containsAttribute("costForm")) {
            page.addAttribute("costForm", new CampaignCosts.CostInput(null, null, null, null, null));
            page.addAttribute("costErrors", FormErrors.NONE);
        }
        if (!page.containsAttribute("closeErrors")) {
            page.addAttribute("closeErrors", FormErrors.NONE);
        }
        return "roi/campaign";
    }

    @PostMapping("/campaigns/{id}/costs")
    String addCost(@PathVariable long id, @ModelAttribute CampaignCosts.CostInput form, RedirectAttributes redirect) {
        try {
            costs.add(id, form, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("roi.flash.costAdded"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("costForm", form);
            redirect.addFlashAttribute("costErrors", FormErrors.of(e.problems()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/campaigns/" + id + "/roi";
    }

    @PostMapping("/campaigns/{id}/close")
    String close(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String explanation,
            RedirectAttributes redirect) {
        try {
            costs.close(id, explanation, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("roi.flash.closed"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("closeErrors", FormErrors.of(e.problems()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/campaigns/" + id + "/roi";
    }

    @GetMapping("/campaigns/performance")
    String compare(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String purpose,
            @RequestParam(required = false) @Nullable String model,
            Model page) {
        AttributionModel chosen = RoiApi.model(model);
        page.addAttribute(
                "rows",
                comparison.compare(
                        RoiApi.filter(from, to, purpose), chosen, properties.attributionWindowDays(), false));
        page.addAttribute("refreshedAt", comparison.refreshedAt());
        page.addAttribute("from", from);
        page.addAttribute("to", to);
        page.addAttribute("purpose", purpose);
        page.addAttribute("model", chosen);
        page.addAttribute("models", AttributionModel.values());
        page.addAttribute("purposes", CampaignPurpose.values());
        return "roi/compare";
    }

    @GetMapping("/campaigns/performance.csv")
    void report(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String purpose,
            @RequestParam(required = false) @Nullable String model,
            HttpServletResponse response)
            throws IOException {
        List<Performance.Figures> rows = comparison.compare(
                RoiApi.filter(from, to, purpose), RoiApi.model(model), properties.attributionWindowDays(), true);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-performance.csv\"");
        performance.csv(rows, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    @GetMapping("/campaigns/period-costs")
    String periodCosts(Model page) {
        page.addAttribute("periodCosts", periodCosts.list(null, null));
        page.addAttribute("rules", AllocationRule.values());
        if (!page.containsAttribute("errors")) {
            page.addAttribute("errors", FormErrors.NONE);
        }
        return "roi/period-costs";
    }

    @PostMapping("/campaigns/period-costs")
    String createPeriodCost(
            @RequestParam(required = false) @Nullable String startsOn,
            @RequestParam(required = false) @Nullable String endsOn,
            @RequestParam(required = false) @Nullable String amount,
            @RequestParam(required = false) @Nullable String description,
            @RequestParam(required = false) @Nullable String rule,
            RedirectAttributes redirect) {
        try {
            periodCosts.create(
                    new PeriodCosts.Input(startsOn, endsOn, amount, description, rule, null),
                    Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("roi.flash.periodCostAdded"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("errors", FormErrors.of(e.problems()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/campaigns/period-costs";
    }
}
