package io.clientele.merchandising;

import io.clientele.campaign.Campaign;
import io.clientele.platform.Actor;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import io.clientele.segment.SavedSegments;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The market-basket page: the form, the rules table (sortable, each rule a button to its cross-sell segment) and the
 * network of the one-to-one rules.
 */
@Controller
class BasketController {
    /** The network shows at most this many one-to-one rules: more is a hairball. */
    static final int NETWORK_RULES = 60;

    private final MarketBaskets baskets;
    private final CrossSellSegments crossSell;
    private final CrossSellCampaigns campaigns;
    private final SavedSegments segments;
    private final StoreChoices storeChoices;
    private final Clock clock;

    BasketController(
            MarketBaskets baskets,
            CrossSellSegments crossSell,
            CrossSellCampaigns campaigns,
            SavedSegments segments,
            StoreChoices storeChoices,
            Clock clock) {
        this.baskets = baskets;
        this.crossSell = crossSell;
        this.campaigns = campaigns;
        this.segments = segments;
        this.storeChoices = storeChoices;
        this.clock = clock;
    }

    @GetMapping("/merchandising/baskets")
    String page(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable String minSupport,
            @RequestParam(required = false) @Nullable String minConfidence,
            @RequestParam(required = false) @Nullable String maxLength,
            Model page) {
        page.addAttribute("levels", BasketLevel.values());
        page.addAttribute("storeChoices", storeChoices.visible());
        page.addAttribute("segmentChoices", segments.all(200));
        try {
            BasketQuery query = BasketQuery.parse(
                    level, from, to, stores, segment, minSupport, minConfidence, maxLength, null, LocalDate.now(clock));
            MarketBaskets.RuleSet result = baskets.mine(query);
            page.addAttribute("query", query);
            page.addAttribute("result", result);
            page.addAttribute("network", network(result.rules()));
            page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.NONE);
        } catch (InvalidInputException e) {
            page.addAttribute("query", null);
            page.addAttribute("result", null);
            page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
        }
        page.addAttribute(
                "form",
                Map.of(
                        "level", level == null ? "" : level,
                        "from", from == null ? "" : from,
                        "to", to == null ? "" : to,
                        "stores", stores == null ? List.of() : stores,
                        "segment", segment == null ? "" : segment,
                        "minSupport", minSupport == null ? "" : minSupport,
                        "minConfidence", minConfidence == null ? "" : minConfidence,
                        "maxLength", maxLength == null ? "" : maxLength));
        return "merchandising/baskets";
    }

    /** A rule's row button: its cross-sell segment, then that segment's page. */
    @PostMapping("/merchandising/baskets/segment")
    String segment(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable List<String> bought,
            @RequestParam(required = false) @Nullable List<String> notBought,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            RedirectAttributes redirect) {
        CrossSellSegments.Created created = crossSell.create(level, bought, notBought, from, to);
        redirect.addFlashAttribute(
                Flash.ATTRIBUTE,
                Flash.of(
                        created.created() ? "basket.flash.segment" : "basket.flash.segmentExists",
                        created.segment().name()));
        return "redirect:/segments/" + created.segment().id();
    }

    /** A rule's other row button: a draft cross-sell campaign on its segment, then the campaign's page. */
    @PostMapping("/merchandising/baskets/campaign")
    String campaign(
            @RequestParam(required = false) @Nullable String level,
            @RequestParam(required = false) @Nullable List<String> bought,
            @RequestParam(required = false) @Nullable List<String> notBought,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            RedirectAttributes redirect) {
        Campaign draft = campaigns
                .draft(
                        new CrossSellCampaigns.Request(level, bought, notBought, from, to, null, null),
                        null,
                        Actor.current().name())
                .campaign();
        redirect.addFlashAttribute(
                Flash.ATTRIBUTE, Flash.of("basket.flash.campaign", draft.plan().name()));
        return "redirect:/campaigns/" + draft.id();
    }

    /** Nodes (items, sized by support) and links (one-to-one rules, weighted by lift) for the chart. */
    static Map<String, Object> network(List<MarketBaskets.Rule> rules) {
        Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
        List<Map<String, Object>> links = new ArrayList<>();
        for (MarketBaskets.Rule rule : rules) {
            if (rule.antecedent().size() != 1 || rule.consequent().size() != 1) continue;
            if (links.size() == NETWORK_RULES) break;
            MarketBaskets.Item a = rule.antecedent().getFirst();
            MarketBaskets.Item c = rule.consequent().getFirst();
            for (MarketBaskets.Item item : List.of(a, c)) {
                nodes.computeIfAbsent(item.key(), key -> {
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("id", key);
                    node.put("name", item.label());
                    return node;
                });
            }
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("source", a.key());
            link.put("target", c.key());
            link.put("lift", rule.lift());
            link.put("confidence", rule.confidence());
            links.add(link);
        }
        return Map.of("nodes", List.copyOf(nodes.values()), "links", links);
    }
}
