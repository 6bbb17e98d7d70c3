package io.clientele.analytics.audience;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The unscaled values {@code low..high} (both included; empty when low > high) that satisfy a comparison with a
 * decimal at a column's scale. Exact for any decimal: {@code x < 0.123456} at scale 5 is {@code x <= 12345}, and
 * {@code x = 0.123456} holds for no value at scale 5. Never includes {@link ScaledColumn#NONE}.
 */
public record LongRange(long low, long high) {
    private static final long LOWEST = ScaledColumn.NONE + 1;
    private static final BigDecimal MIN = BigDecimal.valueOf(LOWEST);
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    public LongRange {
        low = Math.max(low, LOWEST);
    }

    public boolean contains(long value) {
        return value >= low && value <= high;
    }

    public boolean isEmpty() {
        return low > high;
    }

    public static LongRange all() {
        return new LongRange(LOWEST, Long.MAX_VALUE);
    }

    public static LongRange exactly(BigDecimal value, int scale) {
        BigDecimal scaled = value.movePointRight(scale);
        if ((scaled.signum() != 0 && scaled.stripTrailingZeros().scale() > 0)
                || scaled.compareTo(MIN) <= 0
                || scaled.compareTo(MAX) >= 0) {
            return new LongRange(0, -1);
        }
        long v = clamp(scaled);
        return new LongRange(v, v);
    }

    public static LongRange atLeast(BigDecimal value, int scale) {
        return new LongRange(ceiling(value, scale), Long.MAX_VALUE);
    }

    public static LongRange above(BigDecimal value, int scale) {
        long floor = floor(value, scale);
        return floor == Long.MAX_VALUE ? new LongRange(0, -1) : new LongRange(floor + 1, Long.MAX_VALUE);
    }

    public static LongRange atMost(BigDecimal value, int scale) {
        return new LongRange(LOWEST, floor(value, scale));
    }

    public static LongRange below(BigDecimal value, int scale) {
        long ceiling = ceiling(value, scale);
        return ceiling == LOWEST ? new LongRange(0, -1) : new LongRange(LOWEST, ceiling - 1);
    }

    public static LongRange between(BigDecimal from, BigDecimal to, int scale) {
        return new LongRange(ceiling(from, scale), floor(to, scale));
    }

    private static long ceiling(BigDecimal value, int scale) {
        return clamp(value.movePointRight(scale).setScale(0, RoundingMode.CEILING));
    }

    private static long floor(BigDecimal value, int scale) {
        return clamp(value.movePointRight(scale).setScale(0, RoundingMode.FLOOR));
    }

    /** Beyond the range of a long, the nearest end: no held value lies beyond it. */
    private static long clamp(BigDecimal integral) {
        if (integral.compareTo(MAX) >= 0) {
            return Long.MAX_VALUE;
        }
        if (integral.compareTo(MIN) <= 0) {
            return LOWEST;
        }
        return integral.longValueExact();
    }
}
