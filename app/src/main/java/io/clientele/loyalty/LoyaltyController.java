package io.clientele.loyalty;

import io.clientele.platform.ConflictException;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages: a member looked up by card with their balance, lots and statement and the manual adjustment form
 * ({@code /loyalty/members}); the loyalty part of the customer page ({@code /customers/{id}/loyalty}, an htmx
 * fragment); the programme with its rules, tiers (created and changed there), the tier distribution and movement
 * chart, and liability ({@code /loyalty}).
 */
@Controller
class LoyaltyController {
    private static final int STATEMENT_PAGE = 20;

    private final LoyaltyCards cards;
    private final PointsLedger ledger;
    private final EarningRules rules;
    private final Liability liability;
    private final ProgrammeSettings settings;
    private final LoyaltyTiers tiers;
    private final JsonMapper json;

    LoyaltyController(
            LoyaltyCards cards,
            PointsLedger ledger,
            EarningRules rules,
            Liability liability,
            ProgrammeSettings settings,
            LoyaltyTiers tiers,
            JsonMapper json) {
        this.cards = cards;
        this.ledger = ledger;
        this.rules = rules;
        this.liability = liability;
        this.settings = settings;
        this.tiers = tiers;
        this.json = json;
    }

    /** The adjustment form: its idempotency key is drawn when the form is shown, so a resubmission posts once. */
    record AdjustmentForm(
            @Nullable String idempotencyKey,
            @Nullable Long points,
            @Nullable String reason,
            @Nullable String approvedBy) {}

    @GetMapping("/loyalty/members")
    String member(
            @RequestParam(required = false) @Nullable String card,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        model.addAttribute("card", card);
        Optional<LoyaltyCards.Card> found =
                card == null || card.isBlank() ? Optional.empty() : cards.find(LoyaltyApi.cardNumber("card", card));
        model.addAttribute("member", found.orElse(null));
        model.addAttribute("notFound", card != null && !card.isBlank() && found.isEmpty());
        found.ifPresent(c -> {
            model.addAttribute("account", ledger.account(c.accountId()));
            model.addAttribute("standing", tiers.standing(c.accountId()));
            List<PointsLedger.Line> lines = ledger.statement(c.accountId(), STATEMENT_PAGE + 1, page * STATEMENT_PAGE);
            model.addAttribute("statement", lines.subList(0, Math.min(lines.size(), STATEMENT_PAGE)));
            model.addAttribute("page", page);
            model.addAttribute("more", lines.size() > STATEMENT_PAGE);
        });
        if (!model.containsAttribute("adjustment")) {
            model.addAttribute(
                    "adjustment", new AdjustmentForm(UUID.randomUUID().toString(), null, null, null));
            model.addAttribute("errors", FormErrors.NONE);
        }
        return "loyalty/member";
    }

