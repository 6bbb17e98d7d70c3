package io.clientele.service;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service requests over HTTP ({@code service:read}, {@code service:write}; the queues' settings and the SLA targets
 * with {@code service:manage}). Creating a request, a note and a reply are idempotent by the optional
 * {@code Idempotency-Key} header.
 */
@RestController
class ServiceApi {
    record Body(@Nullable String body) {}

    record Assign(@Nullable String assignee) {}

    record Rating(@Nullable Integer satisfaction) {}

    record Merge(@Nullable Long into) {}

    private final ServiceRequests requests;
    private final ServiceSettings settings;

    ServiceApi(ServiceRequests requests, ServiceSettings settings) {
        this.requests = requests;
        this.settings = settings;
    }

    @GetMapping("/api/v1/service/requests")
    @Operation(
            summary = "The queue: active requests, the next SLA target first; filters: queue, assignee, status,"
                    + " category (a status of RESOLVED, CLOSED or MERGED lists those, newest first)")
    PageResult<ServiceRequests.Request> list(
            @RequestParam(required = false) @Nullable Integer queue,
            @RequestParam(required = false) @Nullable String assignee,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String category,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return requests.queue(filter(queue, assignee, status, category), page, size);
    }

    /** The queue's filters from request parameters: a wrong status or category is a 400 naming it. */
    static ServiceRequests.Filter filter(
            @Nullable Integer queue, @Nullable String assignee, @Nullable String status, @Nullable String category) {
        List<FieldProblem> problems = new ArrayList<>();
        RequestStatus s = InputFields.trimmed(status) == null
                ? null
                : InputFields.oneOf("status", status, RequestStatus.class, problems);
        RequestCategory c = InputFields.trimmed(category) == null
                ? null
                : InputFields.oneOf("category", category, RequestCategory.class, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new ServiceRequests.Filter(queue, InputFields.trimmed(assignee), s, c);
    }

    @PostMapping("/api/v1/service/requests")
    @Operation(
            summary = "Create a request (201); routed to a queue and assigned by the rules, with SLA targets",
            description = "A complaint or product failure of a customer is recorded on their timeline as a"
                    + " COMPLAINT. A product failure needs productId; saleId must be a receipt of the customer"
                    + " (holding the product). Idempotent by the optional Idempotency-Key header: a retry with"
                    + " the same key and body returns the first answer (200); another body under a used key is"
                    + " refused with 422.")
    ResponseEntity<?> create(
            @Parameter(description = "a unique key per request, e.g. a UUID; reused only to retry the same request")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody ServiceRequests.RequestInput input) {
        try {
            ServiceRequests.Created created =
                    requests.create(input, Actor.current().name(), key(idempotencyKey));
            return ResponseEntity.status(created.replayed() ? HttpStatus.OK : HttpStatus.CREATED)
                    .header("Idempotent-Replayed", String.valueOf(created.replayed()))
                    .body(created.request());
        } catch (ServiceRequests.KeyReusedException e) {
            return keyReused(e);
        }
    }

    @GetMapping("/api/v1/service/requests/{id}")
    @Operation(summary = "A request")
    ServiceRequests.Request get(@PathVariable long id) {
        return requests.find(id);
    }

    @PutMapping("/api/v1/service/requests/{id}")
    @Operation(
            summary = "Classify a request: category, priority, product, receipt (those given)",
            description = "A new priority gives the request that priority's SLA targets, from its creation. A request"
                    + " that becomes a complaint is put on the customer's timeline as one. A closed or merged request"
                    + " is refused (400 naming status).")
    ServiceRequests.Request classify(@PathVariable long id, @RequestBody ServiceRequests.Classification input) {
        return requests.classify(id, input);
    }

    @GetMapping("/api/v1/service/requests/{id}/messages")
    @Operation(summary = "A request's conversation: notes, replies (with their sending status), mail, escalations")
    List<ServiceRequests.Message> messages(@PathVariable long id) {
        requests.find(id);
        return requests.conversation(id);
    }

    @PostMapping("/api/v1/service/requests/{id}/work")
    @Operation(summary = "Start working a NEW request (OPEN)")
    ServiceRequests.Request work(@PathVariable long id) {
        return requests.work(id);
    }

    @PostMapping("/api/v1/service/requests/{id}/assign")
    @Operation(summary = "Give a request to a service agent or manager")
    ServiceRequests.Request assign(@PathVariable long id, @RequestBody Assign body) {
        return requests.assign(id, body.assignee());
    }

    @PostMapping("/api/v1/service/requests/{id}/notes")
    @Operation(summary = "Add an internal note (never sent); idempotent by the optional Idempotency-Key header")
    ResponseEntity<?> note(
            @PathVariable long id,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @RequestBody Body body) {
        try {
            return ResponseEntity.ok(
                    requests.note(id, body.body(), Actor.current().name(), key(idempotencyKey)));
        } catch (ServiceRequests.KeyReusedException e) {
            return keyReused(e);
        }
    }

    @PostMapping("/api/v1/service/requests/{id}/replies")
    @Operation(
            summary = "Reply to the customer: sent by email in their thread; the first reply is the first response",
            description = "Idempotent by the optional Idempotency-Key header: a retry records and sends nothing again.")
    ResponseEntity<?> reply(
            @PathVariable long id,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @RequestBody Body body) {
        try {
            return ResponseEntity.ok(
                    requests.reply(id, body.body(), Actor.current().name(), key(idempotencyKey)));
        } catch (ServiceRequests.KeyReusedException e) {
            return keyReused(e);
        }
    }

    @PostMapping("/api/v1/service/requests/{id}/resolve")
    @Operation(summary = "Resolve an active request")
    ServiceRequests.Request resolve(@PathVariable long id) {
        return requests.resolve(id);
    }

    @PostMapping("/api/v1/service/requests/{id}/close")
    @Operation(summary = "Close a resolved request")
    ServiceRequests.Request close(@PathVariable long id) {
        return requests.close(id);
    }

    @PostMapping("/api/v1/service/requests/{id}/satisfaction")
    @Operation(summary = "The customer's rating (1 to 5) of a resolved or closed request")
    ServiceRequests.Request rate(@PathVariable long id, @RequestBody Rating body) {
        return requests.rate(id, body.satisfaction());
    }

    @PostMapping("/api/v1/service/requests/{id}/merge")
    @Operation(summary = "Merge this duplicate into another request (its conversation moves; it becomes MERGED)")
    ServiceRequests.Request merge(@PathVariable long id, @RequestBody Merge body) {
        return requests.merge(id, body.into());
    }

    @GetMapping("/api/v1/service/queues")
    @Operation(summary = "The queues with their agents, escalation manager and notify address")
    List<ServiceSettings.QueueSettings> queues() {
        return settings.queues();
    }

    @PutMapping("/api/v1/service/queues/{id}")
    @Operation(summary = "Change a queue's agents, escalation manager and notify address")
    ServiceSettings.QueueSettings changeQueue(@PathVariable int id, @RequestBody ServiceSettings.QueueInput input) {
        return settings.changeQueue(id, input);
    }

    @GetMapping("/api/v1/service/sla")
    @Operation(summary = "The SLA targets per priority, in minutes: first response and resolution")
    List<ServiceSettings.Target> sla() {
        return settings.targets();
    }

    @PutMapping("/api/v1/service/sla")
    @Operation(summary = "Change the SLA targets (for requests created from now on); every priority, all or none")
    List<ServiceSettings.Target> changeSla(@RequestBody List<ServiceSettings.Target> targets) {
        return settings.changeTargets(targets);
    }

    private static @Nullable String key(@Nullable String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidInputException(FieldProblem.of("Idempotency-Key", "validation.between", 1, 200));
        }
        return idempotencyKey == null ? null : idempotencyKey.strip();
    }

    private static ResponseEntity<ProblemDetail> keyReused(ServiceRequests.KeyReusedException e) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
    }
}
