package io.clientele.survey;

import io.clientele.customer.Customers;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Surveys over HTTP: definitions (read with {@code campaigns:read}, written with {@code campaigns:write}, as
 * materials are), results, personal links, and answers an agent (or an integration) took from a customer
 * ({@code customers:write}).
 */
@RestController
class SurveyApi {
    /**
     * Answers given to an agent or an integration: the customer, the channel (AGENT or API), the language and the
     * answers by question key (see docs/api.md).
     */
    record ResponseRequest(
            @Nullable Long customerId,
            @Nullable String channel,
            @Nullable String language,
            @Nullable Map<String, @Nullable Object> answers) {}

    record Created(long responseId) {}

    record Link(String path) {}

    private final Surveys surveys;
    private final SurveyResponses responses;
    private final SurveyResults results;
    private final SurveyLinks links;

    private final Customers customers;

    SurveyApi(
            Surveys surveys, SurveyResponses responses, SurveyResults results, SurveyLinks links, Customers customers) {
        this.customers = customers;
        this.surveys = surveys;
        this.responses = responses;
        this.results = results;
        this.links = links;
    }

    @GetMapping("/api/v1/surveys")
    @Operation(summary = "Surveys, newest first; status filters (DRAFT, ACTIVE, CLOSED)")
    PageResult<Survey> list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, 100);
        return surveys.page(status(status), page, size);
    }

    @PostMapping("/api/v1/surveys")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a survey (a draft) with its questions")
    Survey create(@RequestBody SurveyInput input) {
        return surveys.create(input, Actor.current().name());
    }

    @GetMapping("/api/v1/surveys/{id}")
    @Operation(summary = "A survey with its questions")
    Survey get(@PathVariable long id) {
        return surveys.find(id);
    }

    @PutMapping("/api/v1/surveys/{id}")
    @Operation(summary = "Change a draft survey: its texts and its questions (replaced whole); 409 once active")
    Survey update(@PathVariable long id, @RequestBody SurveyInput input) {
        return surveys.update(id, input, Actor.current().name());
    }

    @DeleteMapping("/api/v1/surveys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a draft no campaign has linked to; 409 otherwise (close it instead)")
    void delete(@PathVariable long id) {
        surveys.delete(id);
    }

    @PostMapping("/api/v1/surveys/{id}/activate")
    @Operation(summary = "A draft starts taking answers")
    Survey activate(@PathVariable long id) {
        return surveys.activate(id, Actor.current().name());
    }

    @PostMapping("/api/v1/surveys/{id}/close")
    @Operation(summary = "An active survey stops taking answers")
    Survey close(@PathVariable long id) {
        return surveys.close(id, Actor.current().name());
    }

    @GetMapping("/api/v1/surveys/{id}/results")
    @Operation(
            summary = "Links sent, responses, response rate, and per question the distribution, mean or NPS with"
                    + " 95 % confidence intervals, aspects and free texts; campaign filters to one campaign's sends")
    SurveyResults.Results results(@PathVariable long id, @RequestParam(required = false) @Nullable Long campaign) {
        return results.of(id, campaign);
    }

    @PostMapping("/api/v1/surveys/{id}/responses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Answers an agent or an integration took from a customer; 409 when the customer answered"
                    + " the survey already, 400 naming each wrong answer")
    Created respond(@PathVariable long id, @RequestBody ResponseRequest request) {
        if (request.customerId() == null) {
            throw new InvalidInputException(FieldProblem.of("customerId", "validation.required"));
        }
        // the customer named in the body is in the caller's data scope, as one named in a path is
        customers.requireInScope(request.customerId());
        ResponseChannel channel =
                "API".equalsIgnoreCase(request.channel()) ? ResponseChannel.API : ResponseChannel.AGENT;
        String language = request.language() != null
                        && request.language().toLowerCase(Locale.ROOT).startsWith("zh")
                ? "zh"
                : "en";
        long response = responses.submit(
                new LinkTarget(surveys.find(id).id(), request.customerId(), null, null),
                channel,
                language,
                Actor.current().name(),
                AnswerValidator.fields(request.answers()));
        return new Created(response);
    }

    @GetMapping("/api/v1/surveys/{id}/link")
    @Operation(summary = "A customer's personal link to the survey (outside any campaign), as a path")
    Link link(@PathVariable long id, @RequestParam long customerId) {
        return new Link(links.path(surveys.find(id), customerId));
    }

    private static @Nullable SurveyStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return SurveyStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    FieldProblem.of("status", "validation.oneOf", List.of(SurveyStatus.values())));
        }
    }
}
