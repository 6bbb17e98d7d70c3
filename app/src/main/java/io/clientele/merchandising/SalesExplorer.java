package io.clientele.merchandising;

import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import io.clientele.segment.SegmentPredicate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The sales explorer's pivot: receipts' lines summed by two dimensions, every measure at once, with the totals of
 * each row, each column and the whole (from the same query, so distinct counts are not summed twice). The SQL of each
 * dimension is fixed in {@link Dimension}; input only chooses among them, and every value is a bind parameter.
 */
@Service
public class SalesExplorer {
    /** What a pivot can be sliced by, with the SQL expression of each over {@code s, l, p, st, r, sp} (and its join). */
    public enum Dimension {
        BRAND("p.brand"),
        MODEL("p.brand || ' ' || p.model"),
        CATEGORY("p.category"),
        PRICE_BAND("case when l.unit_price < 50 then '0–49' when l.unit_price < 200 then '50–199'"
                + " when l.unit_price < 500 then '200–499' when l.unit_price < 1000 then '500–999' else '1000+' end"),
        STORE("st.code"),
        REGION("r.code"),
        SALESPERSON("coalesce(sp.code, '–')"),
        /** The card holder's value grade in the latest completed scoring run; '–' without a card or a score. */
        GRADE(
                "coalesce(cs.grade, '–')",
                " left join customer_score cs on cs.customer_id = s.customer_id and cs.run_id = :gradeRun"),
        /** Whether the receipt's card holder is in the chosen saved segment: MEMBER or NON_MEMBER. */
        SEGMENT("case when s.customer_id in (select c.id" + SegmentPredicate.FROM
                + " where %s) then 'MEMBER' else 'NON_MEMBER' end"),
        DAY("to_char(s.sold_at at time zone :zone, 'YYYY-MM-DD')"),
        WEEK("to_char(s.sold_at at time zone :zone, 'IYYY-\"W\"IW')"),
        MONTH("to_char(s.sold_at at time zone :zone, 'YYYY-MM')"),
        QUARTER("to_char(s.sold_at at time zone :zone, 'YYYY-\"Q\"Q')"),
        YEAR("to_char(s.sold_at at time zone :zone, 'YYYY')");

        final String sql;
        final String join;

        Dimension(String sql) {
            this(sql, "");
        }

        Dimension(String sql, String join) {
            this.sql = sql;
            this.join = join;
        }

        /** The next level a drill from one of its values opens, if any: brand → model, month → week, … */
        public Optional<Dimension> next() {
            return Optional.ofNullable(
                    switch (this) {
                        case CATEGORY, PRICE_BAND -> BRAND;
                        case BRAND -> MODEL;
                        case REGION -> STORE;
                        case STORE -> SALESPERSON;
                        case YEAR -> QUARTER;
                        case QUARTER -> MONTH;
                        case MONTH -> WEEK;
                        case WEEK -> DAY;
                        default -> null;
                    });
        }

        /** Brand, model, category and price band: a receipt can hold several values of each. */
        boolean ofLines() {
            return EnumSet.of(BRAND, MODEL, CATEGORY, PRICE_BAND).contains(this);
        }

        /**
         * The expression over the rollup {@code d} ({@link SalesRollup}) joined as the lines are: a value of the lines
         * is the value of the facet read; null where the rollup cannot say (grade and segment, which depend on the
         * customer, and model, not kept: see {@link SalesRollup}).
         */
        @Nullable
        String rolled() {
            return switch (this) {
                case GRADE, SEGMENT, MODEL -> null;
                case BRAND, CATEGORY, PRICE_BAND -> "d.value";
                case DAY, WEEK, MONTH, QUARTER, YEAR -> sql.replace("s.sold_at at time zone :zone", "d.day::timestamp");
                default -> sql;
            };
        }

        /** Periods have an order; the others are shown in the order of their values. */
        public boolean period() {
            return EnumSet.of(DAY, WEEK, MONTH, QUARTER, YEAR).contains(this);
        }
    }

