/** The audit trail: who changed what and when, written by every feature and never changed afterwards. */
@ApplicationModule(allowedDependencies = {"platform"})
@OwnsTables({"audit_event"})
@NullMarked
package io.clientele.audit;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
