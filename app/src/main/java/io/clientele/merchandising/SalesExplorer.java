package io.clientele.merchandising;

import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The sales explorer's pivot: receipts' lines summed by two dimensions, every measure at once. The SQL of each
 * dimension is fixed in {@link Dimension}; input only chooses among them, and every value is a bind parameter.
 */
@Service
public class SalesExplorer {
    /** What a pivot can be sliced by, with the SQL expression of each over {@code s, l, p, st, r, sp}. */
    public enum Dimension {
        BRAND("p.brand"),
        MODEL("p.brand || ' ' || p.model"),
        CATEGORY("p.category"),
        PRICE_BAND("case when l.unit_price < 50 then '0–49' when l.unit_price < 200 then '50–199'"
                + " when l.unit_price < 500 then '200–499' when l.unit_price < 1000 then '500–999' else '1000+' end"),
        STORE("st.code"),
        REGION("r.code"),
        SALESPERSON("coalesce(sp.code, '–')"),
        DAY("to_char(s.sold_at at time zone :zone, 'YYYY-MM-DD')"),
        WEEK("to_char(s.sold_at at time zone :zone, 'IYYY-\"W\"IW')"),
        MONTH("to_char(s.sold_at at time zone :zone, 'YYYY-MM')"),
        QUARTER("to_char(s.sold_at at time zone :zone, 'YYYY-\"Q\"Q')"),
        YEAR("to_char(s.sold_at at time zone :zone, 'YYYY')");

        final String sql;

        Dimension(String sql) {
            this.sql = sql;
        }
    }

    /**
     * One cell: revenue (net of discounts, returns subtracted), gross profit (revenue − units × unit cost), margin
     * (profit / revenue), units, sale receipts, average basket (revenue / receipts), customers (distinct card holders)
     * and returns (return receipts).
     */
    public record Cell(
            String row,
            String column,
            BigDecimal revenue,
            BigDecimal grossProfit,
            @Nullable BigDecimal margin,
            long units,
            long receipts,
            @Nullable BigDecimal averageBasket,
            long customers,
            long returns) {}

    /** The cells, and with {@code compare} the same cells of the same days a year before. */
    public record Pivot(
            Dimension rows,
            Dimension columns,
            LocalDate from,
            LocalDate to,
            List<String> stores,
            List<Cell> cells,
            @Nullable List<Cell> yearBefore) {}

    /** More cells than this is not a table a person reads; said as an error naming the dimensions. */
    static final int MAX_CELLS = 10_000;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final Clock clock;

    SalesExplorer(JdbcClient jdbc, DataScopes scopes, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.clock = clock;
    }

    /** A pivot's choices, checked: the dimensions, the days, the stores within the asker's scope. */
    private record Request(Dimension rows, Dimension columns, Days days, List<String> stores, DataScope scope) {}

    private Request request(
            @Nullable String rows,
            @Nullable String columns,
            @Nullable String from,
            @Nullable String to,
            @Nullable List<String> stores,
            List<FieldProblem> problems) {
        Dimension rowDimension = InputFields.oneOf("rows", rows, Dimension.class, problems);
        Dimension columnDimension = InputFields.oneOf("columns", columns, Dimension.class, problems);
        Days days = Days.parse(from, to, LocalDate.now(clock), BasketQuery.DEFAULT_DAYS, problems);
        List<String> codes = BasketQuery.storeCodes(stores, problems);
        DataScope scope = scopes.current();
        List<String> refused =
                codes.stream().filter(code -> !scope.includesStore(code)).toList();
        if (!refused.isEmpty()) {
            problems.add(FieldProblem.of("stores", "validation.unknown", String.join(", ", refused)));
        }
        if (!problems.isEmpty() || rowDimension == null || columnDimension == null) {
            throw new InvalidInputException(problems);
        }
        return new Request(rowDimension, columnDimension, days, codes, scope);
    }

    public Pivot pivot(
            @Nullable String rows,
            @Nullable String columns,
            @Nullable String from,
            @Nullable String to,
            @Nullable List<String> stores,
            boolean compare) {
        Request request = request(rows, columns, from, to, stores, new ArrayList<>());
        List<Cell> cells = cells(request, request.days());
        if (cells.isEmpty()) {
            throw new InvalidInputException(FieldProblem.of(
                    "from",
                    "merchandising.noReceiptsAtAll",
                    request.days().from(),
                    request.days().to()));
        }
        List<Cell> before = compare ? cells(request, request.days().yearBefore()) : null;
        return new Pivot(
                request.rows(),
                request.columns(),
                request.days().from(),
                request.days().to(),
                request.stores(),
                cells,
                before);
    }

