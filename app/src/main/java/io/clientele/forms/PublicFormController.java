package io.clientele.forms;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.RateLimits;
import io.clientele.platform.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public form pages (no sign-in): the form at {@code /f/<slug>} (the one route other sites may frame), its
 * submission, and the confirmation link. The POST carries no CSRF token: the visitor has no session to protect, and
 * the form's one-time submission token is what makes a POST count once. Spam is turned away by a honeypot field
 * (filled in only by robots: answered like a success, nothing stored) and a rate limit per client address (429 with
 * Retry-After); a body larger than {@link #MAX_BODY} is refused with 413 before it is read.
 */
@Controller
class PublicFormController {
    static final long MAX_BODY = 64 * 1024;
    static final String HONEYPOT = "website";

    private final Forms forms;
    private final Events events;
    private final FormSubmissions submissions;
    private final FormsProperties properties;
    private final Clock clock;
    private final RateLimits<String> pages = new RateLimits<>(System::nanoTime);
    private final RateLimits<String> posts = new RateLimits<>(System::nanoTime);

    PublicFormController(
            Forms forms, Events events, FormSubmissions submissions, FormsProperties properties, Clock clock) {
        this.forms = forms;
        this.events = events;
        this.submissions = submissions;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/f/{slug}")
    String form(
            @PathVariable String slug,
            @RequestParam(required = false) @Nullable String source,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (throttled(pages, properties.pagesPerMinute(), request, response)) {
            return "forms/busy";
        }
        Forms.Form form = forms.findPublic(slug);
        Map<String, String> values = new LinkedHashMap<>();
        String hidden = source != null && !source.isBlank() && source.length() <= 100 ? source : form.source();
        if (hidden != null) {
            values.put("source", hidden);
        }
        return page(model, form, values, FormErrors.NONE);
    }

    @PostMapping("/f/{slug}")
    String submit(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (request.getContentLengthLong() > MAX_BODY) {
            response.setStatus(413);
            return "forms/too-large";
        }
        if (throttled(posts, properties.submissionsPerMinute(), request, response)) {
            return "forms/busy";
        }
        Forms.Form form = forms.findPublic(slug);
        Map<String, String> values = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, given) -> {
            if (given.length > 0) {
                values.put(name, given[0]);
            }
        });
        model.addAttribute("form", form);
        String honeypot = values.remove(HONEYPOT);
        if (honeypot != null && !honeypot.isEmpty()) {
            // a robot filled in the field people cannot see: it hears what a person would, and nothing is kept
            model.addAttribute("confirm", !form.consents().isEmpty() || form.kind() == FormKind.EVENT);
            return "forms/thanks";
        }
        String token = values.remove("token");
        try {
            FormSubmissions.Outcome outcome = submissions.submit(form, token, values, request.getRemoteAddr());
            return switch (outcome) {
                case FormSubmissions.Stored stored -> {
                    model.addAttribute("confirm", stored.confirm());
                    yield "forms/thanks";
                }
                case FormSubmissions.Expired expired -> {
                    response.setStatus(400);
                    yield page(model, form, values, FormErrors.of(List.of(FieldProblem.of("token", "forms.expired"))));
                }
            };
        } catch (InvalidInputException e) {
            response.setStatus(400);
            return page(model, form, values, FormErrors.of(e.problems()));
        }
    }

    @GetMapping("/f/{slug}/confirm/{token}")
    String confirm(
            @PathVariable String slug,
            @PathVariable String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (throttled(pages, properties.pagesPerMinute(), request, response)) {
            return "forms/busy";
        }
        Forms.Form form = forms.findPublic(slug);
        FormSubmissions.Confirmation result = submissions.confirm(form, token);
        if (result == FormSubmissions.Confirmation.BAD_LINK) {
            response.setStatus(404);
        }
        model.addAttribute("form", form);
        model.addAttribute("result", result.name());
        return "forms/confirmed";
    }

    private String page(Model model, Forms.Form form, Map<String, String> values, FormErrors errors) {
        Instant now = clock.instant();
        model.addAttribute("form", form);
        model.addAttribute("token", submissions.token(form));
        model.addAttribute("values", values);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute(
                "sessions",
                form.eventId() == null
                        ? List.of()
                        : events.find(form.eventId()).sessions().stream()
                                .filter(s -> s.endsAt().isAfter(now))
                                .toList());
        model.addAttribute("event", form.eventId() == null ? null : events.find(form.eventId()));
        return "forms/public";
    }

    private static boolean throttled(
            RateLimits<String> limits, int perMinute, HttpServletRequest request, HttpServletResponse response) {
        Optional<Duration> wait = limits.take(request.getRemoteAddr(), perMinute);
        if (wait.isEmpty()) {
            return false;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(Math.max(1, (wait.get().toMillis() + 999) / 1000)));
        return true;
    }
}
