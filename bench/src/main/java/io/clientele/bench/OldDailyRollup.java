package io.clientele.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily rollup the explorer read before V88 (V81's {@code sales_day} and {@code sales_day_receipts}, commit
 * a96caac), kept here only as the bench's "before": its tables under other names, its upkeep SQL and the three
 * queries its pivot ran for brand × month over 2025 (the receipt counts of the BRAND facet, those of whole receipts
 * for the totals across brands, and the amounts by product joined to the product), with UTC days as the bench's.
 */
final class OldDailyRollup {
    private OldDailyRollup() {}

    private static final String BAND = "case when l.unit_price < 50 then '0–49' when l.unit_price < 200 then '50–199'"
            + " when l.unit_price < 500 then '200–499' when l.unit_price < 1000 then '500–999' else '1000+' end";

    private static final String LINES = "insert into bench_sales_day as d (day, store_id, salesperson_id, product_id,"
            + " price_band, revenue, gross_profit, units)"
            + " select (s.sold_at at time zone 'UTC')::date, s.store_id, s.salesperson_id, l.product_id, " + BAND
            + ", sum(l.amount), sum(l.amount - l.quantity * l.unit_cost), sum(l.quantity)"
            + " from %s join sale_line l on l.sale_id = s.id group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5"
            + " on conflict on constraint bench_sales_day_key do update set revenue = d.revenue + excluded.revenue,"
            + " gross_profit = d.gross_profit + excluded.gross_profit, units = d.units + excluded.units";

    private static final String RECEIPTS = "insert into bench_sales_day_receipts as d (day, store_id, salesperson_id,"
            + " facet, value, sale_receipts, return_receipts)"
            + " select day, store_id, salesperson_id, facet, value, count(*) filter (where kind = 'SALE'),"
            + " count(*) filter (where kind = 'RETURN')"
            + " from (select distinct (s.sold_at at time zone 'UTC')::date as day, s.store_id, s.salesperson_id,"
            + " s.id, s.kind, f.facet, f.value from %s join sale_line l on l.sale_id = s.id"
            + " join product p on p.id = l.product_id cross join lateral (values ('', ''), ('BRAND', p.brand),"
            + " ('MODEL', p.brand || ' ' || p.model), ('CATEGORY', p.category), ('PRICE_BAND', " + BAND
            + ")) f(facet, value)) x group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5"
            + " on conflict on constraint bench_sales_day_receipts_key do update set"
            + " sale_receipts = d.sale_receipts + excluded.sale_receipts,"
            + " return_receipts = d.return_receipts + excluded.return_receipts";

    /** Creates and fills its tables from all the lines; the rows of both. */
    static long build(JdbcClient jdbc) {
        jdbc.sql("""
                        create table bench_sales_day (
                            day date not null, store_id integer not null, salesperson_id integer,
                            product_id integer not null, price_band text not null, revenue numeric not null,
                            gross_profit numeric not null, units bigint not null,
                            constraint bench_sales_day_key
                                unique nulls not distinct (day, store_id, salesperson_id, product_id, price_band))""").update();
        jdbc.sql("""
                        create table bench_sales_day_receipts (
                            day date not null, store_id integer not null, salesperson_id integer,
                            facet text not null, value text not null, sale_receipts bigint not null,
                            return_receipts bigint not null,
                            constraint bench_sales_day_receipts_key
                                unique nulls not distinct (day, store_id, salesperson_id, facet, value))""").update();
        jdbc.sql(LINES.formatted("sale s")).update();
        jdbc.sql(RECEIPTS.formatted("sale s")).update();
        jdbc.sql("analyze bench_sales_day, bench_sales_day_receipts").update();
        return jdbc.sql(
                        "select (select count(*) from bench_sales_day) + (select count(*) from bench_sales_day_receipts)")
                .query(Long.class)
                .single();
    }

    /** Its upkeep of a batch of stored receipts. */
    static void add(Connection connection, long[] saleIds) throws SQLException {
        for (String sql : new String[] {LINES, RECEIPTS}) {
            try (var insert = connection.prepareStatement(
                    sql.formatted("unnest(?::bigint[]) b(id) join sale s on s.id = b.id"))) {
                insert.setArray(
                        1,
                        connection.createArrayOf(
                                "bigint", Arrays.stream(saleIds).boxed().toArray()));
                insert.executeUpdate();
            }
        }
    }

    private static final String JOINS = " join store st on st.id = d.store_id join region r on r.id = st.region_id"
            + " left join salesperson sp on sp.id = d.salesperson_id";

    private static final String GROUPS = " group by grouping sets ((row_key, column_key), (row_key), (column_key), ())"
            + " order by grouping(row_key) + grouping(column_key) desc, row_key, column_key limit 30003";

    private static final String DAYS = " d.day >= date '2025-01-01' and d.day <= date '2025-12-31'";

    /** Its pivot of brand × month over 2025, as it ran it: the number of cells (row and column both set). */
    static int pivot(JdbcClient jdbc) {
        for (String row : new String[] {"d.value", "''"}) {
            jdbc.sql("select row_key, column_key, grouping(row_key), grouping(column_key), sum(sale_receipts),"
                            + " sum(return_receipts) from (select " + row + " as row_key,"
                            + " to_char(d.day::timestamp, 'YYYY-MM') as column_key, d.sale_receipts,"
                            + " d.return_receipts from bench_sales_day_receipts d" + JOINS + " where d.facet = :facet"
                            + " and" + DAYS + ") x" + GROUPS)
                    .param("facet", row.equals("''") ? "" : "BRAND")
                    .query()
                    .listOfRows();
        }
        return (int) jdbc
                .sql("select row_key, column_key, grouping(row_key), grouping(column_key), sum(revenue),"
                        + " sum(gross_profit), sum(units) from (select p.brand as row_key,"
                        + " to_char(d.day::timestamp, 'YYYY-MM') as column_key, d.revenue, d.gross_profit, d.units"
                        + " from bench_sales_day d join product p on p.id = d.product_id" + JOINS + " where" + DAYS
                        + ") x" + GROUPS)
                .query((rs, n) -> rs.getInt(3) + rs.getInt(4))
                .list()
                .stream()
                .filter(grouped -> grouped == 0)
                .count();
    }
}
