package io.clientele.ingest;

import io.clientele.platform.PageResult;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The purchases part of the customer page, as htmx fragments: the totals and a page of receipts, and one receipt's
 * lines. It lives here, beside the receipts, so that the customer feature does not depend on this one (this one
 * depends on the customer feature for merges).
 */
@Controller
@RequestMapping("/customers/{customerId}")
class CustomerPurchasesController {
    private final SalesFigures sales;
    private final ReceiptLines lines;

    CustomerPurchasesController(SalesFigures sales, ReceiptLines lines) {
        this.sales = sales;
        this.lines = lines;
    }

    @GetMapping("/purchases")
    String purchases(@PathVariable long customerId, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("customerId", customerId);
        model.addAttribute("totals", sales.customerTotals(customerId));
        model.addAttribute("receipts", sales.receiptsOf(customerId, page, 10));
        return "ingest/purchases :: purchases";
    }

    @GetMapping("/receipts/{saleId}/lines")
    String lines(@PathVariable long customerId, @PathVariable long saleId, Model model) {
        model.addAttribute("lines", lines.of(customerId, saleId));
        return "ingest/purchases :: lines";
    }
}
