package io.clientele.customer;

import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Duplicates", description = "Finding and merging customers who are the same person")
class DuplicatesApi {
    private final Duplicates duplicates;
    private final CustomerMerge merge;
    private final Customers customers;

    DuplicatesApi(Duplicates duplicates, CustomerMerge merge, Customers customers) {
        this.duplicates = duplicates;
        this.merge = merge;
        this.customers = customers;
    }

    @GetMapping("/duplicates")
    @Operation(summary = "Candidate pairs of duplicates, the most matching keys first")
    PageResult<Duplicates.Pair> all(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return duplicates.all(page, size);
    }

    @GetMapping("/{id}/duplicates")
    @Operation(summary = "The possible duplicates of one customer")
    List<Duplicates.Pair> of(@PathVariable long id) {
        customers.require(id);
        return duplicates.of(id);
    }

    @PostMapping("/{survivorId}/merge/{mergedId}")
    @Operation(
            summary = "Merge a customer into the survivor (scope customers:merge)",
            description = "Moves every related record to the survivor, fills its empty fields and deletes the merged "
                    + "customer. With dryRun=true nothing changes: the answer shows what the merge would do.")
    CustomerMerge.Outcome merge(
            @PathVariable long survivorId,
            @PathVariable long mergedId,
            @Parameter(description = "preview only") @RequestParam(defaultValue = "false") boolean dryRun) {
        return merge.merge(survivorId, mergedId, dryRun);
    }

    @PostMapping("/{id}/distinct/{otherId}")
    @Operation(summary = "Mark two customers as different people, so they are no longer suggested (customers:merge)")
    ResponseEntity<Void> distinct(@PathVariable long id, @PathVariable long otherId) {
        duplicates.markDistinct(id, otherId);
        return ResponseEntity.noContent().build();
    }
}
