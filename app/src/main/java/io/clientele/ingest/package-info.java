/**
 * Data from the touchpoints: resumable CSV imports of customers, products, stores, receipts, sales and survey answers
 * (pages and {@code ./clientele import}), receipts posted by POS systems ({@code /api/v1/sales}), bulk loads of a
 * generated data set, the aspect ratings of answered surveys ({@link io.clientele.ingest.SatisfactionAnswers}) beside
 * the imported ones, and the figures and purchases read from receipts.
 */
@ApplicationModule(allowedDependencies = {"customer", "platform"})
@OwnsTables({
    "region",
    "store",
    "salesperson",
    "product",
    "sale",
    "sale_line",
    "receipt_header",
    "survey_answer",
    "import_mapping",
    "import_job",
    "import_reject",
    "idempotency_key"
})
@NullMarked
package io.clientele.ingest;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
