package io.clientele.supplier;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages: the suppliers ({@code /suppliers}; a supplier's person goes straight to its own), a supplier with its
 * brands, promotions, shared segments and settlements and, for managers, the forms that define them
 * ({@code /suppliers/{id}}), and the sell-through of its brands by store and month with a chart
 * ({@code /suppliers/{id}/sell-through}).
 */
@Controller
class SupplierController {
    private final Suppliers suppliers;
    private final SellThrough sellThrough;
    private final Promotions promotions;
    private final Settlements settlements;
    private final SharedSegments shared;

    SupplierController(
            Suppliers suppliers,
            SellThrough sellThrough,
            Promotions promotions,
            Settlements settlements,
            SharedSegments shared) {
        this.suppliers = suppliers;
        this.sellThrough = sellThrough;
        this.promotions = promotions;
        this.settlements = settlements;
        this.shared = shared;
    }

    record SupplierForm(@Nullable String name, @Nullable String brands) {}

    /** The promotion form as typed: numbers and dates are read (and refused with their field named) on submit. */
    record PromotionForm(
            @Nullable String name,
            @Nullable String kind,
            @Nullable List<String> brands,
            @Nullable String campaignStepId,
            @Nullable String multiplier,
            @Nullable String startsOn,
            @Nullable String endsOn,
            @Nullable String supplierPercent,
            @Nullable String capPerPeriod) {
        static final PromotionForm EMPTY =
                new PromotionForm(null, "LOYALTY_BONUS", List.of(), null, "2", null, null, "50", null);

        Promotions.PromotionInput input() {
            List<FieldProblem> problems = new ArrayList<>();
            Promotions.PromotionInput input = new Promotions.PromotionInput(
                    name,
                    kind,
                    brands,
                    whole("campaignStepId", campaignStepId, problems),
                    decimal("multiplier", multiplier, problems),
                    InputFields.date("startsOn", startsOn, problems),
                    InputFields.date("endsOn", endsOn, problems),
                    decimal("supplierPercent", supplierPercent, problems),
                    decimal("capPerPeriod", capPerPeriod, problems));
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return input;
        }
    }

    @GetMapping("/suppliers")
    String list(Model model) {
        List<Suppliers.Supplier> visible = suppliers.visible();
        if (Suppliers.linkedSupplierOnly() && visible.size() == 1) {
            return "redirect:/suppliers/" + visible.get(0).id();
        }
        model.addAttribute("suppliers", visible);
        if (!model.containsAttribute("supplierForm")) {
            model.addAttribute("supplierForm", new SupplierForm(null, null));
        }
        return "supplier/list";
    }

    @PostMapping("/suppliers")
    String create(@ModelAttribute SupplierForm form, RedirectAttributes redirect) {
        try {
            Suppliers.Supplier created = suppliers.create(
                    new Suppliers.SupplierInput(form.name(), split(form.brands())),
                    Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("supplier.flash.created", created.name()));
            return "redirect:/suppliers/" + created.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("supplierForm", form);
            redirect.addFlashAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            return "redirect:/suppliers";
        }
    }

    @GetMapping("/suppliers/{id}")
    String supplier(@PathVariable long id, Model model) {
        Suppliers.Supplier supplier = suppliers.get(id);
        model.addAttribute("supplier", supplier);
        model.addAttribute("promotions", promotions.of(id));
        model.addAttribute("settlements", settlements.of(id));
        model.addAttribute("segments", shared.of(id));
        model.addAttribute("threshold", SharedSegments.THRESHOLD);
        model.addAttribute("kinds", Promotions.Kind.values());
        if (!Suppliers.linkedSupplierOnly()) {
            model.addAttribute("users", suppliers.users(id));
            model.addAttribute("couponSteps", promotions.couponSteps());
            model.addAttribute("shareable", shared.shareable());
        }
        if (!model.containsAttribute("promotionForm")) {
            model.addAttribute("promotionForm", PromotionForm.EMPTY);
        }
        return "supplier/supplier";
    }

    @PostMapping("/suppliers/{id}/brands")
    String addBrands(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String brands,
            RedirectAttributes redirect) {
        return act(
                id,
                redirect,
                "supplier.flash.brands",
                () -> suppliers.addBrands(id, split(brands), Actor.current().name()));
    }

    @PostMapping("/suppliers/{id}/users")
    String linkUser(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String username,
            RedirectAttributes redirect) {
        return act(
                id,
                redirect,
                "supplier.flash.user",
                () -> suppliers.linkUser(id, username, Actor.current().name()));
    }

    @PostMapping("/suppliers/{id}/segments")
    String share(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String segmentId,
            RedirectAttributes redirect) {
        return act(id, redirect, "supplier.flash.segment", () -> {
            List<FieldProblem> problems = new ArrayList<>();
            Long segment = whole("segmentId", segmentId, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            shared.share(id, segment, Actor.current().name());
        });
    }

    @PostMapping("/suppliers/{id}/promotions")
    String addPromotion(@PathVariable long id, @ModelAttribute PromotionForm form, RedirectAttributes redirect) {
        try {
            promotions.create(id, form.input(), Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("supplier.flash.promotion"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("promotionForm", form);
            redirect.addFlashAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
        }
        return "redirect:/suppliers/" + id;
    }

    @PostMapping("/suppliers/{id}/settlements/recompute")
    String recompute(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, "supplier.flash.recomputed", () -> settlements.recompute(id));
    }

    @PostMapping("/suppliers/{id}/settlements/close")
    String close(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String period,
            RedirectAttributes redirect) {
        return act(id, redirect, "supplier.flash.closed", () -> {
            List<FieldProblem> problems = new ArrayList<>();
            LocalDate month = InputFields.date("period", period, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            settlements.close(id, month, Actor.current().name());
        });
    }

    /** A form's action: a flash on success, the form's errors on the page on refusal. */
    private static String act(long id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of(done));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
        }
        return "redirect:/suppliers/" + id;
    }

    /** A chart's series: the revenue of each brand per month of the period. */
    record Chart(List<String> months, List<Series> series) {}

    record Series(String name, List<BigDecimal> data) {}

    @GetMapping("/suppliers/{id}/sell-through")
    String sellThrough(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String brand,
            @RequestParam(required = false) @Nullable String store,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            Model model) {
        Suppliers.Supplier supplier = suppliers.get(id);
        model.addAttribute("supplier", supplier);
        model.addAttribute("brand", brand);
        model.addAttribute("store", store);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("stores", sellThrough.stores());
        try {
            SellThrough.Period period = SupplierApi.period(sellThrough, from, to);
            List<SellThrough.Row> rows =
                    sellThrough.rows(supplier, InputFields.trimmed(brand), period, InputFields.trimmed(store));
            model.addAttribute("period", period);
            model.addAttribute("rows", rows);
            model.addAttribute("chart", chart(period, rows));
            model.addAttribute("totals", totals(rows));
        } catch (InvalidInputException e) {
            model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
            model.addAttribute("rows", List.of());
        }
        return "supplier/sell-through";
    }

    /** Units, revenue and receipts per brand over the period (a receipt with two brands counts for each). */
    private static Map<String, SellThrough.Row> totals(List<SellThrough.Row> rows) {
        Map<String, SellThrough.Row> totals = new LinkedHashMap<>();
        for (SellThrough.Row row : rows) {
            totals.merge(
                    row.brand(),
                    row,
                    (a, b) -> new SellThrough.Row(
                            a.brand(),
                            "",
                            "",
                            a.month(),
                            a.units() + b.units(),
                            a.revenue().add(b.revenue()),
                            a.receipts() + b.receipts()));
        }
        return totals;
    }

    private static Chart chart(SellThrough.Period period, List<SellThrough.Row> rows) {
        List<LocalDate> months = new ArrayList<>();
        for (LocalDate m = period.from(); !m.isAfter(period.to()); m = m.plusMonths(1)) {
            months.add(m);
        }
        List<Series> series = new ArrayList<>();
        for (String brand :
                new TreeSet<>(rows.stream().map(SellThrough.Row::brand).toList())) {
            List<BigDecimal> data = new ArrayList<>();
            for (LocalDate month : months) {
                data.add(rows.stream()
                        .filter(r -> r.brand().equals(brand) && r.month().equals(month))
                        .map(SellThrough.Row::revenue)
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
            }
            series.add(new Series(brand, data));
        }
        return new Chart(months.stream().map(m -> m.toString().substring(0, 7)).toList(), series);
    }

    private static List<String> split(@Nullable String text) {
        return text == null ? List.of() : List.of(text.split("[,\\n]+"));
    }

    private static @Nullable Long whole(String field, @Nullable String text, List<FieldProblem> problems) {
        String value = InputFields.trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "validation.number"));
            return null;
        }
    }

    private static @Nullable BigDecimal decimal(String field, @Nullable String text, List<FieldProblem> problems) {
        String value = InputFields.trimmed(text);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.abs().compareTo(new BigDecimal("1e12")) >= 0 || number.scale() > 6) {
                problems.add(FieldProblem.of(field, "validation.number"));
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of(field, "validation.number"));
            return null;
        }
    }
}
