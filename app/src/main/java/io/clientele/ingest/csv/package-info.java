/** Streaming CSV reading and safe CSV writing for imports and exports: plain Java, no Spring. */
@NullMarked
package io.clientele.ingest.csv;

import org.jspecify.annotations.NullMarked;
