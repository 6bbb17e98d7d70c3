/**
 * The one CSV codec: a streaming reader of RFC 4180 files (delimiter detection, per-record errors with line numbers,
 * resumable) and a writer that can neutralise spreadsheet formulas. Plain Java, no Spring.
 */
@NullMarked
package io.clientele.platform.csv;

import org.jspecify.annotations.NullMarked;
