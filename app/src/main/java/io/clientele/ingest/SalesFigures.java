package io.clientele.ingest;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.platform.PageResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Revenue and gross profit read from receipts. Returns count negatively, so every figure is net of returns;
 * gross profit is revenue minus the cost of the goods at the time of sale.
 */
@Service
public class SalesFigures {
    private final JdbcClient jdbc;

    SalesFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Figures over {@code [from, to)}; active customers are those with at least one (non-return) receipt. */
    public record PeriodFigures(BigDecimal revenue, BigDecimal grossProfit, long receipts, long activeCustomers) {}

    public record MonthFigures(YearMonth month, BigDecimal revenue, BigDecimal grossProfit) {}

    public record Receipt(
            long id, String receiptId, String kind, Instant soldAt, String store, BigDecimal amount, int lines) {}

    public record CustomerTotals(long receipts, long returns, BigDecimal revenue, BigDecimal grossProfit) {}

    public PeriodFigures period(Instant from, Instant to) {
        return jdbc.sql("""
                        select coalesce(sum(total_amount), 0) as revenue,
                               coalesce(sum(total_amount - total_cost), 0) as gross_profit,
                               count(*) filter (where kind = 'SALE') as receipts,
                               count(distinct customer_id) filter (where kind = 'SALE') as active_customers
                        from sale where sold_at >= :from and sold_at < :to""")
                .param("from", timestamptz(from))
                .param("to", timestamptz(to))
                .query((rs, n) -> new PeriodFigures(
                        rs.getBigDecimal("revenue"),
                        rs.getBigDecimal("gross_profit"),
                        rs.getLong("receipts"),
                        rs.getLong("active_customers")))
                .single();
    }

    /** The last {@code months} calendar months up to and including the one containing {@code now}, in {@code zone}. */
    public List<MonthFigures> byMonth(Instant now, int months, ZoneId zone) {
        YearMonth last = YearMonth.from(now.atZone(zone));
        YearMonth first = last.minusMonths(months - 1L);
        Instant from = first.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        var totals = jdbc.sql("""
                        select to_char(sold_at at time zone :zone, 'YYYY-MM') as month,
                               sum(total_amount) as revenue, sum(total_amount - total_cost) as gross_profit
                        from sale where sold_at >= :from and sold_at < :to
                        group by 1""")
                .param("zone", zone.getId())
                .param("from", timestamptz(from))
                .param("to", timestamptz(to))
                .query((rs, n) -> new MonthFigures(
                        YearMonth.parse(rs.getString("month")),
                        rs.getBigDecimal("revenue"),
                        rs.getBigDecimal("gross_profit")))
                .list();
        // months without receipts still get a point, so the chart's axis has no holes
        return Stream.iterate(first, m -> !m.isAfter(last), m -> m.plusMonths(1))
                .map(month -> totals.stream()
                        .filter(t -> t.month().equals(month))
                        .findFirst()
                        .orElse(new MonthFigures(month, BigDecimal.ZERO, BigDecimal.ZERO)))
                .toList();
    }

    public CustomerTotals customerTotals(long customerId) {
        return jdbc.sql("""
                        select count(*) filter (where kind = 'SALE') as receipts,
                               count(*) filter (where kind = 'RETURN') as returns,
                               coalesce(sum(total_amount), 0) as revenue,
                               coalesce(sum(total_amount - total_cost), 0) as gross_profit
                        from sale where customer_id = :id""")
                .param("id", customerId)
                .query((rs, n) -> new CustomerTotals(
                        rs.getLong("receipts"),
                        rs.getLong("returns"),
                        rs.getBigDecimal("revenue"),
                        rs.getBigDecimal("gross_profit")))
                .single();
    }

    /** A customer's receipts, newest first. */
    public PageResult<Receipt> receiptsOf(long customerId, int page, int size) {
        int pageSize = PageResult.clampSize(size);
        int pageNumber = Math.max(0, page);
        long total = jdbc.sql("select count(*) from sale where customer_id = :id")
                .param("id", customerId)
                .query(Long.class)
                .single();
        List<Receipt> items = jdbc.sql("""
                        select s.id, s.receipt_id, s.kind, s.sold_at, st.name as store, s.total_amount,
                               (select count(*) from sale_line l where l.sale_id = s.id) as lines
                        from sale s join store st on st.id = s.store_id
                        where s.customer_id = :id
                        order by s.sold_at desc, s.id desc
                        limit :limit offset :offset""")
                .param("id", customerId)
                .param("limit", pageSize)
                .param("offset", (long) pageNumber * pageSize)
                .query((rs, n) -> new Receipt(
                        rs.getLong("id"),
                        rs.getString("receipt_id"),
                        rs.getString("kind"),
                        instant(rs, "sold_at"),
                        rs.getString("store"),
                        rs.getBigDecimal("total_amount"),
                        rs.getInt("lines")))
                .list();
        return new PageResult<>(items, pageNumber, pageSize, total);
    }
}
