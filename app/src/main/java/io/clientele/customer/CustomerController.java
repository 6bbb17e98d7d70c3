package io.clientele.customer;

import io.clientele.ingest.SalesFigures;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The customer list (full page, or just the table for htmx) and the customer page. */
@Controller
@RequestMapping("/customers")
class CustomerController {
    private final Customers customers;
    private final SalesFigures sales;

    CustomerController(Customers customers, SalesFigures sales) {
        this.customers = customers;
        this.sales = sales;
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
        CustomerSort order = sortOrDefault(sort);
        boolean descending = "desc".equals(dir);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("sort", order.param());
        model.addAttribute("dir", descending ? "desc" : "asc");
        model.addAttribute("result", customers.search(q, order, descending, page, size));
        return htmx != null ? "customer/list :: table" : "customer/list";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        CustomerProfile profile = customers
                .profile(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer " + id));
        model.addAttribute("customer", profile);
        model.addAttribute("totals", sales.customerTotals(id));
        model.addAttribute("receipts", sales.receiptsOf(id, page, 10));
        return "customer/show";
    }

    private static CustomerSort sortOrDefault(String sort) {
        try {
            return CustomerSort.fromParam(sort);
        } catch (IllegalArgumentException e) {
            return CustomerSort.NAME;
        }
    }
}
