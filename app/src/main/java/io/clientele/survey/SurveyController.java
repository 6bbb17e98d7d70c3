package io.clientele.survey;

import io.clientele.customer.Customers;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff's survey pages: the list, a survey with its questions and results (filtered by campaign), and the
 * definition form. A definition is edited as the API's JSON (docs/surveys.md describes it), checked field by field
 * on save; only a draft is edited, then activated and closed. An agent asks a customer a survey here too (the call
 * screen links to it), the answers stored against the call's campaign and step.
 */
@Controller
class SurveyController {
    private final Surveys surveys;
    private final SurveyResults results;
    private final SurveyResponses responses;
    private final Customers customers;
    private final JsonMapper json;

    SurveyController(
            Surveys surveys, SurveyResults results, SurveyResponses responses, Customers customers, JsonMapper json) {
        this.surveys = surveys;
        this.results = results;
        this.responses = responses;
        this.customers = customers;
        this.json = json;
    }

    @GetMapping("/surveys")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("page", surveys.page(null, page, 20));
        return "survey/list";
    }

    @GetMapping("/surveys/{id}")
    String show(@PathVariable long id, @RequestParam(required = false) @Nullable Long campaign, Model model) {
        model.addAttribute("results", results.of(id, campaign));
        return "survey/show";
    }

    @GetMapping("/surveys/new")
    String create(Model model) {
        return form(model, null, example());
    }

    @PostMapping("/surveys")
    String created(@RequestParam String definition, Model model, RedirectAttributes redirect) {
        try {
            Survey survey = surveys.create(parse(definition), Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("survey.flash.saved"));
            return "redirect:/surveys/" + survey.id();
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            model.addAttribute("problems", e.problems());
            return form(model, null, definition);
        }
    }

    @GetMapping("/surveys/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Survey survey = surveys.find(id);
        return form(
                model, survey, json.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(input(survey)));
    }

    @PostMapping("/surveys/{id}")
    String updated(@PathVariable long id, @RequestParam String definition, Model model, RedirectAttributes redirect) {
        try {
            surveys.update(id, parse(definition), Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("survey.flash.saved"));
            return "redirect:/surveys/" + id;
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            model.addAttribute("problems", e.problems());
            return form(model, surveys.find(id), definition);
        }
    }

    @PostMapping("/surveys/{id}/{action:activate|close}")
    String move(@PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
        if (action.equals("activate")) {
            surveys.activate(id, Actor.current().name());
        } else {
            surveys.close(id, Actor.current().name());
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("survey.flash." + action));
        return "redirect:/surveys/" + id;
    }

    /** An agent asks a customer the survey (from the call screen, or the customer's page) and enters the answers. */
    @GetMapping("/surveys/{id}/ask/{customerId}")
    String ask(
            @PathVariable long id,
            @PathVariable long customerId,
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(required = false) @Nullable Long step,
            Model model,
            HttpServletResponse response) {
        Survey survey = surveys.find(id);
        String problem = survey.status() != SurveyStatus.ACTIVE
                ? "survey.public.closed"
                : responses.hasAnswered(id, customerId) ? "survey.public.answered" : null;
        if (problem != null) {
            response.setStatus(HttpStatus.CONFLICT.value());
        }
        return askForm(model, survey, customerId, campaign, step, problem, Map.of());
    }

    @PostMapping("/surveys/{id}/ask/{customerId}")
    String asked(
            @PathVariable long id,
            @PathVariable long customerId,
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(required = false) @Nullable Long step,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            Locale locale,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Survey survey = surveys.find(id);
        try {
            responses.submit(
                    new LinkTarget(id, customerId, campaign, step),
                    ResponseChannel.AGENT,
                    "zh".equals(locale.getLanguage()) ? "zh" : "en",
                    Actor.current().name(),
                    form);
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            return askForm(model, survey, customerId, campaign, step, null, form.toSingleValueMap());
        } catch (SurveyResponses.AlreadyAnswered | SurveyResponses.NotOpen e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            String problem = e instanceof SurveyResponses.NotOpen ? "survey.public.closed" : "survey.public.answered";
            return askForm(model, survey, customerId, campaign, step, problem, Map.of());
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("survey.flash.asked", survey.name()));
        return step == null ? "redirect:/customers/" + customerId : "redirect:/calls/" + step + "/" + customerId;
    }

    private String askForm(
            Model model,
            Survey survey,
            long customerId,
            @Nullable Long campaign,
            @Nullable Long step,
            @Nullable String problem,
            Map<String, String> given) {
        model.addAttribute("survey", survey);
        model.addAttribute("customerId", customerId);
        model.addAttribute(
                "customerName",
                customers
                        .profile(customerId)
                        .orElseThrow(() -> new NotFoundException("customer " + customerId))
                        .name());
        model.addAttribute("campaign", campaign);
        model.addAttribute("step", step);
        model.addAttribute("problem", problem);
        model.addAttribute("given", given);
        return "survey/ask";
    }

    private String form(Model model, @Nullable Survey survey, String definition) {
        model.addAttribute("survey", survey);
        model.addAttribute("definition", definition);
        model.addAttribute("kinds", QuestionKind.values());
        return "survey/form";
    }

    private SurveyInput parse(String definition) {
        try {
            return json.readValue(definition, SurveyInput.class);
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    FieldProblem.of("definition", "survey.validation.json", e.getOriginalMessage()));
        }
    }

    /** A survey as the form edits it: the API's input. */
    static SurveyInput input(Survey survey) {
        List<SurveyInput.QuestionInput> questions = new ArrayList<>();
        for (Question q : survey.questions()) {
            questions.add(new SurveyInput.QuestionInput(
                    q.key(),
                    q.kind().name(),
                    q.required(),
                    q.text().en(),
                    q.text().zh(),
                    q.options().stream()
                            .map(o -> new SurveyInput.OptionInput(
                                    o.key(), o.text().en(), o.text().zh()))
                            .toList()));
        }
        return new SurveyInput(
                survey.key(),
                survey.name(),
                survey.title().en(),
                survey.title().zh(),
                survey.intro().en(),
                survey.intro().zh(),
                survey.thanks().en(),
                survey.thanks().zh(),
                questions);
    }

    private String example() {
        return """
                {
                  "key": "store_visit",
                  "name": "Store visit",
                  "titleEn": "How was your visit?",
                  "titleZh": "您的到店体验如何？",
                  "introEn": "Two minutes, three questions.",
                  "introZh": "两分钟，三个问题。",
                  "thanksEn": "Thank you for your answers.",
                  "thanksZh": "感谢您的回答。",
                  "questions": [
                    {"key": "overall", "kind": "RATING", "required": true,
                     "textEn": "How do you rate your visit?", "textZh": "您如何评价这次到店？"},
                    {"key": "recommend", "kind": "NPS", "required": false,
                     "textEn": "How likely are you to recommend us to a friend?", "textZh": "您向朋友推荐我们的可能性有多大？"},
                    {"key": "comment", "kind": "FREE_TEXT", "required": false,
                     "textEn": "Anything we should improve?", "textZh": "我们有什么需要改进的吗？"}
                  ]
                }
                """;
    }
}
