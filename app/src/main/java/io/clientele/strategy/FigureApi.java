package io.clientele.strategy;

import io.clientele.insight.DrillQuery;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.SegmentQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A figure's customers as a segment condition ({@code analytics:read}), to save, count or export through the segment
 * API; and account managers assigned in bulk to a one-to-one class ({@code leads:manage}).
 */
@RestController
@Tag(name = "Insight")
class FigureApi {
    /** The condition and how many customers it selects now (the figure's count while its run is the latest). */
    record FigureCondition(JsonNode condition, long customers) {}

    private final FigureActions actions;
    private final SegmentQueries queries;
    private final OwnerAssignments assignments;

    FigureApi(FigureActions actions, SegmentQueries queries, OwnerAssignments assignments) {
        this.actions = actions;
        this.queries = queries;
        this.assignments = assignments;
    }

    @GetMapping("/api/v1/insight/figures/condition")
    @Operation(
            summary = "The customers behind a figure of the latest run as a segment condition",
            description = "The drill-down's parameters (grade, segment, r, f, matrix, churned, unknownSatisfaction,"
                    + " topPercent alone, churnMonth with grade, clvBand; run, if given, must be the latest completed)."
                    + " Saved as a dynamic segment (POST /api/v1/segments) it counts exactly the figure's customers.")
    FigureCondition condition(DrillQuery figure) {
        var condition = actions.condition(figure);
        return new FigureCondition(ConditionJson.write(condition), queries.count(condition));
    }

    @PostMapping("/api/v1/customers/owner-assignments")
    @Operation(
            summary = "Assign account managers in bulk to the customers of a one-to-one class (201)",
            description =
                    "figure: a high-volume matrix class of the latest run ({\"matrix\": \"HIGH_VOLUME_LOW_SATISFACTION\"});"
                            + " rule: STORE (a salesperson whose stores or regions hold the customer's home store, else"
                            + " round-robin) or ROUND_ROBIN; salespeople: users of the sales role; capacity: at most this many"
                            + " customers owned by each in all. Customers who have an account manager keep them. Idempotent by"
                            + " the optional Idempotency-Key header: a retry with the same key and body answers the first result"
                            + " (200, Idempotent-Replayed: true); another body under a used key is refused with 422.")
    ResponseEntity<?> assign(
            @Parameter(description = "a unique key per assignment, e.g. a UUID; reused only to retry the same request")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody OwnerAssignments.Request request) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidInputException(FieldProblem.of("Idempotency-Key", "validation.between", 1, 200));
        }
        try {
            OwnerAssignments.Answer answer = assignments.assign(
                    request,
                    idempotencyKey == null ? null : idempotencyKey.strip(),
                    Actor.current().name());
            return ResponseEntity.status(answer.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                    .header("Idempotent-Replayed", String.valueOf(answer.replayed()))
                    .body(answer.result());
        } catch (OwnerAssignments.KeyReusedException e) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        }
    }
}
