/**
 * The audit trail: who changed what and when (customers, campaigns and their parts, segments, sign-ins), appended to
 * inside the transaction of the change and never changed afterwards; read by administrators on a page and by API.
 */
@ApplicationModule(allowedDependencies = {"platform"})
@OwnsTables({"audit_event"})
@NullMarked
package io.clientele.audit;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
