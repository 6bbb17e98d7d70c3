package io.clientele.customer;

import io.clientele.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers", description = "Customers and prospects")
class CustomerApi {
    private final Customers customers;
    private final CustomerEditor editor;
    private final Consents consents;
    private final CustomerTags tags;
    private final Timeline timeline;

    CustomerApi(Customers customers, CustomerEditor editor, Consents consents, CustomerTags tags, Timeline timeline) {
        this.customers = customers;
        this.editor = editor;
        this.consents = consents;
        this.tags = tags;
        this.timeline = timeline;
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
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return customers.search(q, CustomerSort.fromParam(sort), dir.equals("desc"), page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One customer with demographics, consents, tags and custom attributes")
    CustomerProfile get(@PathVariable long id) {
        return customers.require(id);
    }

    @PostMapping
    @Operation(summary = "Create a customer or prospect; 400 lists every invalid field")
    ResponseEntity<CustomerProfile> create(@RequestBody CustomerInput input) {
        long id = editor.create(input);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id)).body(customers.require(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace every editable field of a customer (a missing field is cleared)")
    CustomerProfile update(@PathVariable long id, @RequestBody CustomerInput input) {
        editor.update(id, input);
        return customers.require(id);
    }

    /** The body of a consent change. */
    record ConsentRequest(
            @Nullable Boolean granted, @Nullable String source) {}

    @PutMapping("/{id}/consents/{channel}")
    @Operation(summary = "Record that the customer granted or refused a channel (EMAIL, SMS, MAIL, PHONE) now")
    CustomerProfile.Consent consent(
            @PathVariable long id, @PathVariable String channel, @RequestBody ConsentRequest request) {
        return consents.record(id, channel(channel), request.granted(), request.source());
    }

    @GetMapping("/{id}/consents/history")
    @Operation(summary = "Every consent the customer gave or withdrew, newest first")
    List<Consents.ConsentEvent> consentHistory(@PathVariable long id) {
        customers.require(id);
        return consents.history(id);
    }

    @PutMapping("/{id}/tags/{tag}")
    @Operation(summary = "Tag the customer (normalised to lower case); answers the customer's tags")
    List<String> addTag(@PathVariable long id, @PathVariable String tag) {
        tags.add(id, tag);
        return tags.of(id);
    }

    @DeleteMapping("/{id}/tags/{tag}")
    @Operation(summary = "Remove a tag if the customer has it; answers the customer's tags")
    List<String> removeTag(@PathVariable long id, @PathVariable String tag) {
        tags.remove(id, tag);
        return tags.of(id);
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "The customer's timeline, newest first")
    PageResult<Interaction> timeline(
            @PathVariable long id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        customers.require(id);
        return timeline.of(id, page, size);
    }

    private static ConsentChannel channel(String channel) {
        return Arrays.stream(ConsentChannel.values())
                .filter(c -> c.name().equals(channel.toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("channel: one of EMAIL, SMS, MAIL, PHONE, not '" + channel + "'"));
    }
}