    /**
     * What a pivot is asked: the two dimensions, the days, the stores, the saved segment the {@code SEGMENT}
     * dimension splits by, and filters ({@code DIMENSION:value}, the path of a drill). All as they came in.
     */
    public record Question(
            @Nullable String rows,
            @Nullable String columns,
            @Nullable String from,
            @Nullable String to,
            @Nullable List<String> stores,
            @Nullable String segment,
            @Nullable List<String> filters) {}

    /** A filter of the pivot: only the lines whose dimension has this value. */
    public record Filter(Dimension dimension, String value) {
        /** As the request parameter writes it. */
        public String text() {
            return dimension + ":" + value;
        }
    }

    /**
     * One cell: revenue (net of discounts, returns subtracted), gross profit (revenue − units × unit cost), margin
     * (profit / revenue), units, sale receipts, average basket (revenue / receipts), customers (distinct card holders;
     * null when the pivot was answered from the rollup, where they are not kept: distinct card holders do not
     * add up over days) and returns (return receipts). A row's total has no column; a column's total no row; the
     * grand total neither.
     */
    public record Cell(
            @Nullable String row,
            @Nullable String column,
            BigDecimal revenue,
            BigDecimal grossProfit,
            @Nullable BigDecimal margin,
            long units,
            long receipts,
            @Nullable BigDecimal averageBasket,
            @Nullable Long customers,
            long returns) {}

    /** The cells and the totals of one range of days; no total when the range has no receipt. */
    public record Table(
            List<Cell> cells,
            List<Cell> rowTotals,
            List<Cell> columnTotals,
            @Nullable Cell total) {}

    /** The measures a page or an export shows of a cell. */
    public enum Measure {
        REVENUE,
        GROSS_PROFIT,
        MARGIN,
        UNITS,
        RECEIPTS,
        AVERAGE_BASKET,
        CUSTOMERS,
        RETURNS;

        public @Nullable Number of(@Nullable Cell cell) {
            if (cell == null) return null;
            return switch (this) {
                case REVENUE -> cell.revenue();
                case GROSS_PROFIT -> cell.grossProfit();
                case MARGIN -> cell.margin();
                case UNITS -> cell.units();
                case RECEIPTS -> cell.receipts();
                case AVERAGE_BASKET -> cell.averageBasket();
                case CUSTOMERS -> cell.customers();
                case RETURNS -> cell.returns();
            };
        }
    }

    /** The chosen segment of the {@code SEGMENT} dimension. */
    public record SegmentRef(long id, String name) {}

    /** Where a pivot's figures come from: the rollup, or the receipts' lines. */
    public enum Source {
        ROLLUP,
        LINES
    }

    /** The cells and totals, and with {@code compare} those of the same days a year before. */
    public record Pivot(
            Dimension rows,
            Dimension columns,
            LocalDate from,
            LocalDate to,
            List<String> stores,
            @Nullable SegmentRef segment,
            List<Filter> filters,
            @Nullable Long scoreRun,
            List<Cell> cells,
            List<Cell> rowTotals,
            List<Cell> columnTotals,
            @Nullable Cell total,
            @Nullable Table yearBefore,
            Source source) {}

    /** More cells than this is not a table a person reads; said as an error naming the dimensions. */
    static final int MAX_CELLS = 10_000;

    static final int MAX_FILTERS = 6;

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final SavedSegments segments;
    private final ScoreRuns runs;
    private final Clock clock;
    private final SalesRollup rollup;

    SalesExplorer(
            JdbcClient jdbc,
            DataScopes scopes,
            SavedSegments segments,
            ScoreRuns runs,
            Clock clock,
            SalesRollup rollup) {
        this.jdbc = jdbc;
        this.rollup = rollup;
        this.scopes = scopes;
        this.segments = segments;
        this.runs = runs;
        this.clock = clock;
    }

