package io.clientele.forms;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events over HTTP: events and sessions ({@code campaigns:read}, {@code campaigns:write}); registrations, registering
 * a customer at the desk and check-ins ({@code events:checkin}, store staff and marketers).
 */
@RestController
class EventApi {
    record Registering(@Nullable Long sessionId, @Nullable Long customerId) {}

    record CheckIn(@Nullable Long registrationId, @Nullable String code) {}

    private final Events events;

    EventApi(Events events) {
        this.events = events;
    }

    @GetMapping("/api/v1/events")
    @Operation(summary = "Events, the latest session first, each with its sessions' seats, check-ins and no-shows")
    PageResult<Events.Event> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return events.page(page, size);
    }

    @PostMapping("/api/v1/events")
    @Operation(summary = "Create an event (201): name, kind (TRADE_SHOW, SEMINAR, WEBINAR), description, campaignId")
    ResponseEntity<Events.Event> create(@org.springframework.web.bind.annotation.RequestBody Events.EventInput input) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(events.create(input, Actor.current().name()));
    }

    @GetMapping("/api/v1/events/{id}")
    @Operation(summary = "An event with its sessions")
    Events.Event get(@PathVariable long id) {
        return events.find(id);
    }

    @PostMapping("/api/v1/events/{id}/sessions")
    @Operation(
            summary = "Add a session (201): name, place, startsAt and endsAt (ISO-8601 with offset), capacity 1-100000")
    ResponseEntity<Events.Session> addSession(
            @PathVariable long id, @org.springframework.web.bind.annotation.RequestBody Events.SessionInput input) {
        return ResponseEntity.status(HttpStatus.CREATED).body(events.addSession(id, input));
    }

    @GetMapping("/api/v1/events/{id}/registrations")
    @Operation(
            summary = "An event's registrations: q finds a name, email or badge code; status REGISTERED, ATTENDED or"
                    + " NO_SHOW (registered for a session that ended without a check-in)")
    PageResult<Events.Registration> registrations(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        if (q != null && q.length() > 200) {
            throw new InvalidInputException(FieldProblem.of("q", "validation.length", 200));
        }
        return events.registrations(id, q, CheckInController.status(status), page, size);
    }

    @PostMapping("/api/v1/events/{id}/registrations")
    @Operation(
            summary = "Register a customer for a session (201); the customer's registration for it, if any, is"
                    + " answered instead (200): registering twice takes one seat",
            description = "A full or ended session, or one of another event, is a 400 naming sessionId.")
    ResponseEntity<Events.Registration> register(
            @PathVariable long id, @org.springframework.web.bind.annotation.RequestBody Registering input) {
        Events.Registered registered = events.registerCustomer(id, input.sessionId(), input.customerId());
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(registered.registration());
    }

    @PostMapping("/api/v1/events/{id}/check-ins")
    @Operation(summary = "Check in a registration, by registrationId or badge code; checking in again changes nothing")
    Events.Registration checkIn(
            @PathVariable long id, @org.springframework.web.bind.annotation.RequestBody CheckIn input) {
        if (input.registrationId() != null) {
            return events.checkIn(id, input.registrationId(), Actor.current().name());
        }
        return events.checkInCode(id, input.code(), Actor.current().name());
    }

    @PostMapping(
            path = "/api/v1/events/{id}/check-ins/import",
            consumes = {"text/csv", "text/plain"})
    @Operation(
            summary = "Check in a scanner's file: CSV with a code column and optionally scanned_at (ISO-8601)",
            description = "Every row is checked first: unknown codes, codes of another event and bad times refuse the"
                    + " whole file (400 naming each row, \"row N\"), and nothing is stored.")
    Events.ImportResult importScans(
            @PathVariable long id,
            @RequestBody(description = "the CSV file") @org.springframework.web.bind.annotation.RequestBody
                    String csv) {
        if (csv.length() > CheckInController.MAX_FILE) {
            throw new InvalidInputException(FieldProblem.of("file", "validation.length", CheckInController.MAX_FILE));
        }
        return events.importScans(
                id, csv.getBytes(StandardCharsets.UTF_8), Actor.current().name());
    }
}
