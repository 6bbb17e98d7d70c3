package io.clientele.analytics.clv;

import java.time.LocalDate;

/** The unit of time of a summary: purchases within one period count once. */
public enum Period {
    DAY(365.25 / 12),
    WEEK(365.25 / 12 / 7);

    private final double perMonth;

    Period(double perMonth) {
        this.perMonth = perMonth;
    }

    /** Periods in an average month (30.44 days). */
    public double perMonth() {
        return perMonth;
    }

    /** The period a date falls in, as a number that grows by one per period; weeks start on Monday. */
    public long index(LocalDate date) {
        long day = date.toEpochDay();
        return this == DAY ? day : Math.floorDiv(day + 3, 7); // 1970-01-01 was a Thursday
    }
}
