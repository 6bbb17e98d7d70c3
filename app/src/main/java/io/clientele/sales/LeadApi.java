package io.clientele.sales;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leads, opportunities and the pipeline over HTTP ({@code leads:read}, {@code leads:write}; the pipeline's stages,
 * the response rules and the assignment settings with {@code leads:manage}). A salesperson sees and changes only
 * their own leads and opportunities: another's is a 404.
 */
@RestController
class LeadApi {
    record Disqualify(@Nullable String reason) {}

    record Reassign(@Nullable List<Long> ids, @Nullable String owner) {}

    record Reassigned(int changed) {}

    record Move(@Nullable String stage, @Nullable String reason) {}

    record Receipt(@Nullable Long saleId) {}

    record Imported(int rows, List<Long> ids) {}

    private final Leads leads;
    private final Opportunities opportunities;
    private final PipelineStages stages;
    private final LeadRules rules;
    private final LeadImport imports;
    private final LeadSettings settings;

    LeadApi(
            Leads leads,
            Opportunities opportunities,
            PipelineStages stages,
            LeadRules rules,
            LeadImport imports,
            LeadSettings settings) {
        this.leads = leads;
        this.opportunities = opportunities;
        this.stages = stages;
        this.rules = rules;
        this.imports = imports;
        this.settings = settings;
    }

