package io.clientele.roi;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Campaign costs, the close and its settlement, period costs, attribution and performance by API (docs/api.md). */
@RestController
@Tag(name = "Campaign ROI", description = "Costs, settlement, period cost allocation, attribution and performance")
class RoiApi {
    private final CampaignCosts costs;
    private final PeriodCosts periodCosts;
    private final Attribution attribution;
    private final Performance performance;
    private final ComparisonFigures comparison;
    private final RoiProperties properties;

    RoiApi(
            CampaignCosts costs,
            PeriodCosts periodCosts,
            Attribution attribution,
            Performance performance,
            ComparisonFigures comparison,
            RoiProperties properties) {
        this.costs = costs;
        this.periodCosts = periodCosts;
        this.attribution = attribution;
        this.performance = performance;
        this.comparison = comparison;
        this.properties = properties;
    }

    record CloseInput(@Nullable String explanation) {}

    @GetMapping("/api/v1/campaigns/{id}/costs")
    @Operation(summary = "A campaign's actual costs, booked against its budget lines")
    List<CampaignCosts.Cost> costs(@PathVariable long id) {
        return costs.costs(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/costs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Book an actual cost against a budget line (campaigns:approve; 409 once closed)")
    CampaignCosts.Cost addCost(@PathVariable long id, @RequestBody CampaignCosts.CostInput input) {
        return costs.add(id, input, Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/{id}/settlement")
    @Operation(summary = "Planned against actual per budget line and in total, with the variance")
    CampaignCosts.Settlement settlement(@PathVariable long id) {
        return costs.settlement(id);
    }

    @PostMapping("/api/v1/campaigns/{id}/close")
    @Operation(
            summary = "Close a completed or cancelled campaign, settling its costs (campaigns:approve; an explanation"
                    + " is required beyond the variance threshold)")
    CampaignCosts.Settlement close(@PathVariable long id, @RequestBody(required = false) @Nullable CloseInput input) {
        return costs.close(
                id, input == null ? null : input.explanation(), Actor.current().name());
    }

    @GetMapping("/api/v1/campaigns/{id}/attribution")
    @Operation(summary = "Attributed revenue by a touch model and incremental revenue against the control group")
    Attribution.Result attribution(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable Integer windowDays) {
        return attribution.of(id, model(model), Attribution.window(windowDays, properties.attributionWindowDays()));
    }

    @GetMapping("/api/v1/campaigns/{id}/performance")
    @Operation(summary = "A campaign's funnel, costs, revenue and ROI")
    Performance.Figures performance(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable Integer windowDays) {
        return performance.of(id, model(model), Attribution.window(windowDays, properties.attributionWindowDays()));
    }

    @GetMapping("/api/v1/campaign-performance")
    @Operation(summary = "The launched campaigns of a period (and purpose) side by side; CSV with format=csv")
    Object compare(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String purpose,
            @RequestParam(required = false) @Nullable String model,
            @RequestParam(required = false) @Nullable Integer windowDays,
            @RequestParam(required = false) @Nullable String format,
            jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        List<Performance.Figures> rows = comparison.compare(
                filter(from, to, purpose),
                model(model),
                Attribution.window(windowDays, properties.attributionWindowDays()),
                true);
        if (!"csv".equals(format)) {
            return rows;
        }
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"campaign-performance.csv\"");
        performance.csv(rows, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        return null;
    }

    @GetMapping("/api/v1/period-costs")
    @Operation(summary = "Indirect period costs overlapping [from, to], with their allocations")
    List<PeriodCosts.PeriodCost> periodCosts(
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Performance.Filter filter = filter(from, to, null);
        return periodCosts.list(filter.from(), filter.to());
    }

    @GetMapping("/api/v1/period-costs/{id}")
    @Operation(summary = "A period cost with its allocation")
    PeriodCosts.PeriodCost periodCost(@PathVariable long id) {
        return periodCosts.find(id);
    }

    @PostMapping("/api/v1/period-costs")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enter a period cost and allocate it by its rule (campaigns:approve)")
    PeriodCosts.PeriodCost createPeriodCost(@RequestBody PeriodCosts.Input input) {
        return periodCosts.create(input, Actor.current().name());
    }

    @PutMapping("/api/v1/period-costs/{id}")
    @Operation(summary = "Change a period cost, its rule or shares, and reallocate it (campaigns:approve)")
    PeriodCosts.PeriodCost updatePeriodCost(@PathVariable long id, @RequestBody PeriodCosts.Input input) {
        return periodCosts.update(id, input, Actor.current().name());
    }

    @PostMapping("/api/v1/period-costs/{id}/allocate")
    @Operation(summary = "Recompute a period cost's allocation, replacing the stored one (campaigns:approve)")
    PeriodCosts.PeriodCost allocate(@PathVariable long id) {
        return periodCosts.allocate(id);
    }

    static AttributionModel model(@Nullable String model) {
        List<FieldProblem> problems = new ArrayList<>();
        if (InputFields.trimmed(model) == null) {
            return AttributionModel.LAST_TOUCH;
        }
        AttributionModel chosen = InputFields.oneOf("model", model, AttributionModel.class, problems);
        if (chosen == null) {
            throw new InvalidInputException(problems);
        }
        return chosen;
    }

    static Performance.Filter filter(@Nullable String from, @Nullable String to, @Nullable String purpose) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate start = InputFields.date("from", from, problems);
        LocalDate end = InputFields.date("to", to, problems);
        String chosen = InputFields.trimmed(purpose);
        if (chosen != null) {
            io.clientele.campaign.CampaignPurpose value =
                    InputFields.oneOf("purpose", chosen, io.clientele.campaign.CampaignPurpose.class, problems);
            chosen = value == null ? null : value.name();
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Performance.Filter(start, end, chosen);
    }
}
