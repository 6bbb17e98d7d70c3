package io.clientele.demo;

import io.clientele.segment.SavedSegment;
import io.clientele.supplier.Promotions;
import io.clientele.supplier.Settlements;
import io.clientele.supplier.SharedSegments;
import io.clientele.supplier.Suppliers;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The demo's supplier: Nordwave Group owns the brands Nordwave and Lumex and funds double points on them for two
 * months (half the cost, at most 5,000 a month), set before the receipts load so that they earn by it; after the
 * load its person {@code supplier} is linked, two segments are shared with it, and the first month is settled.
 */
@Component
class DemoSupplier {
    static final String USER = "supplier";

    private final Suppliers suppliers;
    private final Promotions promotions;
    private final Settlements settlements;
    private final SharedSegments shared;

    DemoSupplier(Suppliers suppliers, Promotions promotions, Settlements settlements, SharedSegments shared) {
        this.suppliers = suppliers;
        this.promotions = promotions;
        this.settlements = settlements;
        this.shared = shared;
    }

    /** The supplier and its promotion: the two whole months before last, so that both have ended by {@code asOf}. */
    long promotion(LocalDate asOf) {
        long supplier = suppliers
                .create(new Suppliers.SupplierInput("Nordwave Group", List.of("Nordwave", "Lumex")), "demo")
                .id();
        LocalDate first = asOf.withDayOfMonth(1).minusMonths(3);
        promotions.create(
                supplier,
                new Promotions.PromotionInput(
                        "Nordwave & Lumex double points",
                        Promotions.Kind.LOYALTY_BONUS.name(),
                        List.of("Nordwave", "Lumex"),
                        null,
                        new BigDecimal("2"),
                        first,
                        first.plusMonths(2).minusDays(1),
                        new BigDecimal("50"),
                        new BigDecimal("5000")),
                "demo");
        return supplier;
    }

    /** After the receipts and users: the person linked, segments shared, the promotion's first month closed. */
    void settle(long supplier, LocalDate asOf) {
        suppliers.linkUser(supplier, USER, "demo");
        shared.shareable().stream()
                .limit(2)
                .map(SavedSegment::id)
                .forEach(segment -> shared.share(supplier, segment, "manager"));
        settlements.close(supplier, asOf.withDayOfMonth(1).minusMonths(3), "manager");
    }
}
