/**
 * Suppliers (brand owners) and the promotions they fund (docs/loyalty.md, "Supplier-funded promotions"): a supplier
 * owns brands, has people of the role {@code SUPPLIER} who see only its aggregates (sell-through of its brands by
 * store and month, its promotions with their redemptions and cost share, the sizes of the segments shared with it,
 * never a customer), and funds promotions on its brands — a campaign's coupon step or bonus points through the
 * loyalty feature's earning rules — whose cost is split by a rule and settled per month.
 */
@ApplicationModule(allowedDependencies = {"audit", "identity", "loyalty", "platform", "segment"})
@OwnsTables({
    "supplier",
    "supplier_brand",
    "supplier_user",
    "supplier_segment",
    "supplier_promotion",
    "supplier_settlement"
})
@NullMarked
package io.clientele.supplier;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
