package io.clientele.survey;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
 * on save; only a draft is edited, then activated and closed.
 */
@Controller
class SurveyController {
    private final Surveys surveys;
    private final SurveyResults results;
    private final JsonMapper json;

    SurveyController(Surveys surveys, SurveyResults results, JsonMapper json) {
        this.surveys = surveys;
        this.results = results;
        this.json = json;
    }

    @GetMapping("/surveys")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("page", surveys.page(null, Math.max(0, page), 20));
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
