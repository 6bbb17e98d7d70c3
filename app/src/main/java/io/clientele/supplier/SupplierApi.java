package io.clientele.supplier;

import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Suppliers, their sell-through, promotions, shared segments' sizes and settlements (docs/api.md). A supplier's
 * person reads its own supplier only: any other id is 404; nothing here names a customer.
 */
@RestController
@RequestMapping("/api/v1/suppliers")
@Tag(name = "Suppliers", description = "Brand owners, the promotions they fund and their settlement")
class SupplierApi {
    private final Suppliers suppliers;
    private final SellThrough sellThrough;
    private final Promotions promotions;
    private final Settlements settlements;
    private final SharedSegments shared;

    SupplierApi(
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

    record BrandsInput(@Nullable List<String> brands) {}

    record UserInput(@Nullable String username) {}

    record SegmentInput(@Nullable Long segmentId) {}

    record SellThroughAnswer(LocalDate from, LocalDate to, List<SellThrough.Row> rows) {}

    record Recomputed(int rows) {}

    @GetMapping
    @Operation(summary = "The suppliers the caller may see (a supplier's person: its own) with their brands")
    List<Suppliers.Supplier> list() {
        return suppliers.visible();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Define a supplier with its brands (a brand another supplier owns: 400)")
    Suppliers.Supplier create(@RequestBody Suppliers.SupplierInput input) {
        return suppliers.create(input, Actor.current().name());
    }

    @GetMapping("/{id}")
    @Operation(summary = "A supplier with its brands")
    Suppliers.Supplier get(@PathVariable long id) {
        return suppliers.get(id);
    }

    @PostMapping("/{id}/brands")
    @Operation(summary = "Add brands to a supplier")
    Suppliers.Supplier addBrands(@PathVariable long id, @RequestBody BrandsInput input) {
        return suppliers.addBrands(id, input.brands(), Actor.current().name());
    }

    @GetMapping("/{id}/users")
    @Operation(summary = "The supplier's people (user names of the role SUPPLIER)")
    List<String> users(@PathVariable long id) {
        return suppliers.users(id);
    }

    @PostMapping("/{id}/users")
    @Operation(summary = "Link a person of the role SUPPLIER to the supplier")
    List<String> linkUser(@PathVariable long id, @RequestBody UserInput input) {
        suppliers.linkUser(id, input.username(), Actor.current().name());
        return suppliers.users(id);
    }

    @GetMapping("/{id}/sell-through")
    @Operation(
            summary = "Units, revenue and receipts of the supplier's brands by brand, store and month (from and to: "
                    + "any day of the first and last month, YYYY-MM-DD; by default the last twelve months)")
    SellThroughAnswer sellThrough(
            @PathVariable long id,
            @RequestParam(required = false) @Nullable String brand,
            @RequestParam(required = false) @Nullable String store,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to) {
        Suppliers.Supplier supplier = suppliers.get(id);
        SellThrough.Period period = period(sellThrough, from, to);
        return new SellThroughAnswer(
                period.from(),
                period.to().plusMonths(1).minusDays(1),
                sellThrough.rows(supplier, brand, period, InputFields.trimmed(store)));
    }

    @GetMapping("/{id}/promotions")
    @Operation(summary = "The supplier's promotions with their redemptions, cost and shares so far")
    List<Promotions.Promotion> promotions(@PathVariable long id) {
        return promotions.of(id);
    }

    @PostMapping("/{id}/promotions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add a promotion on the supplier's brands: COUPON (campaignStepId of a coupon step) or "
                    + "LOYALTY_BONUS (multiplier > 1: an earning rule per brand for its days); supplierPercent 0 to "
                    + "100, capPerPeriod optional (a month's most); the same promotion again answers it")
    Promotions.Promotion addPromotion(@PathVariable long id, @RequestBody Promotions.PromotionInput input) {
        return promotions.create(id, input, Actor.current().name());
    }

    @GetMapping("/{id}/segments")
    @Operation(summary = "The sizes of the segments shared with the supplier (under 10: only \"fewerThan\": 10)")
    List<SharedSegments.SegmentCount> segments(@PathVariable long id) {
        return shared.of(id);
    }

    @PostMapping("/{id}/segments")
    @Operation(summary = "Share a saved segment's size (never its members) with the supplier")
    List<SharedSegments.SegmentCount> share(@PathVariable long id, @RequestBody SegmentInput input) {
        shared.share(id, input.segmentId(), Actor.current().name());
        return shared.of(id);
    }

    @GetMapping("/{id}/settlements")
    @Operation(summary = "The supplier's settlement rows per promotion and month, newest first")
    List<Settlements.Settlement> settlements(@PathVariable long id) {
        return settlements.of(id);
    }

    @PostMapping("/{id}/settlements/recompute")
    @Operation(summary = "Recompute the open months of the supplier's promotions (idempotent)")
    Recomputed recompute(@PathVariable long id) {
        return new Recomputed(settlements.recompute(id));
    }

    @PostMapping("/{id}/settlements/{period}/close")
    @Operation(summary = "Close an ended month (period: YYYY-MM-DD, any day of it); closing again changes nothing")
    List<Settlements.Settlement> close(@PathVariable long id, @PathVariable String period) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate month = InputFields.date("period", period, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return settlements.close(id, month, Actor.current().name());
    }

    /** The period of {@code from} and {@code to} as given (YYYY-MM-DD, either blank). */
    static SellThrough.Period period(SellThrough sellThrough, @Nullable String from, @Nullable String to) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate first = InputFields.date("from", from, problems);
        LocalDate last = InputFields.date("to", to, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return sellThrough.period(first, last);
    }
}