    /** A pivot's choices, checked: the dimensions, the days, the stores within the asker's scope, the filters. */
    private record Request(
            Dimension rows,
            Dimension columns,
            Days days,
            List<String> stores,
            DataScope scope,
            @Nullable SavedSegment segment,
            List<Filter> filters,
            @Nullable Long scoreRun) {
        Set<Dimension> dimensions() {
            Set<Dimension> all = EnumSet.of(rows, columns);
            filters.forEach(f -> all.add(f.dimension()));
            return all;
        }
    }

    private Request request(Question question, List<FieldProblem> problems) {
        Dimension rowDimension = InputFields.oneOf("rows", question.rows(), Dimension.class, problems);
        Dimension columnDimension = InputFields.oneOf("columns", question.columns(), Dimension.class, problems);
        Days days =
                Days.parse(question.from(), question.to(), LocalDate.now(clock), BasketQuery.DEFAULT_DAYS, problems);
        List<String> codes = BasketQuery.storeCodes(question.stores(), problems);
        DataScope scope = scopes.current();
        List<String> refused =
                codes.stream().filter(code -> !scope.includesStore(code)).toList();
        if (!refused.isEmpty()) {
            problems.add(FieldProblem.of("stores", "validation.unknown", String.join(", ", refused)));
        }
        List<Filter> filters = filters(question.filters(), problems);
        boolean segmentAsked = rowDimension == Dimension.SEGMENT
                || columnDimension == Dimension.SEGMENT
                || filters.stream().anyMatch(f -> f.dimension() == Dimension.SEGMENT);
        SavedSegment segment = segment(question.segment(), segmentAsked, problems);
        if (!problems.isEmpty() || rowDimension == null || columnDimension == null) {
            throw new InvalidInputException(problems);
        }
        boolean gradeAsked = rowDimension == Dimension.GRADE
                || columnDimension == Dimension.GRADE
                || filters.stream().anyMatch(f -> f.dimension() == Dimension.GRADE);
        // without a completed run every card holder is ungraded ('–'): -1 matches no run
        Long run = gradeAsked ? runs.latestCompleted().map(ScoreRun::id).orElse(-1L) : null;
        return new Request(rowDimension, columnDimension, days, codes, scope, segment, filters, run);
    }

    private static List<Filter> filters(@Nullable List<String> texts, List<FieldProblem> problems) {
        if (texts == null) return List.of();
        List<Filter> filters = new ArrayList<>();
        for (String text : texts) {
            if (text == null || text.isBlank()) continue;
            InputFields.printable("filter", text, problems);
            int colon = text.indexOf(':');
            String value = colon < 0 ? "" : text.substring(colon + 1);
            Dimension dimension =
                    colon < 0 ? null : InputFields.oneOf("filter", text.substring(0, colon), Dimension.class, problems);
            if (colon < 0 || value.isEmpty() || value.length() > 200) {
                problems.add(FieldProblem.of("filter", "merchandising.filter"));
            } else if (dimension != null) {
                filters.add(new Filter(dimension, value));
            }
        }
        if (filters.size() > MAX_FILTERS) {
            problems.add(FieldProblem.of("filter", "validation.between", 0, MAX_FILTERS));
        }
        return filters;
    }

    private @Nullable SavedSegment segment(@Nullable String id, boolean asked, List<FieldProblem> problems) {
        String text = InputFields.trimmed(id);
        if (text == null) {
            if (asked) problems.add(FieldProblem.of("segment", "validation.required"));
            return null;
        }
        try {
            long segmentId = Long.parseLong(text);
            Optional<SavedSegment> found = segments.find(segmentId);
            if (found.isEmpty()) problems.add(FieldProblem.of("segment", "validation.unknown", text));
            return found.orElse(null);
        } catch (NumberFormatException e) {
            problems.add(FieldProblem.of("segment", "validation.number"));
            return null;
        }
    }

    /**
     * The pivot of the question, from the rollup when its dimensions and filters allow (not grade, segment or model,
     * at most one of brand, category and price band and then not salesperson, distinct {@code customers} not asked)
     * and the rollup is current, else from the lines. Both give the same figures.
     */
    public Pivot pivot(Question question, boolean compare, boolean customers) {
        Request request = request(question, new ArrayList<>());
        return pivot(request, compare, rollable(request, customers) ? Source.ROLLUP : Source.LINES);
    }

