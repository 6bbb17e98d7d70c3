/**
 * Merchandising: what sells, where, by whom, with what and at which price. Market baskets (association rules mined
 * over receipts at product, brand or category level, their page and {@code /api/v1/merchandising}) and
 * {@code ./clientele basket}, which mines rules from a CSV file without a database; the sales explorer (a pivot of
 * the receipts by two dimensions, customer grade and segment among them, with drills, charts and CSV); and the
 * salesperson appraisal, whose revenue targets it owns.
 */
@ApplicationModule(allowedDependencies = {"insight", "platform", "segment"})
@OwnsTables({"salesperson_target"})
@NullMarked
package io.clientele.merchandising;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
