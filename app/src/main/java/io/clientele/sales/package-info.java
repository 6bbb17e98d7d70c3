/**
 * Sales: leads (a person's interest, scored and dealt to a salesperson by rules; from campaigns' responses, journeys,
 * forms, imports or by hand), opportunities moving through a configurable pipeline to won or lost, and tasks for
 * named users about a customer (a journey's hand-over to a presales or sales group) — each on the customer's
 * timeline. A salesperson works only their own leads and opportunities.
 */
@ApplicationModule(allowedDependencies = {"audit", "campaign", "customer", "identity", "platform", "roi"})
@OwnsTables({
    "task",
    "lead",
    "lead_rule",
    "lead_settings",
    "lead_capacity",
    "opportunity",
    "opportunity_product",
    "pipeline_stage"
})
@NullMarked
package io.clientele.sales;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
