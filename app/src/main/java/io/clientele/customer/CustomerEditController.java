package io.clientele.customer;

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
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing customers, their consents and tags (post-redirect-get; a form with errors is shown again
 * with the message next to each field). Security lets only roles with {@code customers:write} in.
 */
@Controller
@RequestMapping("/customers")
class CustomerEditController {
    private final CustomerEditor editor;
    private final Customers customers;
    private final Consents consents;
    private final CustomerTags tags;

    CustomerEditController(CustomerEditor editor, Customers customers, Consents consents, CustomerTags tags) {
        this.editor = editor;
        this.customers = customers;
        this.consents = consents;
        this.tags = tags;
    }

    @GetMapping("/new")
    String newCustomer(Model model) {
        return form(model, null, CustomerForm.empty(), List.of());
    }

    @PostMapping
    String create(@ModelAttribute CustomerForm form, Model model, RedirectAttributes redirect) {
        return save(null, form, model, redirect);
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        return form(model, id, CustomerForm.of(customers.require(id).toInput()), List.of());
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, @ModelAttribute CustomerForm form, Model model, RedirectAttributes redirect) {
        return save(id, form, model, redirect);
    }

    private String save(@Nullable Long id, CustomerForm form, Model model, RedirectAttributes redirect) {
        CustomerInput input = form.toInput();
        List<FieldProblem> problems = new ArrayList<>(form.rowProblems());
        problems.addAll(form.onRows(editor.problems(id, input)));
        if (!problems.isEmpty()) {
            return form(model, id, form, problems);
        }
        try {
            if (id == null) {
                long created = editor.create(input);
                redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("customer.flash.created"));
                return "redirect:/customers/" + created;
            }
            boolean changed = !editor.update(id, input).isEmpty();
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE, Flash.of(changed ? "customer.flash.saved" : "customer.flash.unchanged"));
            return "redirect:/customers/" + id;
        } catch (InvalidInputException e) {
            // taken by another request since the check
            return form(model, id, form, form.onRows(e.problems()));
        }
    }

    private String form(Model model, @Nullable Long id, CustomerForm form, List<FieldProblem> problems) {
        model.addAttribute("customerId", id);
        if (id != null) {
            model.addAttribute("customer", customers.require(id));
        }
        model.addAttribute("form", form);
        model.addAttribute("rows", form.rows());
        model.addAttribute("options", editor.options());
        model.addAttribute("genders", Gender.values());
        model.addAttribute("incomeBands", IncomeBand.values());
        model.addAttribute("educations", Education.values());
        model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(problems));
        return "customer/form";
    }

    @PostMapping("/{id}/consents")
    String consent(
            @PathVariable long id,
            @RequestParam ConsentChannel channel,
            @RequestParam(required = false) @Nullable Boolean granted,
            @RequestParam(required = false) @Nullable String source,
            RedirectAttributes redirect) {
        try {
            consents.record(id, channel, granted, source);
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("consent.saved"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            redirect.addFlashAttribute("consentInput", new ConsentInput(channel, granted, source));
        }
        return "redirect:/customers/" + id + "#consents";
    }

    /** What was typed in the consent form, shown again with its errors. */
    record ConsentInput(
            ConsentChannel channel,
            @Nullable Boolean granted,
            @Nullable String source) {}

    @PostMapping("/{id}/tags")
    String addTag(@PathVariable long id, @RequestParam String tag, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("tag.added", tags.add(id, tag)));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            redirect.addFlashAttribute("tagInput", tag);
        }
        return "redirect:/customers/" + id + "#tags";
    }

    @PostMapping("/{id}/tags/remove")
    String removeTag(@PathVariable long id, @RequestParam String tag, RedirectAttributes redirect) {
        tags.remove(id, tag);
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("tag.removed", tag));
        return "redirect:/customers/" + id + "#tags";
    }
}
