/**
 * The audit trail: who changed what and when (customers, campaigns and their parts, segments), appended to inside
 * the transaction of the change and never changed afterwards.
 */
@ApplicationModule(allowedDependencies = {"platform"})
@OwnsTables({"audit_event"})
@NullMarked
package io.clientele.audit;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
