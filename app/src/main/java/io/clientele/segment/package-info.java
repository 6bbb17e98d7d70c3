/**
 * Segments: a typed condition tree over profile, score and behaviour fields, validated, stored as JSON, compiled to
 * parameterised SQL (field names from the registry, values as bind parameters) and evaluated in memory by the same
 * rules; counts, members, exports, snapshots and overlaps.
 */
@ApplicationModule(allowedDependencies = {"audit", "customer", "insight", "platform"})
@OwnsTables({
    "segment",
    "segment_version",
    "segment_member",
    "segment_customer",
    "segment_term",
    "segment_summary",
    "segment_dirty",
    "segment_change"
})
@NullMarked
package io.clientele.segment;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
