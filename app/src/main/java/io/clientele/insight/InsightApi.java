package io.clientele.insight;

import io.clientele.platform.Actor;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Insight", description = "Figures and analytics")
class InsightApi {
    private final ScoreRuns runs;
    private final Scoring scoring;
    private final ScoredCustomers customers;
    private final ClvValidation validation;
    private final ProductQuality quality;

    InsightApi(
            ScoreRuns runs,
            Scoring scoring,
            ScoredCustomers customers,
            ClvValidation validation,
            ProductQuality quality) {
        this.runs = runs;
        this.scoring = scoring;
        this.customers = customers;
        this.validation = validation;
        this.quality = quality;
    }

    @GetMapping("/api/v1/insight/clv/validation")
    @Operation(
            summary = "The lifetime-value model fitted up to a calibration end and compared with the holdout after it",
            description = "model: bgnbd (default), mbgnbd or paretonbd; the holdout runs to yesterday")
    ClvValidation.Result validation(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate calibrationEnd,
            @RequestParam(defaultValue = "bgnbd") String model) {
        return validation.validate(model, calibrationEnd);
    }

    @PostMapping("/api/v1/insight/runs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Queue a scoring run",
            description =
                    "Every field is optional: asOf (default today: everything up to now), churnDays, gradeA/gradeB/gradeC "
                            + "(cumulative profit shares 0-1). A run of the same date and parameters still queued or running "
                            + "is answered instead of queuing another.")
    ScoreRun start(@RequestBody(required = false) Scoring.@Nullable Request request) {
        return scoring.queue(
                ScoreRun.Trigger.API,
                request == null ? Scoring.Request.defaults() : request,
                Actor.current().name());
    }

    @GetMapping("/api/v1/insight/runs")
    @Operation(summary = "Scoring runs, newest first, with progress, parameters and figures")
    PageResult<ScoreRun> runs(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, 100);
        return runs.page(page, size);
    }

    @GetMapping("/api/v1/insight/runs/latest")
    @Operation(summary = "The latest completed scoring run: the one the insight pages show")
    ScoreRun latest() {
        return runs.latestCompleted().orElseThrow(() -> new NotFoundException("No completed scoring run yet"));
    }

    @GetMapping("/api/v1/insight/runs/{id}")
    @Operation(summary = "One scoring run")
    ScoreRun run(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("No scoring run " + id));
    }

    @GetMapping("/api/v1/insight/runs/{id}/product-quality")
    @Operation(
            summary = "Complaint and product-failure rates (per 1,000 units sold) per product over the run's lookback;"
                    + " per store with byStore=true; one product with product=, one store with store=",
            description = "Products with a complaint, the most failures first (at most 500); a product asked for by"
                    + " id is listed even without one. A store manager gets the figures of their stores only.")
    List<ProductQuality.Rate> productQuality(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Integer product,
            @RequestParam(required = false) @Nullable Integer store,
            @RequestParam(defaultValue = "false") boolean byStore) {
        return quality.ofRun(id, product, store, byStore);
    }

    @GetMapping("/api/v1/insight/customers")
    @Operation(
            summary = "The customers behind a figure of a run",
            description = "run defaults to the latest completed; grade, segment, r, f, matrix, churned, "
                    + "unknownSatisfaction, topPercent (best by profit), churnMonth (yyyy-MM, with grade), clvBand; "
                    + "sort: profit, revenue, recency, frequency, loyalty, satisfaction or name")
    PageResult<ScoredCustomers.ScoredCustomer> customers(
            DrillQuery query, @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, 500);
        return customers.page(query.scoreRun(runs), query.filter(), query.order(), page, size);
    }

    @GetMapping("/api/v1/customers/{id}/scores")
    @Operation(summary = "A customer's scores in the latest runs, latest first")
    List<ScoredCustomers.RunScore> customerScores(@PathVariable long id) {
        return customers.ofCustomer(id, 10);
    }
}