    @PostMapping("/loyalty/members/{card}/adjustments")
    String adjust(@PathVariable String card, @ModelAttribute AdjustmentForm form, RedirectAttributes redirect) {
        String number = LoyaltyApi.cardNumber("card", card);
        try {
            ledger.adjust(new PointsLedger.Adjustment(
                    form.idempotencyKey(), number, form.points(), form.reason(), form.approvedBy()));
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("loyalty.flash.adjusted"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("adjustment", form);
            redirect.addFlashAttribute("errors", FormErrors.of(e.problems()));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:"
                + UriComponentsBuilder.fromPath("/loyalty/members")
                        .queryParam("card", number)
                        .encode()
                        .toUriString();
    }

    @GetMapping("/customers/{customerId}/loyalty")
    String customer(@PathVariable long customerId, Model model) {
        model.addAttribute("customerId", customerId);
        List<LoyaltyCards.Card> held = cards.ofCustomer(customerId);
        model.addAttribute("cards", held);
        held.stream().findFirst().ifPresent(c -> {
            model.addAttribute("account", ledger.account(c.accountId()));
            model.addAttribute("standing", tiers.standing(c.accountId()));
        });
        return "loyalty/customer :: loyalty";
    }

    @GetMapping("/loyalty")
    String programme(@RequestParam(required = false) @Nullable Long tier, Model model) {
        Programme programme = ledger.programme();
        model.addAttribute("programme", programme);
        if (!model.containsAttribute("settings")) {
            model.addAttribute(
                    "settings",
                    new ProgrammeSettings.Input(
                            programme.name(),
                            programme.pointsPerUnit(),
                            programme.pointValue(),
                            programme.expiryMonths(),
                            programme.receiptCap(),
                            programme.redeemOnEarningReceipt(),
                            programme.rewardCodePrefix(),
                            programme.holdMinutes(),
                            programme.tierBasis().name(),
                            programme.tierWindowMonths(),
                            programme.tierReviewMonths()));
            model.addAttribute("errors", FormErrors.NONE);
        }
        model.addAttribute("rules", rules.all());
        model.addAttribute("liability", liability.now());
        List<LoyaltyTiers.Tier> all = tiers.all();
        model.addAttribute("tiers", all);
        if (!model.containsAttribute("tierForm")) {
            LoyaltyTiers.Tier editing = tier == null ? null : tiers.get(tier);
            model.addAttribute("tierId", editing == null ? null : editing.id());
            model.addAttribute(
                    "tierForm",
                    editing == null
                            ? new LoyaltyTiers.TierInput(null, all.size() + 1, null, null)
                            : new LoyaltyTiers.TierInput(
                                    editing.name(), editing.rank(), editing.threshold(), editing.multiplier()));
            model.addAttribute("tierErrors", FormErrors.NONE);
        }
        model.addAttribute("tierChart", tierChart(all));
        return "loyalty/programme";
    }

    /** The chart's data as JSON, for the page's script to parse (names are data: never markup). */
    private String tierChart(List<LoyaltyTiers.Tier> all) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("tiers", all.stream().map(LoyaltyTiers.Tier::name).toList());
        chart.put("distribution", tiers.distribution());
        chart.put(
                "movements",
                tiers.movements().stream()
                        .map(m -> Map.of("month", m.month().toString(), "up", m.upgrades(), "down", m.downgrades()))
                        .toList());
        return json.writeValueAsString(chart);
    }

    @PostMapping("/loyalty/tiers")
    String createTier(@ModelAttribute LoyaltyTiers.TierInput form, RedirectAttributes redirect) {
        return saveTier(null, form, redirect);
    }

    @PostMapping("/loyalty/tiers/{id}")
    String updateTier(@PathVariable long id, @ModelAttribute LoyaltyTiers.TierInput form, RedirectAttributes redirect) {
        return saveTier(id, form, redirect);
    }

    private String saveTier(@Nullable Long id, LoyaltyTiers.TierInput form, RedirectAttributes redirect) {
        try {
            String actor = io.clientele.platform.Actor.current().name();
            if (id == null) {
                tiers.create(form, actor);
            } else {
                tiers.update(id, form, actor);
            }
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("loyalty.flash.tierSaved"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("tierForm", form);
            redirect.addFlashAttribute("tierId", id);
            redirect.addFlashAttribute("tierErrors", FormErrors.of(e.problems()));
        }
        return "redirect:/loyalty#tiers";
    }

    @PostMapping("/loyalty/tiers/{id}/delete")
    String deleteTier(@PathVariable long id, RedirectAttributes redirect) {
        try {
            tiers.delete(id);
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("loyalty.flash.tierDeleted"));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("actionError", e.getMessage());
        }
        return "redirect:/loyalty#tiers";
    }

    @PostMapping("/loyalty/programme")
    String saveProgramme(@ModelAttribute ProgrammeSettings.Input form, RedirectAttributes redirect) {
        try {
            settings.update(form, io.clientele.platform.Actor.current().name());
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("loyalty.flash.programmeSaved"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("settings", form);
            redirect.addFlashAttribute("errors", FormErrors.of(e.problems()));
        }
        return "redirect:/loyalty";
    }
}
