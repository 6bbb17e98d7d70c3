package io.clientele.merchandising;

import java.math.BigDecimal;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Receipts of one line planted for the explorer's tests, at noon UTC of a day, without a card holder. */
final class ExplorerFixtures {
    private ExplorerFixtures() {}

    static void product(JdbcClient jdbc, String sku, String brand, String model, double price, double cost) {
        jdbc.sql("""
                        insert into product (sku, name, brand, model, category, price, cost)
                        values (:sku, :sku, :brand, :model, 'Explorer kettles', :price, :cost)
                        on conflict (sku) do nothing""")
                .param("sku", sku)
                .param("brand", brand)
                .param("model", model)
                .param("price", BigDecimal.valueOf(price))
                .param("cost", BigDecimal.valueOf(cost))
                .update();
    }

    /** A receipt of {@code units} of {@code sku} for {@code amount} in all; planted once per id. */
    static void receipt(
            JdbcClient jdbc, String id, String kind, String store, String day, String sku, int units, double amount) {
        jdbc.sql("""
                        with s as (
                          insert into sale (source, receipt_id, kind, store_id, sold_at, total_amount, total_cost)
                          values ('PIVOT-TEST', :id, :kind, (select id from store where code = :store),
                                  cast(:day as date) + time '12:00', :amount, 0)
                          on conflict (source, receipt_id) do nothing returning id)
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select s.id, 1, p.id, :units, p.price, p.price * :units - :amount, :amount, p.cost
                        from s, product p where p.sku = :sku""")
                .param("id", id)
                .param("kind", kind)
                .param("store", store)
                .param("day", day)
                .param("amount", BigDecimal.valueOf(amount))
                .param("units", units)
                .param("sku", sku)
                .update();
    }
}
