package io.clientele.forms;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Events for marketers: the list, a new event, an event's page (its sessions with seats, check-ins and no-shows, the
 * forms that register for it, its registrations by status) and a new session. Session times on the page are in the
 * server's time zone.
 */
@Controller
class EventController {
    private final Events events;
    private final ZoneId zone;

    EventController(Events events, java.time.Clock clock) {
        this.events = events;
        this.zone = clock.getZone();
    }

    @GetMapping("/events")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page, 50, 50);
        model.addAttribute("page", events.page(page, 50));
        return "forms/events";
    }

    @GetMapping("/events/new")
    String create(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", EventKind.SEMINAR.name());
        return newPage(model, values, FormErrors.NONE);
    }

    private String newPage(Model model, Map<String, String> values, FormErrors errors) {
        model.addAttribute("values", values);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute("kinds", EventKind.values());
        return "forms/event-new";
    }

    @PostMapping("/events")
    String save(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        try {
            List<FieldProblem> problems = new ArrayList<>();
            Long campaign = null;
            String given = values.get("campaignId");
            if (given != null && !given.isBlank()) {
                try {
                    campaign = Long.valueOf(given.strip());
                } catch (NumberFormatException e) {
                    problems.add(FieldProblem.of("campaignId", "validation.number"));
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            long id = events.create(
                            new Events.EventInput(
                                    values.get("name"), values.get("kind"), values.get("description"), campaign),
                            Actor.current().name())
                    .id();
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("events.flash.created"));
            return "redirect:/events/" + id;
        } catch (InvalidInputException e) {
            return newPage(model, values, FormErrors.of(e.problems()));
        }
    }

    @GetMapping("/events/{id}")
    String show(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page, 50, 50);
        return showPage(model, id, CheckInController.status(status), page, new LinkedHashMap<>(), FormErrors.NONE);
    }

    private String showPage(
            Model model,
            long id,
            Events.@Nullable RegistrationStatus status,
            int page,
            Map<String, String> values,
            FormErrors errors) {
        model.addAttribute("event", events.find(id));
        model.addAttribute("status", status);
        model.addAttribute("statuses", Events.RegistrationStatus.values());
        model.addAttribute("registrations", events.registrations(id, null, status, page, 50));
        model.addAttribute("values", values);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute("zone", zone);
        return "forms/event";
    }

    @PostMapping("/events/{id}/sessions")
    String addSession(
            @PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        events.find(id);
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        try {
            List<FieldProblem> problems = new ArrayList<>();
            Integer capacity = null;
            String given = values.get("capacity");
            if (given != null && !given.isBlank()) {
                try {
                    capacity = Integer.valueOf(given.strip());
                } catch (NumberFormatException e) {
                    problems.add(FieldProblem.of("capacity", "validation.number"));
                }
            }
            String starts = local(values.get("startsAt"), "startsAt", problems);
            String ends = local(values.get("endsAt"), "endsAt", problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            events.addSession(
                    id, new Events.SessionInput(values.get("name"), values.get("place"), starts, ends, capacity));
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("events.flash.sessionAdded"));
            return "redirect:/events/" + id;
        } catch (InvalidInputException e) {
            return showPage(model, id, null, 0, values, FormErrors.of(e.problems()));
        }
    }

    /** A page's local date and time ({@code 2026-12-07T09:30}) as ISO-8601 with the server zone's offset. */
    private @Nullable String local(@Nullable String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip())
                    .atZone(zone)
                    .toOffsetDateTime()
                    .toString();
        } catch (DateTimeParseException e) {
            problems.add(FieldProblem.of(field, "events.validation.time"));
            return null;
        }
    }
}
