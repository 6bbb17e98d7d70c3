package io.clientele.merchandising;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Salesperson appraisal", description = "Targets per salesperson and period, and actual against target")
class AppraisalApi {
    private final SalespersonAppraisal appraisal;
    private final SalespersonTargets targets;

    AppraisalApi(SalespersonAppraisal appraisal, SalespersonTargets targets) {
        this.appraisal = appraisal;
        this.targets = targets;
    }

    @GetMapping("/api/v1/merchandising/appraisal")
    @Operation(
            summary = "Salespeople ranked by revenue against target, with their customers' value and retention",
            description = "period: a month (2026-11) or a quarter (2026-Q4), default the last complete month."
                    + " Per salesperson: revenue (lines, returns subtracted), target, attainment (revenue /"
                    + " target), rank (1 the highest attainment; null without a target), receipts, customers,"
                    + " customersClv (their customers' average 12-month lifetime value in the latest scoring run),"
                    + " gradeAShare, previousCustomers, retained and retention (the share of the card holders they"
                    + " served in the period before who bought from them again). A store manager sees their stores'"
                    + " salespeople.")
    SalespersonAppraisal.Appraisal appraisal(@RequestParam(required = false) @Nullable String period) {
        return appraisal.of(period);
    }

    @GetMapping("/api/v1/merchandising/targets")
    @Operation(
            summary = "The targets of a period",
            description = "period: a month (2026-11) or a quarter (2026-Q4), default the last complete month.")
    List<SalespersonTargets.Target> targets(@RequestParam(required = false) @Nullable String period) {
        return targets.of(appraisal.period(period));
    }

    /** One target; the period's earlier target of the salesperson is replaced, so a retry changes nothing twice. */
    record TargetRequest(
            @Nullable String salesperson,
            @Nullable String period,
            @Nullable String revenue) {}

    @PutMapping("/api/v1/merchandising/targets")
    @Operation(
            summary = "Set a salesperson's revenue target of a month or quarter",
            description = "salesperson: a salesperson's code (a store manager: of their stores); period: 2026-11 or"
                    + " 2026-Q4; revenue: at least 0, at most 2 decimals (a string or a number). Replaces the"
                    + " period's earlier target. 400 naming the field.")
    SalespersonTargets.Target set(@RequestBody TargetRequest request) {
        return targets.set(request.salesperson(), request.period(), request.revenue());
    }

    @PostMapping(value = "/api/v1/merchandising/targets/import", consumes = "text/csv")
    @Operation(
            summary = "Set many targets from a CSV file: every row, or none",
            description = "A header with the columns salesperson, period and revenue (others ignored), one target a"
                    + " row. A bad row is a 400 naming lines[N].field (N the file's line, the header being 1), and"
                    + " nothing is stored. 200 with the number of targets stored.")
    Map<String, Integer> importCsv(InputStream body) throws IOException {
        return Map.of("stored", targets.importCsv(body));
    }
}
