/** Data from the touchpoints: POS receipts and their lines, and the figures read from them. */
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