    /** Whether the rollup can answer the request exactly. */
    private boolean rollable(Request request, boolean customers) {
        Set<Dimension> dimensions = request.dimensions();
        long lines = dimensions.stream().filter(Dimension::ofLines).count();
        return !customers
                && dimensions.stream().allMatch(d -> d.rolled() != null)
                && (lines == 0 || (lines == 1 && !dimensions.contains(Dimension.SALESPERSON)))
                && rollup.current();
    }

    /** The pivot from the source chosen; package-private so that a test can compare the two. */
    Pivot pivot(Question question, boolean compare, Source source) {
        return pivot(request(question, new ArrayList<>()), compare, source);
    }

    private Pivot pivot(Request request, boolean compare, Source source) {
        Table current = source == Source.ROLLUP ? rolled(request, request.days()) : table(request, request.days());
        if (current.total() == null) {
            throw new InvalidInputException(FieldProblem.of(
                    "from",
                    "merchandising.noReceiptsAtAll",
                    request.days().from(),
                    request.days().to()));
        }
        Days yearBefore = request.days().yearBefore();
        Table before =
                !compare ? null : source == Source.ROLLUP ? rolled(request, yearBefore) : table(request, yearBefore);
        SavedSegment segment = request.segment();
        return new Pivot(
                request.rows(),
                request.columns(),
                request.days().from(),
                request.days().to(),
                request.stores(),
                segment == null ? null : new SegmentRef(segment.id(), segment.name()),
                request.filters(),
                request.scoreRun(),
                current.cells(),
                current.rowTotals(),
                current.columnTotals(),
                current.total(),
                before,
                source);
    }

    /** A line of a receipt: the product, what was bought and paid. */
    public record Line(
            int lineNo,
            String sku,
            String name,
            String brand,
            long quantity,
            BigDecimal unitPrice,
            BigDecimal discount,
            BigDecimal amount) {}

    /** A receipt of a cell, with the amount and units of its lines in the cell, and all its lines. */
    public record Receipt(
            String receiptId,
            String kind,
            Instant soldAt,
            String store,
            @Nullable String salesperson,
            @Nullable Long customerId,
            BigDecimal amount,
            long units,
            List<Line> lines) {}

