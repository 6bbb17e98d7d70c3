package io.clientele.survey;

import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.FormErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The page a customer answers a survey on, reached from their personal link without signing in: the token is the
 * authority, and it names one customer, survey and send. A link that was changed, belongs to another survey, was
 * answered already or whose survey is not open gets a page saying so (and an error status), and nothing is stored.
 * The page speaks the language chosen on it ({@code ?lang=}), else the customer's ({@code language} attribute: en or
 * zh), else the browser's.
 */
@Controller
class SurveyPageController {
    /** What the page shows. */
    enum State {
        ASK,
        THANKS,
        ANSWERED,
        NOT_OPEN,
        OTHER_SURVEY,
        BAD_LINK
    }

    private final SurveyLinks links;
    private final Surveys surveys;
    private final SurveyResponses responses;
    private final JdbcClient jdbc;

    SurveyPageController(SurveyLinks links, Surveys surveys, SurveyResponses responses, JdbcClient jdbc) {
        this.links = links;
        this.surveys = surveys;
        this.responses = responses;
        this.jdbc = jdbc;
    }

    private record Visit(
            State state, @Nullable Survey survey, @Nullable LinkTarget target) {}

    @GetMapping("/s/{key}/{token}")
    String page(
            @PathVariable String key,
            @PathVariable String token,
            @RequestParam(required = false) @Nullable String done,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Visit visit = visit(key, token);
        if (visit.state() == State.ANSWERED && done != null) {
            visit = new Visit(State.THANKS, visit.survey(), visit.target());
        }
        return show(visit, key, token, request, response, model, FormErrors.NONE, Map.of());
    }

    @PostMapping("/s/{key}/{token}")
    String answer(
            @PathVariable String key,
            @PathVariable String token,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Visit visit = visit(key, token);
        if (visit.state() != State.ASK) {
            return show(visit, key, token, request, response, model, FormErrors.NONE, Map.of());
        }
        LinkTarget target = Objects.requireNonNull(visit.target());
        Locale locale = locale(request, target.customerId());
        try {
            responses.submit(target, ResponseChannel.LINK, locale.getLanguage(), "customer", form);
        } catch (InvalidInputException e) {
            return show(
                    visit, key, token, request, response, model, FormErrors.of(e.problems()), form.toSingleValueMap());
        } catch (SurveyResponses.AlreadyAnswered | SurveyResponses.NotOpen e) {
            // answered or closed between the visit and the submission (another tab, a double click)
            return show(
                    new Visit(
                            e instanceof SurveyResponses.NotOpen ? State.NOT_OPEN : State.ANSWERED,
                            visit.survey(),
                            target),
                    key,
                    token,
                    request,
                    response,
                    model,
                    FormErrors.NONE,
                    Map.of());
        }
        return "redirect:/s/" + key + "/" + token + "?done";
    }

    private Visit visit(String key, String token) {
        Optional<LinkTarget> target = links.open(token);
        if (target.isEmpty()) {
            return new Visit(State.BAD_LINK, null, null);
        }
        Optional<Survey> survey = surveys.findByKey(key);
        if (survey.isEmpty() || survey.get().id() != target.get().surveyId()) {
            return new Visit(State.OTHER_SURVEY, null, null);
        }
        if (responses.hasAnswered(survey.get().id(), target.get().customerId())) {
            return new Visit(State.ANSWERED, survey.get(), target.get());
        }
        if (survey.get().status() != SurveyStatus.ACTIVE) {
            return new Visit(State.NOT_OPEN, survey.get(), target.get());
        }
        return new Visit(State.ASK, survey.get(), target.get());
    }

    private String show(
            Visit visit,
            String key,
            String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            FormErrors errors,
            Map<String, String> given) {
        Locale locale = visit.target() == null
                ? supported(request.getLocale())
                : locale(request, visit.target().customerId());
        // the layout and the messages read the request's locale: this page's choice wins over the staff cookie
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        response.setStatus(
                switch (visit.state()) {
                    case ASK -> errors.isEmpty() ? 200 : HttpStatus.BAD_REQUEST.value();
                    case THANKS -> 200;
                    case ANSWERED -> HttpStatus.CONFLICT.value();
                    case NOT_OPEN -> HttpStatus.GONE.value();
                    case OTHER_SURVEY, BAD_LINK -> HttpStatus.NOT_FOUND.value();
                });
        model.addAttribute("state", visit.state().name());
        model.addAttribute("survey", visit.survey());
        model.addAttribute("lang", locale);
        model.addAttribute("action", "/s/" + key + "/" + token);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute(
                "wrong",
                visit.survey() == null
                        ? List.of()
                        : visit.survey().questions().stream()
                                .filter(q -> errors.byField().keySet().stream()
                                        .anyMatch(f -> f.equals(q.key()) || f.startsWith(q.key() + ".")))
                                .toList());
        model.addAttribute("given", given);
        return "survey/answer";
    }

    /** The page's language: chosen on it, else the customer's, else the browser's. */
    private Locale locale(HttpServletRequest request, long customerId) {
        String chosen = request.getParameter("lang");
        if (chosen != null && !chosen.isBlank()) {
            return supported(Locale.forLanguageTag(chosen.strip().replace('_', '-')));
        }
        Optional<String> own = jdbc.sql(
                        "select coalesce(custom_attributes ->> 'language', '') from customer where id = :id")
                .param("id", customerId)
                .query(String.class)
                .optional()
                .filter(l -> !l.isBlank());
        return supported(
                own.map(l -> Locale.forLanguageTag(l.strip().replace('_', '-'))).orElse(request.getLocale()));
    }

    /** The page's two languages: any Chinese is the Simplified Chinese of the messages, anything else English. */
    private static Locale supported(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
