package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The headline figures agree with the same figures computed independently from the receipt lines. */
// before the classes that plant receipts near today: the demo's planted truths are asserted on the demo alone
@org.junit.jupiter.api.Order(10)
class DashboardIntegrationTest extends ApplicationTestSupport {
    @Autowired
    Dashboard dashboard;

    private BigDecimal linesSum(String expression, Instant from, Instant to) {
        return jdbc.sql("select coalesce(sum(" + expression + "), 0) from sale_line l join sale s on s.id = l.sale_id "
                        + "where s.sold_at >= :from and s.sold_at < :to")
                .param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to))
                .query(BigDecimal.class)
                .single();
    }

    @Test
    void revenueAndGrossProfitOfBothWindowsMatchTheLines() {
        Dashboard.Headlines headlines = dashboard.headlines();
        Instant now = headlines.asOf();
        Instant start = now.minus(30, ChronoUnit.DAYS);
        Instant before = start.minus(30, ChronoUnit.DAYS);

        assertThat(headlines.revenue().current()).isEqualByComparingTo(linesSum("l.amount", start, now));
        assertThat(headlines.revenue().previous()).isEqualByComparingTo(linesSum("l.amount", before, start));
        assertThat(headlines.grossProfit().current())
                .isEqualByComparingTo(linesSum("l.amount - l.quantity * l.unit_cost", start, now));
        assertThat(headlines.revenue().current()).as("demo data reaches today").isPositive();
    }

    @Test
    void activeCustomersAreDistinctCardHoldersWhoBoughtInTheWindow() {
        Dashboard.Headlines headlines = dashboard.headlines();
        long expected = jdbc.sql("select count(distinct customer_id) from sale where kind = 'SALE' "
                        + "and sold_at >= :from and sold_at < :to")
                .param("from", java.sql.Timestamp.from(headlines.asOf().minus(30, ChronoUnit.DAYS)))
                .param("to", java.sql.Timestamp.from(headlines.asOf()))
                .query(Long.class)
                .single();
        assertThat(headlines.activeCustomers().current()).isEqualByComparingTo(BigDecimal.valueOf(expected));
        assertThat(expected).isPositive();
        assertThat(headlines.customers())
                .isEqualTo(jdbc.sql("select count(*) from customer")
                        .query(Long.class)
                        .single());
    }

    @Test
    void monthlySeriesCoversTwoYearsAndEachMonthIsTheSumOfItsReceipts() {
        var months = dashboard.headlines().months();
        assertThat(months).hasSize(24);
        assertThat(months.get(23).month()).isEqualTo(YearMonth.from(TEST_NOW.atZone(ZoneOffset.UTC)));
        for (var month : List.of(months.get(0), months.get(11), months.get(22))) {
            Instant from = month.month().atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant to = month.month()
                    .plusMonths(1)
                    .atDay(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            assertThat(month.revenue()).as("%s", month.month()).isEqualByComparingTo(linesSum("l.amount", from, to));
        }
        assertThat(months.get(22).revenue()).isPositive();
    }
}