    @GetMapping("/api/v1/leads")
    @Operation(summary = "Leads, highest score first; filters: status, owner, source, campaign")
    PageResult<Leads.Lead> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return leads.page(
                new Leads.Filter(
                        parse(LeadStatus.class, "status", status),
                        owner,
                        parse(LeadSource.class, "source", source),
                        campaign),
                page,
                size);
    }

    @PostMapping("/api/v1/leads")
    @Operation(
            summary = "Create a lead for a customer or a new contact; 201, or 200 with the person's open lead",
            description = "A new contact matching a customer by email or phone becomes that customer's lead; a person"
                    + " with an open lead gets that lead back (updated). Without an owner the assignment rules deal"
                    + " it. Idempotent by the optional Idempotency-Key header: a retry with the same key and body"
                    + " returns the first answer; another body under a used key is refused with 422.")
    ResponseEntity<?> create(
            @Parameter(description = "a unique key per lead, e.g. a UUID; reused only to retry the same request")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody Leads.LeadInput input) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidInputException(FieldProblem.of("Idempotency-Key", "validation.between", 1, 200));
        }
        try {
            Leads.Created created =
                    leads.create(input, Actor.current().name(), idempotencyKey == null ? null : idempotencyKey.strip());
            return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                    .body(created.lead());
        } catch (Leads.KeyReusedException e) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        }
    }

    @PostMapping(path = "/api/v1/leads/import", consumes = "text/csv")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Import leads from one CSV file (see docs/api.md for the columns); all rows or none",
            description = "Every bad row is reported as 'row N: field' in one 400; nothing is stored then.")
    Imported importCsv(InputStream body) throws IOException {
        List<Long> ids = imports.importCsv(body, Actor.current().name());
        return new Imported(ids.size(), ids);
    }

    @GetMapping("/api/v1/leads/{id}")
    @Operation(summary = "A lead")
    Leads.Lead get(@PathVariable long id) {
        return leads.find(id);
    }

    @PostMapping("/api/v1/leads/{id}/work")
    @Operation(summary = "Start working a NEW lead (WORKING)")
    Leads.Lead work(@PathVariable long id) {
        return leads.work(id);
    }

    @PostMapping("/api/v1/leads/{id}/disqualify")
    @Operation(summary = "Disqualify a lead; the reason is required")
    Leads.Lead disqualify(@PathVariable long id, @RequestBody Disqualify body) {
        return leads.disqualify(id, body.reason());
    }

    @PostMapping("/api/v1/leads/{id}/convert")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Convert a lead to an opportunity: the lead becomes QUALIFIED and linked")
    Opportunities.Opportunity convert(@PathVariable long id, @RequestBody Opportunities.OpportunityInput input) {
        return opportunities.convert(id, input);
    }

    @PostMapping("/api/v1/leads/reassign")
    @Operation(summary = "Give leads (up to 1,000) to a salesperson; all or none")
    Reassigned reassign(@RequestBody Reassign body) {
        return new Reassigned(leads.reassign(body.ids() == null ? List.of() : body.ids(), body.owner()));
    }

    @GetMapping("/api/v1/leads/rules")
    @Operation(summary = "The rules that turn campaign responses into leads")
    List<LeadRules.Rule> rules() {
        return rules.all();
    }

    @PostMapping("/api/v1/leads/rules")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a rule: a campaign and CLICKED (optionally one link) or CALL_OUTCOME (optionally outcomes)")
    LeadRules.Rule addRule(@RequestBody LeadRules.RuleInput input) {
        return rules.add(input, Actor.current().name());
    }

    @DeleteMapping("/api/v1/leads/rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a rule (leads it made stay)")
    void deleteRule(@PathVariable long id) {
        rules.delete(id);
    }

    @GetMapping("/api/v1/leads/settings")
    @Operation(summary = "The assignment settings: each salesperson's capacity of open leads, the senior list")
    LeadSettings.Settings settings() {
        return settings.get();
    }

    @PutMapping("/api/v1/leads/settings")
    @Operation(summary = "Change the assignment settings; every senior must be a salesperson")
    LeadSettings.Settings changeSettings(@RequestBody LeadSettings.Settings input) {
        return settings.change(input);
    }

    @GetMapping("/api/v1/opportunities")
    @Operation(summary = "Opportunities by stage, then expected close date; filters: stage, owner, campaign")
    PageResult<Opportunities.Opportunity> opportunities(
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return opportunities.page(new Opportunities.Filter(stage, owner, campaign), page, size);
    }

    @GetMapping("/api/v1/opportunities/{id}")
    @Operation(summary = "An opportunity")
    Opportunities.Opportunity opportunity(@PathVariable long id) {
        return opportunities.find(id);
    }

    @PutMapping("/api/v1/opportunities/{id}")
    @Operation(summary = "Change an opportunity's fields (those given); a WON or LOST one cannot change stage")
    Opportunities.Opportunity update(@PathVariable long id, @RequestBody Opportunities.OpportunityInput input) {
        return opportunities.update(id, input, null);
    }

    @PostMapping("/api/v1/opportunities/{id}/stage")
    @Operation(summary = "Move to a stage (by name or id); LOST needs a reason; a WON or LOST one is refused (400)")
    Opportunities.Opportunity move(@PathVariable long id, @RequestBody Move body) {
        if (body.stage() == null || body.stage().isBlank()) {
            throw new InvalidInputException(FieldProblem.of("stage", "validation.required"));
        }
        return opportunities.update(
                id,
                new Opportunities.OpportunityInput(null, null, null, null, body.stage(), null, null),
                body.reason());
    }

    @PostMapping("/api/v1/opportunities/{id}/receipt")
    @Operation(summary = "Match a won opportunity to a POS receipt (sale id) of the same customer")
    Opportunities.Opportunity receipt(@PathVariable long id, @RequestBody Receipt body) {
        return opportunities.matchReceipt(id, body.saleId());
    }

    @GetMapping("/api/v1/pipeline-stages")
    @Operation(summary = "The pipeline's stages in order, with their probability and outcome (WON, LOST or none)")
    List<PipelineStages.Stage> stages() {
        return stages.all();
    }

    @PostMapping("/api/v1/pipeline-stages")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an open stage at a position (the later ones move down)")
    PipelineStages.Stage addStage(@RequestBody PipelineStages.StageInput input) {
        return stages.add(input);
    }

    @PutMapping("/api/v1/pipeline-stages/{id}")
    @Operation(summary = "Rename a stage or change its probability")
    PipelineStages.Stage updateStage(@PathVariable int id, @RequestBody PipelineStages.StageInput input) {
        return stages.update(id, input);
    }

    static <E extends Enum<E>> @Nullable E parse(Class<E> type, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    FieldProblem.of(field, "validation.oneOf", java.util.Arrays.toString(type.getEnumConstants())));
        }
    }
}
