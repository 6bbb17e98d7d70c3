/** Data from the touchpoints: POS receipts and their lines, and the figures read from them. */
@NullMarked
package io.clientele.ingest;

import org.jspecify.annotations.NullMarked;
