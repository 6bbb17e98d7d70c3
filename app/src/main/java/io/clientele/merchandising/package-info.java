/**
 * Merchandising: what sells with what and at which price. Market baskets (association rules mined over receipts
 * at product, brand or category level, their page and {@code /api/v1/merchandising}) and
 * {@code ./clientele basket}, which mines rules from a CSV file without a database.
 */
@ApplicationModule(allowedDependencies = {"platform", "segment"})
@OwnsTables({})
@NullMarked
package io.clientele.merchandising;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
