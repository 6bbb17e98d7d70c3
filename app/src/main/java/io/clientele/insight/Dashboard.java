package io.clientele.insight;

import io.clientele.customer.Customers;
import io.clientele.ingest.SalesFigures;
import io.clientele.ingest.SalesFigures.MonthFigures;
import io.clientele.ingest.SalesFigures.PeriodFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** The headline figures: the last 30 days against the 30 before, and revenue by month. */
@Service
public class Dashboard {
    static final Duration WINDOW = Duration.ofDays(30);
    static final int MONTHS = 24;

    private final Customers customers;
    private final SalesFigures sales;
    private final Clock clock;

    Dashboard(Customers customers, SalesFigures sales, Clock clock) {
        this.customers = customers;
        this.sales = sales;
        this.clock = clock;
    }

    public record Headlines(
            Instant asOf,
            long customers,
            Change newCustomers,
            Change activeCustomers,
            Change revenue,
            Change grossProfit,
            List<MonthFigures> months) {}

    public Headlines headlines() {
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        Instant previousStart = windowStart.minus(WINDOW);
        PeriodFigures current = sales.period(windowStart, now);
        PeriodFigures previous = sales.period(previousStart, windowStart);
        return new Headlines(
                now,
                customers.count(),
                Change.of(customers.countCreated(windowStart, now), customers.countCreated(previousStart, windowStart)),
                Change.of(current.activeCustomers(), previous.activeCustomers()),
                new Change(current.revenue(), previous.revenue()),
                new Change(current.grossProfit(), previous.grossProfit()),
                sales.byMonth(now, MONTHS, clock.getZone()));
    }
}
