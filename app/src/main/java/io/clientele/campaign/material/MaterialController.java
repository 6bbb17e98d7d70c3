package io.clientele.campaign.material;

import io.clientele.customer.CustomerSort;
import io.clientele.customer.CustomerSummary;
import io.clientele.customer.Customers;
import io.clientele.identity.ApiScope;
import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import io.clientele.survey.Surveys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The materials pages: the library by kind, the form of each kind, and a material with its versions and preview. */
@Controller
class MaterialController {
    static final int ANSWER_ROWS = 6;

    private final Materials materials;
    private final Customers customers;
    private final Surveys surveys;

    private final MergeFieldRegistry placeholders;

    MaterialController(Materials materials, Customers customers, Surveys surveys, MergeFieldRegistry placeholders) {
        this.materials = materials;
        this.placeholders = placeholders;
        this.customers = customers;
        this.surveys = surveys;
    }

    @GetMapping("/campaigns/materials")
    String list(
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        MaterialKind filter = MaterialApi.kind(kind);
        model.addAttribute("page", materials.page(filter, archived, page, 50));
        model.addAttribute("archived", archived);
        model.addAttribute("kind", filter);
        model.addAttribute("kinds", MaterialKind.values());
        // surveys are kept by the survey feature: the library lists them beside the materials and links to them
        model.addAttribute(
                "surveys",
                archived || (filter != null && filter != MaterialKind.SURVEY) ? null : surveys.page(null, 0, 50));
        return "campaign/material/list";
    }

    @GetMapping("/campaigns/materials/new")
    String create(@RequestParam(defaultValue = "EMAIL") String kind, Model model) {
        MaterialKind chosen = Optional.ofNullable(MaterialApi.kind(kind)).orElse(MaterialKind.EMAIL);
        if (!chosen.isMadeHere()) {
            return "redirect:/surveys/new";
        }
        return form(model, padded(new MaterialInput(chosen.name(), null, null, null, null, null, null)), chosen, null);
    }

    @PostMapping("/campaigns/materials")
    String created(@ModelAttribute MaterialInput form, Model model, RedirectAttributes redirect) {
        try {
            Material material = materials.create(form, Actor.current().name());
            flash(redirect, material);
            return "redirect:/campaigns/materials/" + material.id();
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            MaterialKind kind = Optional.ofNullable(kindOrNull(form.kind())).orElse(MaterialKind.EMAIL);
            return form(model, padded(form), kind, null);
        }
    }

    @GetMapping("/campaigns/materials/{id}")
    String show(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable Integer version,
            @RequestParam(required = false) @Nullable String customer,
            @RequestParam(required = false) @Nullable String offerCode,
            @RequestParam(required = false) @Nullable String offerDescription,
            @RequestParam(required = false) @Nullable String offerValidUntil,
            Model model) {
        Material material = materials.find(id);
        MaterialVersion shown = version == null ? material.current() : materials.version(id, version);
        model.addAttribute("material", material);
        model.addAttribute("shown", shown);
        model.addAttribute("versions", materials.versions(id));
        model.addAttribute("placeholders", placeholders.names());
        model.addAttribute("customer", customer);
        model.addAttribute("offer", new SampleOffer(offerCode, offerDescription, offerValidUntil));
        if (customer != null && !customer.isBlank() && may(ApiScope.CUSTOMERS_READ)) {
            List<CustomerSummary> matches = new ArrayList<>();
            Long customerId = resolve(customer.strip(), matches);
            model.addAttribute("matches", matches);
            if (customerId != null) {
                try {
                    model.addAttribute(
                            "preview",
                            materials.preview(
                                    id,
                                    shown.version(),
                                    customerId,
                                    new SampleOffer(offerCode, offerDescription, offerValidUntil)));
                } catch (InvalidInputException e) {
                    model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
                }
            }
        }
        return "campaign/material/show";
    }

    @GetMapping("/campaigns/materials/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        Material material = materials.find(id);
        MaterialVersion current = material.current();
        List<MaterialInput.AnswerInput> answers = new ArrayList<>();
        current.answers().forEach(a -> answers.add(new MaterialInput.AnswerInput(a.question(), a.answer())));
        MaterialInput input = new MaterialInput(
                material.kind().name(),
                material.name(),
                current.subject(),
                current.htmlBody(),
                current.textBody(),
                current.text(),
                answers);
        return form(model, padded(input), material.kind(), material);
    }

    @PostMapping("/campaigns/materials/{id}")
    String updated(
            @PathVariable long id, @ModelAttribute MaterialInput form, Model model, RedirectAttributes redirect) {
        try {
            Material material = materials.update(id, form, Actor.current().name());
            flash(redirect, material);
            return "redirect:/campaigns/materials/" + id;
        } catch (InvalidInputException e) {
            Material material = materials.find(id);
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            return form(model, padded(form), material.kind(), material);
        }
    }

    @PostMapping("/campaigns/materials/{id}/{action:archive|restore}")
    String archive(@PathVariable long id, @PathVariable String action, RedirectAttributes redirect) {
        if (action.equals("archive")) {
            materials.archive(id, Actor.current().name());
        } else {
            materials.restore(id, Actor.current().name());
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("material.flash." + action));
        return "redirect:/campaigns/materials/" + id;
    }

    private static void flash(RedirectAttributes redirect, Material material) {
        redirect.addFlashAttribute(
                Flash.ATTRIBUTE,
                material.current().htmlCleaned()
                        ? Flash.of("material.flash.savedCleaned", material.currentVersion())
                        : Flash.of("material.flash.saved", material.currentVersion()));
    }

    /**
     * A customer id or card number finds one customer; other text searches names, and a single match is taken.
     * Matches are listed so the person can pick one.
     */
    private @Nullable Long resolve(String text, List<CustomerSummary> matches) {
        if (text.chars().allMatch(Character::isDigit) && text.length() < 18) {
            long id = Long.parseLong(text);
            if (customers.profile(id).isPresent()) {
                return id;
            }
        }
        Optional<Long> byCard = customers.idOfCardNumber(text);
        if (byCard.isPresent()) {
            return byCard.get();
        }
        matches.addAll(customers.search(text, CustomerSort.NAME, false, 0, 8).items());
        return matches.size() == 1 ? matches.getFirst().id() : null;
    }

    private String form(Model model, MaterialInput form, MaterialKind kind, @Nullable Material material) {
        model.addAttribute("form", form);
        model.addAttribute("kind", kind);
        model.addAttribute("material", material);
        model.addAttribute("placeholders", placeholders.names());
        model.addAttribute("maxParts", SmsCount.MAX_PARTS);
        return "campaign/material/form";
    }

    /** With empty standard-answer rows up to the form's size, so answers can be added without script. */
    private static MaterialInput padded(MaterialInput input) {
        List<MaterialInput.AnswerInput> rows = new ArrayList<>(input.answers() == null ? List.of() : input.answers());
        while (rows.size() < ANSWER_ROWS) {
            rows.add(new MaterialInput.AnswerInput(null, null));
        }
        return new MaterialInput(
                input.kind(), input.name(), input.subject(), input.htmlBody(), input.textBody(), input.text(), rows);
    }

    private static @Nullable MaterialKind kindOrNull(@Nullable String kind) {
        try {
            return MaterialApi.kind(kind);
        } catch (InvalidInputException e) {
            return null;
        }
    }

    private static boolean may(ApiScope scope) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(a -> scope.authority().equals(a.getAuthority()));
    }
}
