/** What the data says: the dashboard now; customer value, RFM, churn and lifetime value later. */
@NullMarked
package io.clientele.insight;

import org.jspecify.annotations.NullMarked;
