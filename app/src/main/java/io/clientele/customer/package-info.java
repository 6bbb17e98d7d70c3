/** One customer database: profiles of customers and prospects, consents, the customer list and page. */
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
