package io.clientele.supplier;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What a supplier's brands sold, by brand, store and month (days in the server's zone): units (returns count
 * against), revenue (the lines' amounts, returns negative) and receipts. Only aggregates: no customer is ever named.
 */
@Service
class SellThrough {
    /** The longest period one request may cover. */
    static final int MAX_MONTHS = 36;

    private final JdbcClient jdbc;
    private final Clock clock;

    SellThrough(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Row(
            String brand,
            String store,
            String storeName,
            LocalDate month,
            long units,
            BigDecimal revenue,
            long receipts) {}

    /** The period asked for: whole months from {@code from}'s to {@code to}'s; by default the last twelve. */
    record Period(LocalDate from, LocalDate to) {
        static Period of(@Nullable LocalDate from, @Nullable LocalDate to, LocalDate today) {
            if (from != null && (from.getYear() < 1900 || from.getYear() > 2999)) {
                throw new InvalidInputException(FieldProblem.of("from", "validation.date"));
            }
            if (to != null && (to.getYear() < 1900 || to.getYear() > 2999)) {
                throw new InvalidInputException(FieldProblem.of("to", "validation.date"));
            }
            LocalDate last = (to == null ? today : to).withDayOfMonth(1);
            LocalDate first = (from == null ? last.minusMonths(11) : from).withDayOfMonth(1);
            if (last.isBefore(first)) {
                throw new InvalidInputException(FieldProblem.of("to", "supplier.period.order"));
            }
            if (first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
                throw new InvalidInputException(FieldProblem.of("from", "supplier.period.length", MAX_MONTHS));
            }
            return new Period(first, last);
        }
    }

    Period period(@Nullable LocalDate from, @Nullable LocalDate to) {
        return Period.of(from, to, LocalDate.now(clock));
    }

    /**
     * The rows of the supplier's brands ({@code brand}: one of them; another supplier's or an unknown brand is "not
     * found"), in {@code store} when given.
     */
    List<Row> rows(Suppliers.Supplier supplier, @Nullable String brand, Period period, @Nullable String store) {
        List<String> brands = brandsOf(supplier, brand);
        ZoneId zone = clock.getZone();
        return jdbc.sql("""
                        select p.brand, st.code, st.name,
                               date_trunc('month', s.sold_at at time zone :zone)::date as month,
                               sum(case when s.kind = 'RETURN' then -abs(l.quantity) else l.quantity end) as units,
                               sum(l.amount) as revenue, count(distinct s.id) as receipts
                        from sale s
                        join sale_line l on l.sale_id = s.id
                        join product p on p.id = l.product_id
                        join store st on st.id = s.store_id
                        where p.brand = any(:brands)
                          and s.sold_at >= (cast(:from as date)::timestamp at time zone :zone)
                          and s.sold_at < (cast(:to as date)::timestamp at time zone :zone)
                          and (cast(:store as text) is null or st.code = :store)
                        group by p.brand, st.code, st.name, month
                        order by month, p.brand, st.code""")
                .param("zone", zone.getId())
                .param("brands", brands.toArray(String[]::new))
                .param("from", period.from())
                .param("to", period.to().plusMonths(1))
                .param("store", store)
                .query((rs, n) -> new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getLong(5),
                        rs.getBigDecimal(6),
                        rs.getLong(7)))
                .list();
    }

    /** The stores, for the filter: code and name. */
    List<String[]> stores() {
        return jdbc.sql("select code, name from store order by code")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    static List<String> brandsOf(Suppliers.Supplier supplier, @Nullable String brand) {
        if (brand == null || brand.isBlank()) {
            return supplier.brands();
        }
        if (!supplier.brands().contains(brand)) {
            throw new NotFoundException("No brand " + brand + " of supplier " + supplier.id());
        }
        return List.of(brand);
    }
}
