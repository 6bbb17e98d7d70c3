package io.clientele.forms;

import io.clientele.customer.ConsentChannel;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
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
 * The form builder for marketers: the list of forms, a form's page (its public address, the snippet that embeds it,
 * its submissions) and the page that creates or changes one. The builder is one page with a row per attribute and per
 * consent channel: ticked rows are the form's fields and consents, in the order shown.
 */
@Controller
class FormController {
    private final Forms forms;
    private final FormSubmissions submissions;
    private final Events events;
    private final FormsProperties properties;

    FormController(Forms forms, FormSubmissions submissions, Events events, FormsProperties properties) {
        this.forms = forms;
        this.submissions = submissions;
        this.events = events;
        this.properties = properties;
    }

    @GetMapping("/forms")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page, 50, 50);
        model.addAttribute("page", forms.page(page, 50));
        return "forms/list";
    }

    @GetMapping("/forms/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page, 50, 50);
        Forms.Form form = forms.find(id);
        String address = properties.publicUrl().replaceAll("/+$", "") + "/f/" + form.slug();
        model.addAttribute("form", form);
        model.addAttribute("address", address);
        model.addAttribute(
                "snippet",
                "<iframe src=\"" + address + "\" title=\"" + form.title().replace("\"", "&quot;")
                        + "\" style=\"width:100%;min-height:640px;border:0\" loading=\"lazy\"></iframe>");
        model.addAttribute("submissions", submissions.page(id, page, 50));
        model.addAttribute("event", form.eventId() == null ? null : events.find(form.eventId()));
        return "forms/show";
    }

    @GetMapping("/forms/new")
    String create(@RequestParam(defaultValue = "NEWSLETTER") String kind, Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", kind);
        values.put("active", "on");
        values.put("field.EMAIL.include", "on");
        values.put("field.EMAIL.required", "on");
        values.put("field.FIRST_NAME.include", "on");
        values.put("field.LAST_NAME.include", "on");
        return builder(model, null, values, FormErrors.NONE, List.of());
    }

    @GetMapping("/forms/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Forms.Form form = forms.find(id);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("slug", form.slug());
        values.put("name", form.name());
        values.put("kind", form.kind().name());
        values.put("title", form.title());
        put(values, "intro", form.intro());
        put(values, "thanks", form.thanks());
        put(values, "campaignId", form.campaignId());
        put(values, "source", form.source());
        put(values, "eventId", form.eventId());
        if (form.createLead()) {
            values.put("createLead", "on");
        }
        if (form.active()) {
            values.put("active", "on");
        }
        for (Forms.Field f : form.fields()) {
            values.put("field." + f.attribute() + ".include", "on");
            values.put("field." + f.attribute() + ".label", f.label());
            if (f.required()) {
                values.put("field." + f.attribute() + ".required", "on");
            }
        }
        for (Forms.Consent c : form.consents()) {
            values.put("consent." + c.channel() + ".include", "on");
            values.put("consent." + c.channel() + ".wording", c.wording());
            if (c.required()) {
                values.put("consent." + c.channel() + ".required", "on");
            }
        }
        return builder(model, id, values, FormErrors.NONE, List.of());
    }

    private static void put(Map<String, String> values, String key, @Nullable Object value) {
        if (value != null) {
            values.put(key, String.valueOf(value));
        }
    }

    @PostMapping("/forms")
    String save(@RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        return save(null, params, model, redirect);
    }

    @PostMapping("/forms/{id}")
    String update(
            @PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        forms.find(id);
        return save(id, params, model, redirect);
    }

    private String save(@Nullable Long id, Map<String, String> params, Model model, RedirectAttributes redirect) {
        Map<String, String> values = new LinkedHashMap<>(params);
        values.remove("_csrf");
        List<FieldProblem> problems = new ArrayList<>();
        Long campaign = number(values.get("campaignId"), "campaignId", problems);
        Long event = number(values.get("eventId"), "eventId", problems);
        List<Forms.FieldInput> fields = new ArrayList<>();
        for (FieldAttribute a : FieldAttribute.values()) {
            if (values.containsKey("field." + a + ".include")) {
                String label = values.get("field." + a + ".label");
                fields.add(new Forms.FieldInput(
                        a.name(),
                        label == null || label.isBlank() ? null : label,
                        values.containsKey("field." + a + ".required")));
            }
        }
        List<Forms.ConsentInput> consents = new ArrayList<>();
        for (ConsentChannel c : ConsentChannel.values()) {
            if (values.containsKey("consent." + c + ".include")) {
                consents.add(new Forms.ConsentInput(
                        c.name(),
                        values.get("consent." + c + ".wording"),
                        values.containsKey("consent." + c + ".required")));
            }
        }
        Forms.FormInput input = new Forms.FormInput(
                values.get("slug"),
                values.get("name"),
                values.get("kind"),
                values.get("title"),
                values.get("intro"),
                values.get("thanks"),
                campaign,
                values.get("source"),
                event,
                values.containsKey("createLead"),
                values.containsKey("active"),
                fields,
                consents);
        try {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            long saved = id == null
                    ? forms.create(input, Actor.current().name()).id()
                    : forms.update(id, input).id();
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("forms.flash.saved"));
            return "redirect:/forms/" + saved;
        } catch (InvalidInputException e) {
            return builder(model, id, values, FormErrors.of(e.problems()), e.problems());
        }
    }

    private static @Nullable Long number(@Nullable String value, String field, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "validation.number"));
            return null;
        }
    }

    private String builder(
            Model model,
            @Nullable Long id,
            Map<String, String> values,
            FormErrors errors,
            List<FieldProblem> problems) {
        model.addAttribute("id", id);
        model.addAttribute("values", values);
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute("problems", problems);
        model.addAttribute("kinds", FormKind.values());
        model.addAttribute("attributes", FieldAttribute.values());
        model.addAttribute("channels", ConsentChannel.values());
        model.addAttribute("events", events.page(0, 50).items());
        return "forms/builder";
    }
}
