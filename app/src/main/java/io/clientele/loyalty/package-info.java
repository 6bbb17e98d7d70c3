/**
 * The loyalty programme (docs/loyalty.md): cards on member accounts, an exact double-entry points ledger with expiry
 * lots, earning from receipts as ingest stores them ({@link io.clientele.ingest.ReceiptsParticipant}), redemptions
 * held at the till and confirmed or cancelled, manual adjustments with an approver, and {@code ./clientele loyalty
 * check}, which proves every balance from its movements.
 */
@ApplicationModule(allowedDependencies = {"customer", "identity", "ingest", "platform"})
@OwnsTables({
    "loyalty_programme",
    "loyalty_account",
    "loyalty_card",
    "loyalty_movement",
    "loyalty_entry",
    "loyalty_hold",
    "loyalty_rule"
})
@NullMarked
package io.clientele.loyalty;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
