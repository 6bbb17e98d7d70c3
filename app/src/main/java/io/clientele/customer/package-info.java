/**
 * The customers: profiles with consents, tags and custom attributes, the timeline, duplicates and merges; the list,
 * the 360° page, the form and {@code /api/v1/customers}; the bulk writes of imports and loaders, and each customer's
 * first and last purchase, which other features ask of it.
 */
@ApplicationModule(allowedDependencies = {"audit", "identity", "platform"})
@OwnsTables({
    "customer",
    "customer_consent",
    "customer_consent_event",
    "customer_tag",
    "interaction",
    "customer_merge",
    "customer_distinct_pair"
})
@NullMarked
package io.clientele.customer;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
