/** What the data says: the dashboard now; customer value, RFM, churn and lifetime value later. */
@ApplicationModule(allowedDependencies = {"customer", "ingest", "platform"})
@OwnsTables({"score_run", "customer_score", "customer_churn"})
@NullMarked
package io.clientele.insight;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
