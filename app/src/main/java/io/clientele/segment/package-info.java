/**
 * Segments: the API and the condition model. A condition is a typed tree over fields, each described once
 * ({@link io.clientele.segment.SegmentField}, registered in {@link io.clientele.segment.FieldRegistry}); it is validated
 * and stored as JSON, and counted, listed, exported, frozen into snapshots and overlapped through three paths that
 * derive their work from the descriptions: {@code sql} (the plain query and the summary's predicate), {@code summary}
 * (one row per customer in {@code segment_customer}) and {@code audience} (that summary held in memory).
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
