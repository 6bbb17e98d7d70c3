/**
 * What the data says: the dashboard; scoring runs (RFM, value grades, churn, lifetime value and P(alive); worker,
 * nightly schedule, {@code ./clientele score}) with their pages, drill-downs and {@code /api/v1/insight}; and
 * {@code ./clientele clv fit}, which fits lifetime-value models to a CSV file without a database.
 */
@ApplicationModule(allowedDependencies = {"customer", "ingest", "platform"})
@OwnsTables({"score_run", "customer_score", "customer_churn", "product_quality"})
@NullMarked
package io.clientele.insight;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
