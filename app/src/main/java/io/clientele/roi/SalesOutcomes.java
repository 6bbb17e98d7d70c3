package io.clientele.roi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What sales made of a campaign's contacts: leads, opportunities, won opportunities and their revenue. Implemented by
 * the sales feature once it has leads and opportunities; until then no bean exists and the pages show "—". Won
 * revenue is added to a campaign's attributed revenue as an exact source, like coupon redemptions.
 */
public interface SalesOutcomes {
    record Outcome(long leads, long opportunities, long won, BigDecimal wonRevenue) {}

    /** The outcomes of the campaigns asked for; a campaign with none may be left out. */
    Map<Long, Outcome> of(Collection<Long> campaignIds);

    /** The campaigns whose leads or opportunities changed after the instant: their stored figures are out of date. */
    Collection<Long> changedSince(Instant since);
}