    /** The drill from a cell (its row and column values) to its receipts, oldest first, a page at a time. */
    public PageResult<Receipt> receipts(
            Question question, @Nullable String row, @Nullable String column, int page, int size) {
        PageResult.check(page, size, 100);
        List<FieldProblem> problems = new ArrayList<>();
        String rowValue = InputFields.required("row", row, 200, problems);
        String columnValue = InputFields.required("column", column, 200, problems);
        InputFields.printable("row", rowValue, problems);
        InputFields.printable("column", columnValue, problems);
        Request request = request(question, problems);
        Map<String, Object> params = new HashMap<>();
        String where = where(request, request.days(), params) + " and " + sql(request, request.rows())
                + " = :rowValue and " + sql(request, request.columns()) + " = :columnValue";
        params.put("rowValue", rowValue);
        params.put("columnValue", columnValue);
        String from = from(request);
        long total = jdbc.sql("select count(distinct s.id)" + from + " where " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        Map<Long, Receipt> receipts = new LinkedHashMap<>();
        jdbc.sql("select s.id, s.receipt_id, s.kind, s.sold_at, st.code, sp.code, s.customer_id,"
                        + " sum(l.amount), sum(l.quantity)" + from + " where " + where
                        + " group by s.id, st.code, sp.code order by s.sold_at, s.id limit :size offset :offset")
                .params(params)
                .query(rs -> {
                    receipts.put(
                            rs.getLong(1),
                            new Receipt(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getTimestamp(4).toInstant(),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getObject(7, Long.class),
                                    rs.getBigDecimal(8),
                                    rs.getLong(9),
                                    new ArrayList<>()));
                });
        if (!receipts.isEmpty()) {
            jdbc.sql("""
                            select l.sale_id, l.line_no, p.sku, p.name, p.brand, l.quantity, l.unit_price, l.discount,
                                   l.amount
                            from sale_line l join product p on p.id = l.product_id
                            where l.sale_id = any(:ids) order by l.sale_id, l.line_no""").param("ids", receipts.keySet().toArray(Long[]::new)).query(rs -> {
                receipts.get(rs.getLong(1))
                        .lines()
                        .add(new Line(
                                rs.getInt(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getLong(6),
                                rs.getBigDecimal(7),
                                rs.getBigDecimal(8),
                                rs.getBigDecimal(9)));
            });
        }
        return new PageResult<>(List.copyOf(receipts.values()), page, size, total);
    }

    private static final String FROM =
            " from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id"
                    + " join store st on st.id = s.store_id join region r on r.id = st.region_id"
                    + " left join salesperson sp on sp.id = s.salesperson_id";

    private static String from(Request request) {
        StringBuilder from = new StringBuilder(FROM);
        request.dimensions().forEach(d -> from.append(d.join));
        return from.toString();
    }

    /** A dimension's expression; the segment's holds its compiled condition (SQL of the segment compiler only). */
    private String sql(Request request, Dimension dimension) {
        if (dimension != Dimension.SEGMENT) return dimension.sql;
        return dimension.sql.replace("%s", members(request).where());
    }

    private SegmentPredicate members(Request request) {
        return segments.union(List.of(Objects.requireNonNull(request.segment())));
    }

    /** The days, the stores, the scope and the filters as a condition, their values put into {@code params}. */
    private String where(Request request, Days days, Map<String, Object> params) {
        params.put("from", days.start(clock.getZone()));
        params.put("to", days.end(clock.getZone()));
        params.put("zone", clock.getZone().getId());
        StringBuilder where = new StringBuilder("s.sold_at >= :from and s.sold_at < :to");
        storesAndFilters(request, where, params, d -> sql(request, d));
        if (request.scoreRun() != null) {
            params.put("gradeRun", request.scoreRun());
        }
        if (request.segment() != null && request.dimensions().contains(Dimension.SEGMENT)) {
            params.putAll(members(request).params());
        }
        return where.toString();
    }

    /** The grouping sets of a pivot and their order: the grand total, the totals, then the cells. */
    private static final String GROUPS = " group by grouping sets ((row_key, column_key), (row_key), (column_key), ())"
            + " order by grouping(row_key) + grouping(column_key) desc, row_key, column_key limit :limit";

    private Table table(Request request, Days days) {
        Map<String, Object> params = new HashMap<>();
        String where = where(request, days, params);
        // the totals come first, then at most MAX_CELLS + 1 cells: enough to tell a pivot that is too big
        params.put("limit", 3 * MAX_CELLS + 3);
        Parts parts = new Parts();
        jdbc.sql("select row_key, column_key, grouping(row_key), grouping(column_key), sum(amount),"
                        + " sum(amount - quantity * unit_cost), sum(quantity),"
                        + " count(distinct sale_id) filter (where kind = 'SALE'), count(distinct customer_id),"
                        + " count(distinct sale_id) filter (where kind = 'RETURN')"
                        + " from (select " + sql(request, request.rows()) + " as row_key, "
                        + sql(request, request.columns()) + " as column_key, s.id as sale_id, s.kind,"
                        + " s.customer_id, l.amount, l.quantity, l.unit_cost" + from(request) + " where " + where
                        + ") x" + GROUPS)
                .params(params)
                .query(rs -> {
                    parts.add(rs.getInt(3) == 1, rs.getInt(4) == 1, grouped(rs, true));
                });
        return parts.table();
    }

    /**
     * Which of the rollup's rows a range of days reads: its whole months by month (none when a day or a week is
     * asked), the days before and after them by day.
     */
    private record Grains(LocalDate from, LocalDate to, LocalDate monthsFrom, LocalDate monthsTo) {
        static Grains of(Request request, Days days) {
            LocalDate first = days.from().getDayOfMonth() == 1
                    ? days.from()
                    : days.from().withDayOfMonth(1).plusMonths(1);
            LocalDate end = days.to().plusDays(1).withDayOfMonth(1);
            Set<Dimension> dimensions = request.dimensions();
            boolean byDay = dimensions.contains(Dimension.DAY) || dimensions.contains(Dimension.WEEK);
            return byDay || !first.isBefore(end)
                    ? new Grains(days.from(), days.to(), days.from(), days.from())
                    : new Grains(days.from(), days.to(), first, end);
        }

        String where(Map<String, Object> params) {
            params.put("fromDay", java.sql.Date.valueOf(from));
            params.put("toDay", java.sql.Date.valueOf(to));
            params.put("monthsFrom", java.sql.Date.valueOf(monthsFrom));
            params.put("monthsTo", java.sql.Date.valueOf(monthsTo));
            // three ranges of the key (grain, facet, day), so that no day row of the whole months is read
            return "((d.grain = 'M' and d.day >= :monthsFrom and d.day < :monthsTo)"
                    + " or (d.grain = 'D' and d.day >= :fromDay and d.day < :monthsFrom)"
                    + " or (d.grain = 'D' and d.day >= :monthsTo and d.day <= :toDay))";
        }
    }

    /**
     * The pivot from the rollup: the rows of the facet of the one line dimension asked (or of whole receipts), and
     * the totals across that dimension from the whole receipts' rows, where each receipt counts once whatever values
     * it holds (unless a filter keeps one value). Distinct customers are not kept there (null).
     */
    private Table rolled(Request request, Days days) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", 3 * MAX_CELLS + 3);
        String where = Grains.of(request, days).where(params);
        Dimension lines = request.dimensions().stream()
                .filter(Dimension::ofLines)
                .findFirst()
                .orElse(null);
        Map<Key, Cell> cells = rolledCells(request, lines, where, params);
        boolean filtered = request.filters().stream().anyMatch(f -> f.dimension() == lines);
        if (lines != null && !filtered) {
            boolean onRows = request.rows() == lines;
            rolledCells(request, null, where, params).forEach((key, cell) -> {
                if (onRows ? key.noRow() : key.noColumn()) cells.put(key, cell);
            });
        }
        Parts parts = new Parts();
        cells.forEach((key, cell) -> parts.add(key.noRow(), key.noColumn(), cell));
        return parts.table();
    }

    /**
     * The cells and totals of the rollup's rows of the facet of {@code lines} (whole receipts when null: the axis of
     * a line dimension, if any, then one empty value) by grouping and key, in the order of the query.
     */
    private Map<Key, Cell> rolledCells(
            Request request, @Nullable Dimension lines, String days, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("facet", lines == null ? "" : lines.name());
        StringBuilder where = new StringBuilder("d.facet = :facet and ").append(days);
        storesAndFilters(request, where, all, d -> Objects.requireNonNull(d.rolled()));
        String row = request.rows().ofLines() && lines == null
                ? "''"
                : request.rows().rolled();
        String column = request.columns().ofLines() && lines == null
                ? "''"
                : request.columns().rolled();
        Map<Key, Cell> cells = new LinkedHashMap<>();
        jdbc.sql("select row_key, column_key, grouping(row_key), grouping(column_key), sum(revenue),"
                        + " sum(gross_profit), sum(units), sum(sale_receipts), sum(return_receipts)"
                        + " from (select " + row + " as row_key, " + column + " as column_key, d.revenue,"
                        + " d.gross_profit, d.units, d.sale_receipts, d.return_receipts from sales_rollup d"
                        + ROLLED_JOINS + " where " + where + ") x" + GROUPS)
                .params(all)
                .query(rs -> {
                    Cell cell = grouped(rs, false);
                    if (cell != null) {
                        cells.put(Key.of(rs.getInt(3) == 1, rs.getInt(4) == 1, rs.getString(1), rs.getString(2)), cell);
                    }
                });
        return cells;
    }

    private static final String ROLLED_JOINS =
            " join store st on st.id = d.store_id join region r on r.id = st.region_id"
                    + " left join salesperson sp on sp.id = d.salesperson_id";

    /**
     * The chosen stores, the viewer's scope and the drill filters, appended to {@code where} with their values put
     * into {@code params}; {@code column} names a dimension's column in the table read (the lines or the rollup).
     */
    private static void storesAndFilters(
            Request request,
            StringBuilder where,
            Map<String, Object> params,
            java.util.function.Function<Dimension, String> column) {
        if (!request.stores().isEmpty()) {
            where.append(" and st.code = any(:stores)");
            params.put("stores", request.stores().toArray(String[]::new));
        }
        if (!request.scope().unrestricted()) {
            where.append(" and st.code = any(:scopeStores)");
            params.put("scopeStores", request.scope().storeCodes().toArray(String[]::new));
        }
        for (int i = 0; i < request.filters().size(); i++) {
            Filter filter = request.filters().get(i);
            where.append(" and ")
                    .append(column.apply(filter.dimension()))
                    .append(" = :filter")
                    .append(i);
            params.put("filter" + i, filter.value());
        }
    }

    /** A cell's or a total's place: a total has no key on the axis it sums across. */
    private record Key(
            boolean noRow,
            boolean noColumn,
            @Nullable String row,
            @Nullable String column) {
        static Key of(boolean noRow, boolean noColumn, @Nullable String row, @Nullable String column) {
            return new Key(noRow, noColumn, noRow ? null : row, noColumn ? null : column);
        }
    }

    /** A cell from its sums; no cell for the grand total of no line at all (revenue null). */
    /**
     * The cell of a row grouped by {@link #GROUPS}: the row and column keys, their {@code grouping()} flags, revenue,
     * gross profit, units, sale receipts, then the distinct customers where they were counted, then return receipts.
     */
    private static @Nullable Cell grouped(ResultSet rs, boolean customers) throws SQLException {
        return cell(
                rs.getInt(3) == 1 ? null : rs.getString(1),
                rs.getInt(4) == 1 ? null : rs.getString(2),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getLong(7),
                rs.getLong(8),
                customers ? rs.getLong(9) : null,
                rs.getLong(customers ? 10 : 9));
    }

    private static @Nullable Cell cell(
            @Nullable String row,
            @Nullable String column,
            @Nullable BigDecimal revenue,
            BigDecimal profit,
            long units,
            long receipts,
            @Nullable Long customers,
            long returns) {
        if (revenue == null) return null;
        return new Cell(
                row,
                column,
                revenue,
                profit,
                revenue.signum() == 0 ? null : profit.divide(revenue, 4, RoundingMode.HALF_UP),
                units,
                receipts,
                receipts == 0 ? null : revenue.divide(BigDecimal.valueOf(receipts), 2, RoundingMode.HALF_UP),
                customers,
                returns);
    }

    /** The cells of a query sorted into the table's parts by their grouping (the totals' keys are null). */
    private static final class Parts {
        final List<Cell> cells = new ArrayList<>();
        final List<Cell> rowTotals = new ArrayList<>();
        final List<Cell> columnTotals = new ArrayList<>();

        @Nullable
        Cell total;

        void add(boolean noRow, boolean noColumn, @Nullable Cell cell) {
            if (cell == null) return;
            if (noRow && noColumn) total = cell;
            else if (noRow) columnTotals.add(cell);
            else if (noColumn) rowTotals.add(cell);
            else cells.add(cell);
        }

        Table table() {
            if (cells.size() > MAX_CELLS || (total != null && cells.isEmpty())) {
                throw new InvalidInputException(FieldProblem.of("columns", "merchandising.tooManyCells", MAX_CELLS));
            }
            return new Table(cells, rowTotals, columnTotals, total);
        }
    }
}
