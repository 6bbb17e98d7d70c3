/**
 * Segments: a typed condition tree over profile, score and behaviour fields, validated, stored as JSON, compiled to
 * parameterised SQL (field names from the registry, values as bind parameters) and evaluated in memory by the same
 * rules; counts, members, exports, snapshots and overlaps.
 */
@NullMarked
package io.clientele.segment;

import org.jspecify.annotations.NullMarked;
