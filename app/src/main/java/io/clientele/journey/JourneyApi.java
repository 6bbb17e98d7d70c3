package io.clientele.journey;

import io.clientele.campaign.Campaign;
import io.clientele.campaign.CampaignInput;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Journeys over JSON. The plan's workflow (submit, approve, reject, launch, cancel) is the campaign's, at
 * {@code /api/v1/campaigns/{id}/…}; submitting checks the graph (see {@link Journeys#beforeSubmit}).
 */
@RestController
@Tag(name = "Journeys", description = "Campaigns whose steps form a graph, and their execution")
class JourneyApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Journeys journeys;
    private final JourneyProgress progress;
    private final MessageSource messages;

    JourneyApi(Journeys journeys, JourneyProgress progress, MessageSource messages) {
        this.journeys = journeys;
        this.progress = progress;
        this.messages = messages;
    }

    /** The plan as for a campaign, and the graph (docs/journeys.md). */
    record Input(@Nullable CampaignInput plan, @Nullable JsonNode graph) {}

    /** A journey with its graph in the JSON the editor reads. */
    record View(
            Campaign campaign,
            int version,
            String savedBy,
            Instant savedAt,
            @Nullable Instant submittedAt,
            @Nullable Instant approvedAt,
            JsonNode graph) {
        static View of(Journey journey) {
            return new View(
                    journey.campaign(),
                    journey.version(),
                    journey.savedBy(),
                    journey.savedAt(),
                    journey.submittedAt(),
                    journey.approvedAt(),
                    JSON.readTree(journey.graph().toJson()));
        }
    }

    /** Each problem as the API's 400 lists it: the field, the message key and the message in the caller's language. */
    record Validation(boolean valid, List<Map<String, String>> errors) {}

    @GetMapping("/api/v1/journeys")
    @Operation(summary = "Journeys, newest first (size 1 to 100)")
    PageResult<View> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, 100);
        PageResult<Journey> found = journeys.page(page, size);
        return new PageResult<>(
                found.items().stream().map(View::of).toList(), found.page(), found.size(), found.total());
    }

    @PostMapping("/api/v1/journeys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a journey (a draft plan with its graph); a malformed graph stores nothing")
    View create(@RequestBody Input input) {
        return View.of(journeys.create(
                plan(input), graph(input.graph()), Actor.current().name()));
    }

    @GetMapping("/api/v1/journeys/{id}")
    @Operation(summary = "A journey: its plan, status and current graph")
    View get(@PathVariable long id) {
        return View.of(journeys.get(id));
    }

    @PutMapping("/api/v1/journeys/{id}")
    @Operation(summary = "Change a draft or rejected journey's plan and (when given) its graph")
    View update(@PathVariable long id, @RequestBody Input input) {
        JourneyGraph graph = input.graph() == null ? null : graph(input.graph());
        return View.of(journeys.update(id, plan(input), graph, Actor.current().name()));
    }

    @PutMapping("/api/v1/journeys/{id}/graph")
    @Operation(summary = "Save the draft graph (the editor's save)")
    View saveGraph(@PathVariable long id, @RequestBody JsonNode graph) {
        return View.of(journeys.saveGraph(id, graph(graph), Actor.current().name()));
    }

    @PostMapping("/api/v1/journeys/{id}/validate")
    @Operation(summary = "What stops the graph from being submitted, each problem naming the node and field")
    Validation validate(@PathVariable long id) {
        List<FieldProblem> problems = journeys.validate(id);
        return new Validation(
                problems.isEmpty(),
                problems.stream()
                        .map(p -> Map.of(
                                "field",
                                p.field(),
                                "code",
                                p.code(),
                                "message",
                                messages.getMessage(
                                        p.code(), p.args().toArray(), p.code(), LocaleContextHolder.getLocale())))
                        .toList());
    }

    @PostMapping("/api/v1/journeys/{id}/versions/submit")
    @Operation(summary = "Submit the new version of a running journey's graph for approval on its own")
    View submitVersion(@PathVariable long id) {
        return View.of(journeys.submitVersion(id, Actor.current().name()));
    }

    @PostMapping("/api/v1/journeys/{id}/versions/{version}/approve")
    @Operation(summary = "Approve a running journey's new version (campaigns:approve; not by whoever submitted it)")
    View approveVersion(@PathVariable long id, @PathVariable int version) {
        return View.of(journeys.approveVersion(id, version, Actor.current().name()));
    }

    @PostMapping("/api/v1/journeys/{id}/pause")
    @Operation(summary = "Hold a running journey: nobody moves, nothing of it is sent")
    View pause(@PathVariable long id) {
        return View.of(journeys.pause(id, Actor.current().name()));
    }

    @PostMapping("/api/v1/journeys/{id}/resume")
    @Operation(summary = "Resume a paused journey: customers due while it was held move on at the next tick")
    View resume(@PathVariable long id) {
        return View.of(journeys.resume(id, Actor.current().name()));
    }

    @GetMapping("/api/v1/journeys/{id}/counts")
    @Operation(summary = "Live counts: per node how many passed and how many are there now; per edge how many passed")
    JourneyProgress.Counts counts(@PathVariable long id) {
        return progress.counts(id);
    }

    @GetMapping("/api/v1/journeys/customers/{customerId}")
    @Operation(summary = "A customer's journeys: where they stand and the path taken, latest entry first")
    List<JourneyProgress.CustomerJourney> ofCustomer(@PathVariable long customerId) {
        return progress.ofCustomer(customerId);
    }

    private static CampaignInput plan(Input input) {
        if (input.plan() == null) {
            throw new InvalidInputException(FieldProblem.of("plan", "validation.required"));
        }
        return input.plan();
    }

    private static JourneyGraph graph(@Nullable JsonNode graph) {
        if (graph == null || graph.isNull()) {
            throw new InvalidInputException(FieldProblem.of("graph", "validation.required"));
        }
        return GraphJson.read(graph);
    }
}
