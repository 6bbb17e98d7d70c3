/**
 * What campaigns cost and earned: actual costs booked against budget lines, contact costs from sends, the close with
 * its settlement, indirect period costs allocated to campaigns, revenue attributed by a touch model and incremental
 * revenue against the control group, and per-campaign performance and ROI with its pages, period report and
 * {@code /api/v1} endpoints, the comparison read from precomputed figures, and each customer's share of marketing
 * costs for scoring on net profit (docs/roi.md). Reads campaign, response, receipt and score tables with SQL; writes
 * only its own.
 */
@ApplicationModule(allowedDependencies = {"audit", "campaign", "insight", "platform"})
@OwnsTables({
    "campaign_cost",
    "campaign_close",
    "period_cost",
    "period_cost_share",
    "period_cost_allocation",
    "campaign_figures",
    "campaign_figures_watermark"
})
@NullMarked
package io.clientele.roi;

import io.clientele.platform.OwnsTables;
import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
