package io.clientele.customer;

import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer list (full page, or just the table for htmx) and the customer's 360° page: profile, consents with
 * their history, tags, custom attributes, possible duplicates and the timeline. The purchases part of the page is a
 * fragment of the ingest feature, loaded by htmx.
 */
@Controller
@RequestMapping("/customers")
class CustomerController {
    static final int TIMELINE_PAGE = 15;
    private final Customers customers;
    private final Consents consents;
    private final CustomerTags tags;
    private final Timeline timeline;
    private final Duplicates duplicates;

    CustomerController(
            Customers customers, Consents consents, CustomerTags tags, Timeline timeline, Duplicates duplicates) {
        this.customers = customers;
        this.consents = consents;
        this.tags = tags;
        this.timeline = timeline;
        this.duplicates = duplicates;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "25") int size,
            @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
            Model model) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        CustomerSort order = sortOrDefault(sort);
        boolean descending = "desc".equals(dir);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sort", order.param());
        model.addAttribute("dir", descending ? "desc" : "asc");
        model.addAttribute("result", customers.search(q, order, descending, page, size));
        return htmx != null ? "customer/list :: table" : "customer/list";
    }

    /** A merged customer's address leads to the survivor, as bookmarks and old links should. */
    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model, RedirectAttributes redirect) {
        Optional<CustomerProfile> profile = customers.profile(id);
        if (profile.isEmpty()) {
            long survivor = customers.survivorOf(id).orElseThrow(() -> customers.notFound(id));
            redirect.addFlashAttribute(Flash.ATTRIBUTE, Flash.of("customer.flash.wasMerged", id));
            return "redirect:/customers/" + survivor;
        }
        model.addAttribute("customer", profile.get());
        model.addAttribute("customerId", id);
        model.addAttribute("channels", ConsentChannel.values());
        model.addAttribute("consentHistory", consents.history(id));
        model.addAttribute("tagSuggestions", tags.popular(30));
        model.addAttribute("duplicates", duplicates.of(id));
        model.addAttribute("timeline", timeline.of(id, 0, TIMELINE_PAGE));
        return "customer/show";
    }

    @GetMapping("/{id}/timeline")
    String timeline(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("customerId", id);
        model.addAttribute("timeline", timeline.of(id, page, TIMELINE_PAGE));
        return "customer/show :: timeline";
    }

    private static CustomerSort sortOrDefault(String sort) {
        try {
            return CustomerSort.fromParam(sort);
        } catch (IllegalArgumentException e) {
            return CustomerSort.NAME;
        }
    }
}