    /** A receipt of a cell, with the amount and units of its lines in the cell. */
    public record Receipt(
            String receiptId,
            String kind,
            Instant soldAt,
            String store,
            @Nullable String salesperson,
            @Nullable Long customerId,
            BigDecimal amount,
            long units) {}

    /** The drill from a cell (its row and column values) to its receipts, oldest first, a page at a time. */
    public PageResult<Receipt> receipts(
            @Nullable String rows,
            @Nullable String row,
            @Nullable String columns,
            @Nullable String column,
            @Nullable String from,
            @Nullable String to,
            @Nullable List<String> stores,
            int page,
            int size) {
        PageResult.check(page, size, 100);
        List<FieldProblem> problems = new ArrayList<>();
        String rowValue = InputFields.required("row", row, 200, problems);
        String columnValue = InputFields.required("column", column, 200, problems);
        InputFields.printable("row", rowValue, problems);
        InputFields.printable("column", columnValue, problems);
        Request request = request(rows, columns, from, to, stores, problems);
        Map<String, Object> params = new HashMap<>();
        String where = where(request, request.days(), params) + " and " + request.rows().sql + " = :rowValue and "
                + request.columns().sql + " = :columnValue";
        params.put("rowValue", rowValue);
        params.put("columnValue", columnValue);
        long total = jdbc.sql("select count(distinct s.id)" + FROM + " where " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<Receipt> items = jdbc.sql("select s.receipt_id, s.kind, s.sold_at, st.code, sp.code, s.customer_id,"
                        + " sum(l.amount), sum(l.quantity)" + FROM + " where " + where
                        + " group by s.id, st.code, sp.code order by s.sold_at, s.id limit :size offset :offset")
                .params(params)
                .query((rs, n) -> new Receipt(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, Long.class),
                        rs.getBigDecimal(7),
                        rs.getLong(8)))
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private static final String FROM =
            " from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id"
                    + " join store st on st.id = s.store_id join region r on r.id = st.region_id"
                    + " left join salesperson sp on sp.id = s.salesperson_id";

    /** The days, the chosen stores and the asker's scope as a condition, their values put into {@code params}. */
    private String where(Request request, Days days, Map<String, Object> params) {
        params.put("from", days.start(clock.getZone()));
        params.put("to", days.end(clock.getZone()));
        params.put("zone", clock.getZone().getId());
        StringBuilder where = new StringBuilder("s.sold_at >= :from and s.sold_at < :to");
        if (!request.stores().isEmpty()) {
            where.append(" and st.code = any(:stores)");
            params.put("stores", request.stores().toArray(String[]::new));
        }
        if (!request.scope().unrestricted()) {
            where.append(" and st.code = any(:scopeStores)");
            params.put("scopeStores", request.scope().storeCodes().toArray(String[]::new));
        }
        return where.toString();
    }

    private List<Cell> cells(Request request, Days days) {
        Map<String, Object> params = new HashMap<>();
        String where = where(request, days, params);
        params.put("limit", MAX_CELLS + 1);
        Dimension rows = request.rows();
        Dimension columns = request.columns();
        List<Cell> cells = jdbc.sql("select " + rows.sql + " as row_key, " + columns.sql + " as column_key,"
                        + " sum(l.amount), sum(l.amount - l.quantity * l.unit_cost), sum(l.quantity),"
                        + " count(distinct s.id) filter (where s.kind = 'SALE'), count(distinct s.customer_id),"
                        + " count(distinct s.id) filter (where s.kind = 'RETURN')" + FROM
                        + " where " + where + " group by 1, 2 order by 1, 2 limit :limit")
                .params(params)
                .query((rs, n) -> {
                    BigDecimal revenue = rs.getBigDecimal(3);
                    BigDecimal profit = rs.getBigDecimal(4);
                    long receipts = rs.getLong(6);
                    return new Cell(
                            rs.getString(1),
                            rs.getString(2),
                            revenue,
                            profit,
                            revenue.signum() == 0 ? null : profit.divide(revenue, 4, RoundingMode.HALF_UP),
                            rs.getLong(5),
                            receipts,
                            receipts == 0
                                    ? null
                                    : revenue.divide(BigDecimal.valueOf(receipts), 2, RoundingMode.HALF_UP),
                            rs.getLong(7),
                            rs.getLong(8));
                })
                .list();
        if (cells.size() > MAX_CELLS) {
            throw new InvalidInputException(FieldProblem.of("columns", "merchandising.tooManyCells", MAX_CELLS));
        }
        return cells;
    }
}
