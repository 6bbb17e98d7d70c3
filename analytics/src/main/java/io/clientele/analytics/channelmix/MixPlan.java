package io.clientele.analytics.channelmix;

import org.jspecify.annotations.Nullable;

/**
 * A planned mix: {@code contacts[s][c]} whole customers of segment s on channel c, what it costs, and the responses
 * to expect with their 95 % interval ({@link ChannelMix#responses}). Null contacts when no mix reaches the target
 * within the budget.
 */
public record MixPlan(long @Nullable [][] contacts, double cost, double expectedResponses, double low, double high) {
    public boolean feasible() {
        return contacts != null;
    }

    static MixPlan outOfReach() {
        return new MixPlan(null, 0, 0, 0, 0);
    }

    /** The contacts of a channel over all segments; 0 when there is no plan. */
    public long channelContacts(int channel) {
        long sum = 0;
        if (contacts != null) {
            for (long[] row : contacts) {
                sum += row[channel];
            }
        }
        return sum;
    }
}
