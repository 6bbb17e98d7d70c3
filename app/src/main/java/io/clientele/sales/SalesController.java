package io.clientele.sales;

import io.clientele.campaign.CampaignTouches;
import io.clientele.customer.Customers;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sales pages: leads (filters, bulk reassign), a lead (work, disqualify, convert), opportunities, an opportunity
 * (with the customer's campaign touches), the pipeline board, and the customer page's leads and opportunities.
 */
@Controller
class SalesController {
    private final Leads leads;
    private final Opportunities opportunities;
    private final PipelineStages stages;
    private final CampaignTouches touches;
    private final Customers customers;

    SalesController(
            Leads leads,
            Opportunities opportunities,
            PipelineStages stages,
            CampaignTouches touches,
            Customers customers) {
        this.leads = leads;
        this.opportunities = opportunities;
        this.stages = stages;
        this.touches = touches;
        this.customers = customers;
    }

    @GetMapping("/leads")
    String leads(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page, 50, 50);
        LeadStatus statusFilter = LeadApi.parse(LeadStatus.class, "status", status);
        LeadSource sourceFilter = LeadApi.parse(LeadSource.class, "source", source);
        model.addAttribute("page", leads.page(new Leads.Filter(statusFilter, owner, sourceFilter, campaign), page, 50));
        model.addAttribute("status", statusFilter);
        model.addAttribute("owner", owner);
        model.addAttribute("source", sourceFilter);
        model.addAttribute("campaign", campaign);
        model.addAttribute("statuses", LeadStatus.values());
        model.addAttribute("sources", LeadSource.values());
        model.addAttribute("salespeople", leads.salespeople());
        model.addAttribute("seesAll", SalesViewer.ownerLimit() == null);
        return "sales/leads";
    }

    @PostMapping("/leads/reassign")
    String reassign(
            @RequestParam(name = "ids", required = false) @Nullable List<Long> ids,
            @RequestParam(required = false) @Nullable String owner,
            RedirectAttributes redirect) {
        try {
            int changed = leads.reassign(ids == null ? List.of() : ids, owner);
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("lead.flash.reassigned", changed, owner));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("reassignErrors", FormErrors.of(e.problems()));
        }
        return "redirect:/leads";
    }

    @GetMapping("/leads/{id}")
    String lead(@PathVariable long id, Model model) {
        return leadPage(id, model, FormErrors.NONE, Map.of());
    }

    private String leadPage(long id, Model model, FormErrors errors, Map<String, String> form) {
        Leads.Lead lead = leads.find(id);
        model.addAttribute("lead", lead);
        model.addAttribute(
                "stages", stages.all().stream().filter(s -> !s.closed()).toList());
        model.addAttribute("salespeople", leads.salespeople());
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        model.addAttribute("form", form);
        return "sales/lead";
    }

    @PostMapping("/leads/{id}/work")
    String work(@PathVariable long id, RedirectAttributes redirect) {
        leads.work(id);
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("lead.flash.working"));
        return "redirect:/leads/" + id;
    }

    @PostMapping("/leads/{id}/disqualify")
    String disqualify(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String reason,
            Model model,
            RedirectAttributes redirect) {
        try {
            leads.disqualify(id, reason);
        } catch (InvalidInputException e) {
            return leadPage(id, model, FormErrors.of(e.problems()), Map.of("reason", reason == null ? "" : reason));
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("lead.flash.disqualified"));
        return "redirect:/leads/" + id;
    }

    @PostMapping("/leads/{id}/convert")
    String convert(
            @PathVariable long id, @RequestParam Map<String, String> params, Model model, RedirectAttributes redirect) {
        Opportunities.OpportunityInput input = new Opportunities.OpportunityInput(
                params.get("title"),
                params.get("products"),
                skus(params.get("skus")),
                params.get("amount"),
                params.get("stage"),
                params.get("expectedCloseOn"),
                params.get("owner"));
        try {
            Opportunities.Opportunity opportunity = opportunities.convert(id, input);
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("opportunity.flash.created"));
            return "redirect:/opportunities/" + opportunity.id();
        } catch (InvalidInputException e) {
            Map<String, String> form = new LinkedHashMap<>(params);
            form.remove("_csrf");
            return leadPage(id, model, FormErrors.of(e.problems()), form);
        }
    }

    private static @Nullable List<String> skus(@Nullable String text) {
        return text == null || text.isBlank()
                ? null
                : Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    @GetMapping("/opportunities")
    String opportunities(
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String owner,
            @RequestParam(required = false) @Nullable Long campaign,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page, 50, 50);
        model.addAttribute("page", opportunities.page(new Opportunities.Filter(stage, owner, campaign), page, 50));
        model.addAttribute("stage", stage);
        model.addAttribute("owner", owner);
        model.addAttribute("campaign", campaign);
        model.addAttribute("stages", stages.all());
        model.addAttribute("salespeople", leads.salespeople());
        model.addAttribute("seesAll", SalesViewer.ownerLimit() == null);
        return "sales/opportunities";
    }

    @GetMapping("/opportunities/{id}")
    String opportunity(@PathVariable long id, Model model) {
        return opportunityPage(id, model, FormErrors.NONE);
    }

    private String opportunityPage(long id, Model model, FormErrors errors) {
        Opportunities.Opportunity opportunity = opportunities.find(id);
        model.addAttribute("opportunity", opportunity);
        model.addAttribute("lead", leads.find(opportunity.leadId()));
        model.addAttribute("stages", stages.all());
        model.addAttribute(
                "touches", opportunity.customerId() == null ? List.of() : touches.ofCustomer(opportunity.customerId()));
        model.addAttribute(FormErrors.ATTRIBUTE, errors);
        return "sales/opportunity";
    }

    /** A move from the opportunity page's form, or from the board (a fetch: 204, or 400 with the problem's text). */
    @PostMapping("/opportunities/{id}/stage")
    Object move(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String stage,
            @RequestParam(required = false) @Nullable String reason,
            @RequestHeader(name = "X-Requested-With", required = false) @Nullable String requestedWith,
            Model model,
            RedirectAttributes redirect) {
        boolean fetch = "fetch".equals(requestedWith);
        try {
            if (stage == null || stage.isBlank()) {
                throw new InvalidInputException(FieldProblem.of("stage", "validation.required"));
            }
            opportunities.update(
                    id, new Opportunities.OpportunityInput(null, null, null, null, stage, null, null), reason);
        } catch (InvalidInputException e) {
            if (fetch) {
                throw e;
            }
            return opportunityPage(id, model, FormErrors.of(e.problems()));
        }
        if (fetch) {
            return ResponseEntity.noContent().build();
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("opportunity.flash.moved", stage));
        return "redirect:/opportunities/" + id;
    }

    @PostMapping("/opportunities/{id}/receipt")
    String receipt(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String saleId,
            Model model,
            RedirectAttributes redirect) {
        Long sale;
        try {
            sale = saleId == null || saleId.isBlank() ? null : Long.valueOf(saleId.strip());
        } catch (NumberFormatException e) {
            sale = -1L;
        }
        try {
            opportunities.matchReceipt(id, sale);
        } catch (InvalidInputException e) {
            return opportunityPage(id, model, FormErrors.of(e.problems()));
        }
        redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("opportunity.flash.matched", sale));
        return "redirect:/opportunities/" + id;
    }

    @GetMapping("/pipeline")
    String board(@RequestParam(required = false) @Nullable String owner, Model model) {
        List<PipelineStages.Stage> all = stages.all();
        List<Opportunities.Opportunity> items = opportunities
                .page(new Opportunities.Filter(null, owner, null), 0, 500)
                .items();
        Map<Integer, List<Opportunities.Opportunity>> columns = new LinkedHashMap<>();
        all.forEach(s -> columns.put(s.id(), new java.util.ArrayList<>()));
        items.forEach(o -> columns.get(o.stage().id()).add(o));
        model.addAttribute("stages", all);
        model.addAttribute("columns", columns);
        model.addAttribute("owner", owner);
        model.addAttribute("salespeople", leads.salespeople());
        model.addAttribute("seesAll", SalesViewer.ownerLimit() == null);
        return "sales/board";
    }

    /** The customer page's part: the customer's leads and opportunities (a salesperson's own). */
    @GetMapping("/customers/{id}/sales")
    String ofCustomer(@PathVariable long id, Model model) {
        customers.requireInScope(id);
        model.addAttribute("leads", leads.ofCustomer(id));
        model.addAttribute("opportunities", opportunities.ofCustomer(id));
        return "sales/customer :: sales";
    }
}
