package io.clientele.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** A figure for this period beside the same figure for the period before. */
public record Change(BigDecimal current, BigDecimal previous) {

    public static Change of(long current, long previous) {
        return new Change(BigDecimal.valueOf(current), BigDecimal.valueOf(previous));
    }

    /** Relative change in percent, one decimal; none when the previous period was zero. */
    public @Nullable BigDecimal percent() {
        if (previous.signum() == 0) {
            return null;
        }
        return current.subtract(previous)
                .multiply(BigDecimal.valueOf(100))
                .divide(previous.abs(), 1, RoundingMode.HALF_UP);
    }
}
