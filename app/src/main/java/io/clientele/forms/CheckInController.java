package io.clientele.forms;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Check-in on the day, for store staff and marketers on a tablet: the events, then one event's registrations found
 * by name, email or badge code with one large button each; a code typed or scanned; a file of scans.
 */
@Controller
class CheckInController {
    static final long MAX_FILE = 2 * 1024 * 1024;
    private final Events events;

    CheckInController(Events events) {
        this.events = events;
    }

    static Events.@Nullable RegistrationStatus status(@Nullable String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        List<FieldProblem> problems = new ArrayList<>();
        Events.RegistrationStatus value =
                InputFields.oneOf("status", status, Events.RegistrationStatus.class, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return value;
    }

    @GetMapping("/check-in")
    String events(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page, 50, 50);
        model.addAttribute("page", events.page(page, 50));
        return "forms/check-in-events";
    }

    @GetMapping("/check-in/{id}")
    String checkIn(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page, 30, 30);
        model.addAttribute("event", events.find(id));
        model.addAttribute("q", q);
        model.addAttribute("registrations", events.registrations(id, q, null, page, 30));
        return "forms/check-in";
    }

    @PostMapping("/check-in/{id}/registrations/{registration}")
    String tap(
            @PathVariable long id,
            @PathVariable long registration,
            @RequestParam(required = false) @Nullable String q,
            RedirectAttributes redirect) {
        Events.Registration r = events.checkIn(id, registration, Actor.current().name());
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("checkIn.flash.done", r.name()));
        return back(id, q);
    }

    @PostMapping("/check-in/{id}/code")
    String code(
            @PathVariable long id, @RequestParam(required = false) @Nullable String code, RedirectAttributes redirect) {
        try {
            Events.Registration r = events.checkInCode(id, code, Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("checkIn.flash.done", r.name()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("checkIn.flash.unknownCode"));
        }
        return back(id, null);
    }

    @PostMapping("/check-in/{id}/import")
    String importScans(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable MultipartFile file,
            RedirectAttributes redirect)
            throws IOException {
        events.find(id);
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("checkIn.flash.noFile"));
            return back(id, null);
        }
        if (file.getSize() > MAX_FILE) {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("checkIn.flash.fileTooLarge"));
            return back(id, null);
        }
        try {
            Events.ImportResult result =
                    events.importScans(id, file.getBytes(), Actor.current().name());
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE, Flash.of("checkIn.flash.imported", result.checkedIn(), result.already()));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("importProblems", e.problems());
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE,
                    Flash.of("checkIn.flash.importRefused", e.problems().size()));
        }
        return back(id, null);
    }

    private static String back(long id, @Nullable String q) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/check-in/{id}");
        if (q != null && !q.isBlank()) {
            uri.queryParam("q", q);
        }
        return "redirect:" + uri.buildAndExpand(id).encode().toUriString();
    }
}
