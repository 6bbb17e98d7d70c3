package io.clientele.customer;

import static io.clientele.platform.db.Rows.timestamptz;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers and receipts made by a test for itself in the shared database: values no demo customer has (the demo's
 * phones are +1-555-..., its emails end in example.com/.net/.org), each call unique in the test JVM.
 */
public final class TestCustomers {
    private static final AtomicInteger NEXT = new AtomicInteger(1000);

    private TestCustomers() {}

    /** A number no other call of this JVM gets, for unique emails, phones and names. */
    public static int unique() {
        return NEXT.incrementAndGet();
    }

    public static CustomerInput person(
            String firstName,
            String lastName,
            @Nullable String birthDate,
            @Nullable String email,
            @Nullable String phone) {
        return new CustomerInput(
                null,
                null,
                firstName,
                lastName,
                null,
                birthDate,
                email,
                phone,
                null,
                null,
                "Testville",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());
    }

    /** A person with a unique email and phone, no birth date. */
    public static CustomerInput someone() {
        int n = unique();
        return person("Test", "Person" + n, null, "person" + n + "@clientele.test", "+49 30 " + (1_000_000 + n));
    }

    /** A receipt of one line (source TEST, so demo counts stay exact), keeping the customer's purchase dates. */
    public static long receipt(JdbcClient jdbc, long customerId, Instant soldAt) {
        Map<String, Object> product = jdbc.sql("select id, price, cost from product order by id limit 1")
                .query()
                .singleRow();
        long saleId = jdbc.sql("""
                        insert into sale (source, receipt_id, kind, store_id, customer_id, sold_at, total_amount,
                                          total_cost)
                        values ('TEST', :receipt, 'SALE', (select min(id) from store), :customer, :at, :price, :cost)
                        returning id""")
                .param("receipt", "T" + unique())
                .param("customer", customerId)
                .param("at", timestamptz(soldAt))
                .param("price", product.get("price"))
                .param("cost", product.get("cost"))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        values (:sale, 1, :product, 1, :price, 0, :price, :cost)""")
                .param("sale", saleId)
                .param("product", product.get("id"))
                .param("price", product.get("price"))
                .param("cost", product.get("cost"))
                .update();
        jdbc.sql("""
                        update customer set first_purchase_at = least(first_purchase_at, :at),
                                            last_purchase_at = greatest(last_purchase_at, :at)
                        where id = :customer""")
                .param("at", timestamptz(soldAt))
                .param("customer", customerId)
                .update();
        return saleId;
    }
}
