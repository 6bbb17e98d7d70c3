package io.clientele.customer;

import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "Customers and prospects")
class CustomerApi {
    private final Customers customers;

    CustomerApi(Customers customers) {
        this.customers = customers;
    }

    @GetMapping
    @Operation(summary = "A page of customers, optionally filtered by a search text and sorted")
    PageResult<CustomerSummary> list(
            @Parameter(description = "matches name, email, phone, card number or external id")
                    @RequestParam(required = false)
                    @Nullable
                    String q,
            @Parameter(description = "name, city, lastPurchase or created") @RequestParam(defaultValue = "name")
                    String sort,
            @Parameter(description = "asc or desc") @RequestParam(defaultValue = "asc") String dir,
            @Parameter(description = "zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "page size, 1 to 200") @RequestParam(defaultValue = "50") int size) {
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw new IllegalArgumentException("dir: asc or desc, not '" + dir + "'");
        }
        if (page < 0) {
            throw new IllegalArgumentException("page: zero or more, not " + page);
        }
        if (size < 1 || size > 200) {
            throw new IllegalArgumentException("size: 1 to 200, not " + size);
        }
        return customers.search(q, CustomerSort.fromParam(sort), dir.equals("desc"), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer with demographics and consents")
    CustomerProfile get(@PathVariable long id) {
        return customers
                .profile(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No customer with id " + id));
    }
}
