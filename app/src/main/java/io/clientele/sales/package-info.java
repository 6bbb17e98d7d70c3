/**
 * Sales follow-up: tasks for named users about a customer — a journey's hand-over to a presales or sales group, and
 * a lead (a task of kind LEAD until leads and opportunities exist) — each on the customer's timeline.
 */
@ApplicationModule(allowedDependencies = {"customer", "platform"})
@OwnsTables({"task"})
@NullMarked
package io.clientele.sales;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
