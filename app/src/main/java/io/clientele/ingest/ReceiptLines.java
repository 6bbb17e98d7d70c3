package io.clientele.ingest;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The lines of one receipt, for the customer page. */
@Service
public class ReceiptLines {
    private final JdbcClient jdbc;

    ReceiptLines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Line(
            int lineNo,
            String sku,
            String product,
            String brand,
            int quantity,
            BigDecimal unitPrice,
            BigDecimal discount,
            BigDecimal amount,
            @Nullable String couponCode) {}

    /** The lines of the customer's receipt; none when the receipt is not the customer's. */
    public List<Line> of(long customerId, long saleId) {
        return jdbc.sql("""
                        select l.line_no, p.sku, p.name, p.brand, l.quantity, l.unit_price, l.discount, l.amount,
                               l.coupon_code
                        from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id
                        where s.id = :sale and s.customer_id = :customer
                        order by l.line_no""")
                .param("sale", saleId)
                .param("customer", customerId)
                .query((rs, n) -> new Line(
                        rs.getInt("line_no"),
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getString("brand"),
                        rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price"),
                        rs.getBigDecimal("discount"),
                        rs.getBigDecimal("amount"),
                        rs.getString("coupon_code")))
                .list();
    }
}
