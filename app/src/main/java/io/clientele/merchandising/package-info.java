/**
 * Merchandising: what sells, where, by whom, with what and at which price. Market baskets (association rules mined
 * over receipts at product, brand or category level, their page and {@code /api/v1/merchandising}) and
 * {@code ./clientele basket}, which mines rules from a CSV file without a database; the sales explorer (a pivot of
 * the receipts by two dimensions, customer grade and segment among them, with drills, charts and CSV, read from a
 * rollup by day and month that ingest's receipts participant keeps up to date where the dimensions allow); the
 * salesperson appraisal, whose revenue targets it owns; each customer's next best product, refreshed when a scoring
 * run completes (insight's {@code ScoreRunCompleted}) and offered to segments (a field) and materials (a placeholder)
 * through their registries; price elasticity per product or category, the what-if page and the discount depth and
 * uplift of campaign coupons.
 */
@ApplicationModule(
        allowedDependencies = {
            "campaign",
            "campaign :: material",
            "customer",
            "ingest",
            "insight",
            "platform",
            "segment",
            "strategy"
        })
@OwnsTables({"next_best_product", "salesperson_target", "sales_rollup", "sales_rollup_state", "cross_sell_draft"})
@NullMarked
package io.clientele.merchandising;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
