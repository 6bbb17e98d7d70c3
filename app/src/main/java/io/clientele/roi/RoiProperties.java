package io.clientele.roi;

import io.clientele.campaign.StepChannel;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clientele.roi.*}: the cost of one contact per channel (used for a step whose own unit cost is zero), the
 * default attribution window, and the share of the plan by which actual costs may differ before a close must explain
 * why.
 */
@ConfigurationProperties("clientele.roi")
public record RoiProperties(
        Map<StepChannel, BigDecimal> contactCost,
        @DefaultValue("30") int attributionWindowDays,
        @DefaultValue("0.10") BigDecimal varianceThreshold) {

    public RoiProperties {
        Map<StepChannel, BigDecimal> costs = new EnumMap<>(StepChannel.class);
        for (StepChannel channel : StepChannel.values()) {
            costs.put(
                    channel,
                    contactCost == null ? BigDecimal.ZERO : contactCost.getOrDefault(channel, BigDecimal.ZERO));
        }
        contactCost = costs;
    }

    /** The SQL expression of one sent member's cost; {@code s} is the step, the channels' costs bound by name. */
    static final String CONTACT_COST = "coalesce(nullif(s.unit_cost, 0), case s.channel when 'EMAIL' then :costEMAIL"
            + " when 'SMS' then :costSMS when 'CALL' then :costCALL when 'MAIL' then :costMAIL else :costCOUPON end)";

    Map<String, Object> contactCostParams() {
        Map<String, Object> params = new java.util.HashMap<>();
        contactCost.forEach((channel, cost) -> params.put("cost" + channel.name(), cost));
        return params;
    }
}
