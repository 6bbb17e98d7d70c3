/**
 * The loyalty programme (docs/loyalty.md): cards on member accounts, an exact double-entry points ledger with expiry
 * lots, earning from receipts as ingest stores them ({@link io.clientele.ingest.ReceiptsParticipant}), redemptions
 * held at the till and confirmed or cancelled, manual adjustments with an approver, {@code ./clientele loyalty
 * check}, which proves every balance from its movements, tiers (upgraded with the receipt that qualifies, reviewed at
 * each period's end, {@code ./clientele loyalty tiers}) and the loyalty segment fields. It announces new members
 * ({@link io.clientele.loyalty.MemberJoined}) and a review's tier changes ({@link io.clientele.loyalty.TiersChanged}),
 * on which member communications act after commit, and credits their bonus points ({@code PointsLedger.bonus}).
 */
@ApplicationModule(allowedDependencies = {"customer", "identity", "ingest", "platform", "segment"})
@OwnsTables({
    "loyalty_programme",
    "loyalty_account",
    "loyalty_card",
    "loyalty_movement",
    "loyalty_entry",
    "loyalty_hold",
    "loyalty_rule",
    "loyalty_tier",
    "loyalty_tier_change",
    "loyalty_qualification",
    "loyalty_tier_review"
})
@NullMarked
package io.clientele.loyalty;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
