package io.clientele.insight;

import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.ProfitBasis;
import io.clientele.analytics.value.RfmSegment;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.PageResult;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The customers behind a figure of a run (drill-down), and one customer's scores across runs. */
@Service
public class ScoredCustomers {
    /** Why a customer has no P(alive) though the run fitted its model: they bought once, and the model cannot say. */
    public static final String ONE_PURCHASE_ONLY = "ONE_PURCHASE_ONLY";

    /**
     * The reason as SQL over a score row {@code s}, read as the column {@code p_alive_withheld}: a run leaves
     * P(alive) alone empty only for a one-time buyer under a model that calls them all alive (LifetimeValues).
     */
    public static final String ALIVE_WITHHELD =
            "case when s.p_alive is null and s.expected_90 is not null then '" + ONE_PURCHASE_ONLY + "' end";

    private static final String COLUMNS = """
            s.customer_id, c.first_name, c.last_name, c.city, s.recency_days, s.frequency, s.revenue, s.profit,
            s.r, s.f, s.m, s.rfm_segment, s.grade, s.churned, s.loyalty, s.satisfaction, s.satisfaction_level,
            coalesce(s.satisfaction_source, case when s.satisfaction is not null then 'MEASURED' end) as satisfaction_source,
            s.volume_level, s.matrix_class, s.p_alive, s.expected_90, s.expected_365, s.clv_12m,
            s.revenue - s.cost_of_goods as gross_profit, s.marketing_direct_cost, s.marketing_allocated_cost,
            s.net_profit, """ + ALIVE_WITHHELD + " as p_alive_withheld";

    /** Sort keys as the page and API name them, and the SQL each stands for (never taken from the request). */
    private static final Map<String, String> SORTS = Map.of(
            "profit", "s.profit desc nulls last, s.customer_id",
            "revenue", "s.revenue desc, s.customer_id",
            "recency", "s.recency_days asc nulls last, s.customer_id",
            "frequency", "s.frequency desc, s.customer_id",
            "loyalty", "s.loyalty desc nulls last, s.customer_id",
            "satisfaction", "s.satisfaction desc nulls last, s.customer_id",
            "clv", "s.clv_12m desc nulls last, s.customer_id",
            "alive", "s.p_alive asc nulls last, s.customer_id",
            "name", "c.last_name, c.first_name, s.customer_id");

    private final JdbcClient jdbc;

    private final DataScopes scopes;

    ScoredCustomers(JdbcClient jdbc, DataScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    /**
     * A customer's scores in one run; the lifetime-value figures are null when the run could not fit its models.
     * {@code satisfactionSource}: MEASURED (their own ratings) or ESTIMATED (from behaviour, complaints and similar
     * customers' ratings); null without a satisfaction.
     * {@code probabilityAliveWithheld} says why P(alive) alone is null ({@link #ONE_PURCHASE_ONLY}), else null.
     * {@code profit} is the profit the grade ranked (gross or net, by the run's {@code parameters.profit}); gross
     * profit, the marketing costs and net profit beside it (the costs and net profit null in runs made before they
     * were kept).
     */
    public record ScoredCustomer(
            long customerId,
            String name,
            @Nullable String city,
            @Nullable Integer recencyDays,
            int frequency,
            BigDecimal revenue,
            BigDecimal profit,
            @Nullable Integer r,
            @Nullable Integer f,
            @Nullable Integer m,
            @Nullable String rfmSegment,
            @Nullable String grade,
            boolean churned,
            @Nullable Integer loyalty,
            @Nullable BigDecimal satisfaction,
            @Nullable String satisfactionLevel,
            @Nullable String satisfactionSource,
            @Nullable String volumeLevel,
            @Nullable String matrixClass,
            @Nullable BigDecimal probabilityAlive,
            @Nullable String probabilityAliveWithheld,
            @Nullable BigDecimal expected90,
            @Nullable BigDecimal expected365,
            @Nullable BigDecimal lifetimeValue,
            BigDecimal grossProfit,
            @Nullable BigDecimal marketingDirectCost,
            @Nullable BigDecimal marketingAllocatedCost,
            @Nullable BigDecimal netProfit) {}

    /**
     * Which customers of a run: every field set narrows the list. {@code topPercent} takes the best customers by
     * profit; {@code churnMonth} with {@code grade} takes those who churned that month while of that grade;
     * {@code unknownSatisfaction} the buyers without ratings; {@code clvBand} one of {@link ClvBands#LABELS};
     * {@code fromRun} with {@code fromMatrix} or {@code fromGrade} those who were of that class or grade in that
     * earlier run (a cell of the {@link Transitions} table).
     */
    public record Filter(
            @Nullable String grade,
            @Nullable String segment,
            @Nullable Integer r,
            @Nullable Integer f,
            @Nullable String matrix,
            @Nullable Boolean churned,
            @Nullable Boolean unknownSatisfaction,
            @Nullable Integer topPercent,
            @Nullable String churnMonth,
            @Nullable String clvBand,
            @Nullable Long fromRun,
            @Nullable String fromMatrix,
            @Nullable String fromGrade) {

        /** Checks each field; the message names the one that is wrong. */
        public Filter {
            check("grade", grade, ValueGrade.class);
            check("segment", segment, RfmSegment.class);
            check("matrix", matrix, MatrixClass.class);
            if (r != null && (r < 1 || r > 5)) {
                throw new IllegalArgumentException("r: a recency score is 1 to 5, not " + r);
            }
            if (f != null && (f < 1 || f > 5)) {
                throw new IllegalArgumentException("f: a frequency score is 1 to 5, not " + f);
            }
            if (topPercent != null && (topPercent < 1 || topPercent > 100)) {
                throw new IllegalArgumentException("topPercent: 1 to 100, not " + topPercent);
            }
            if (churnMonth != null) {
                try {
                    YearMonth.parse(churnMonth);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("churnMonth: a month such as 2026-03, not '" + churnMonth + "'");
                }
                if (grade == null) {
                    throw new IllegalArgumentException("grade: needed with churnMonth");
                }
            }
            if (clvBand != null && !ClvBands.isBand(clvBand)) {
                throw new IllegalArgumentException("clvBand: no such value '" + clvBand + "'");
            }
            check("fromMatrix", fromMatrix, MatrixClass.class);
            check("fromGrade", fromGrade, ValueGrade.class);
            if ((fromRun == null) != (fromMatrix == null && fromGrade == null)) {
                throw new IllegalArgumentException("fromRun: needed with fromMatrix or fromGrade, and only with them");
            }
        }

        /** The customers of one class of the matrix. */
        public static Filter matrix(String matrixClass) {
            return new Filter(null, null, null, null, matrixClass, null, null, null, null, null, null, null, null);
        }

        private static <E extends Enum<E>> void check(String field, @Nullable String value, Class<E> type) {
            if (value != null) {
                try {
                    Enum.valueOf(type, value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + ": no such value '" + value + "'");
                }
            }
        }

        /** The filter's fields as query parameters, for links that keep it. */
        public Map<String, Object> parameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            put(parameters, "grade", grade);
            put(parameters, "segment", segment);
            put(parameters, "r", r);
            put(parameters, "f", f);
            put(parameters, "matrix", matrix);
            put(parameters, "churned", churned);
            put(parameters, "unknownSatisfaction", unknownSatisfaction);
            put(parameters, "topPercent", topPercent);
            put(parameters, "churnMonth", churnMonth);
            put(parameters, "clvBand", clvBand);
            put(parameters, "fromRun", fromRun);
            put(parameters, "fromMatrix", fromMatrix);
            put(parameters, "fromGrade", fromGrade);
            return parameters;
        }

        private static void put(Map<String, Object> parameters, String name, @Nullable Object value) {
            if (value != null) {
                parameters.put(name, value);
            }
        }
    }

    public static boolean isSort(String sort) {
        return SORTS.containsKey(sort);
    }

    public PageResult<ScoredCustomer> page(ScoreRun run, Filter filter, String sort, int page, int size) {
        String order = SORTS.get(sort);
        if (order == null) {
            throw new IllegalArgumentException("sort: one of " + SORTS.keySet() + ", not '" + sort + "'");
        }
        StringBuilder where = new StringBuilder(" where s.run_id = :run");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("run", run.id());
        String from = " from customer_score s join customer c on c.id = s.customer_id";
        condition(where, params, "s.grade = :grade", "grade", filter.churnMonth() == null ? filter.grade() : null);
        condition(where, params, "s.rfm_segment = :segment", "segment", filter.segment());
        condition(where, params, "s.r = :r", "r", filter.r());
        condition(where, params, "s.f = :f", "f", filter.f());
        condition(where, params, "s.matrix_class = :matrix", "matrix", filter.matrix());
        condition(where, params, "s.churned = :churned", "churned", filter.churned());
        if (filter.clvBand() != null) {
            condition(where, params, "s.clv_12m >= :clvFrom", "clvFrom", ClvBands.lower(filter.clvBand()));
            condition(where, params, "s.clv_12m < :clvTo", "clvTo", ClvBands.upper(filter.clvBand()));
        }
        if (filter.fromRun() != null) {
            where.append(" and exists (select 1 from customer_score p where p.run_id = :fromRun")
                    .append(" and p.customer_id = s.customer_id");
            params.put("fromRun", filter.fromRun());
            condition(where, params, "p.matrix_class = :fromMatrix", "fromMatrix", filter.fromMatrix());
            condition(where, params, "p.grade = :fromGrade", "fromGrade", filter.fromGrade());
            where.append(")");
        }
        if (Boolean.TRUE.equals(filter.unknownSatisfaction())) {
            where.append(" and s.grade is not null and s.matrix_class is null");
        }
        // a store manager drills into the customers of their stores (the figures above stay the whole base's)
        DataScope scope = scopes.current();
        where.append(" and ").append(scope.customerPredicate("c"));
        params.putAll(scope.parameters());
        if (filter.churnMonth() != null) {
            from += " join customer_churn ch on ch.run_id = s.run_id and ch.customer_id = s.customer_id"
                    + " and ch.month = :month and ch.grade = :churnGrade";
            params.put("month", YearMonth.parse(filter.churnMonth()).atDay(1));
            params.put("churnGrade", filter.grade());
        }
        long total = count(from + where, params);
        long offset = (long) page * size;
        long limit = size;
        if (filter.topPercent() != null) {
            // the best topPercent of buyers by profit: a fixed prefix of the profit ranking, paged within itself
            where.append(" and s.grade is not null");
            long buyers = count(from + where, params);
            total = Math.min(total, Math.round(buyers * filter.topPercent() / 100.0));
            limit = Math.max(0, Math.min(size, total - offset));
            order = SORTS.get("profit");
        }
        params.put("limit", limit);
        params.put("offset", offset);
        List<ScoredCustomer> items = jdbc.sql(
                        "select " + COLUMNS + from + where + " order by " + order + " limit :limit offset :offset")
                .params(params)
                .query(ScoredCustomers::scored)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private long count(String fromWhere, Map<String, Object> params) {
        return jdbc.sql("select count(*)" + fromWhere)
                .params(params)
                .query(Long.class)
                .single();
    }

    private static void condition(
            StringBuilder where, Map<String, Object> params, String sql, String name, @Nullable Object value) {
        if (value != null) {
            where.append(" and ").append(sql);
            params.put(name, value);
        }
    }

    /** The customers of a run in one band of predicted lifetime value, and their value. */
    public record ClvBandFigures(String band, long customers, BigDecimal lifetimeValue) {}

    /** Every band of {@link ClvBands}, empty ones included; the whole base's, as the other figures of a run. */
    public List<ClvBandFigures> clvBands(ScoreRun run) {
        Map<Integer, ClvBandFigures> found = new HashMap<>();
        // width_bucket counts the bounds at or below the value: the band's index
        jdbc.sql("select width_bucket(clv_12m, cast(:bounds as numeric[])), count(*), sum(clv_12m) from customer_score"
                        + " where run_id = :run and clv_12m is not null group by 1")
                .param("bounds", ClvBands.BOUNDS.toArray(Integer[]::new))
                .param("run", run.id())
                .query(rs -> {
                    int band = rs.getInt(1);
                    found.put(band, new ClvBandFigures(ClvBands.LABELS.get(band), rs.getLong(2), rs.getBigDecimal(3)));
                });
        List<ClvBandFigures> bands = new ArrayList<>();
        for (int band = 0; band < ClvBands.LABELS.size(); band++) {
            bands.add(found.getOrDefault(band, new ClvBandFigures(ClvBands.LABELS.get(band), 0, BigDecimal.ZERO)));
        }
        return bands;
    }

    /** A customer's scores in the runs that still keep their rows, latest first. */
    public record RunScore(
            long runId, LocalDate asOf, @Nullable String clvModel, ProfitBasis profitBasis, ScoredCustomer scores) {}

    public List<RunScore> ofCustomer(long customerId, int limit) {
        return jdbc.sql("select " + COLUMNS
                        + ", r.id as run_id, r.as_of, r.summary -> 'lifetimeValue' ->> 'model' as model,"
                        + " r.parameters ->> 'profit' as profit_basis"
                        + " from customer_score s"
                        + " join customer c on c.id = s.customer_id join score_run r on r.id = s.run_id"
                        + " where s.customer_id = :id and r.status = 'COMPLETED'"
                        + " order by r.as_of desc, r.id desc limit :limit")
                .param("id", customerId)
                .param("limit", limit)
                .query((rs, row) -> new RunScore(
                        rs.getLong("run_id"),
                        rs.getObject("as_of", LocalDate.class),
                        rs.getString("model"),
                        rs.getString("profit_basis") == null
                                ? ProfitBasis.GROSS
                                : ProfitBasis.valueOf(rs.getString("profit_basis")),
                        scored(rs, row)))
                .list();
    }

    private static ScoredCustomer scored(ResultSet rs, int row) throws SQLException {
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return new ScoredCustomer(
                rs.getLong("customer_id"),
                name.isEmpty() ? "#" + rs.getLong("customer_id") : name,
                rs.getString("city"),
                rs.getObject("recency_days", Integer.class),
                rs.getInt("frequency"),
                rs.getBigDecimal("revenue"),
                rs.getBigDecimal("profit"),
                rs.getObject("r", Integer.class),
                rs.getObject("f", Integer.class),
                rs.getObject("m", Integer.class),
                rs.getString("rfm_segment"),
                rs.getString("grade"),
                rs.getBoolean("churned"),
                rs.getObject("loyalty", Integer.class),
                rs.getBigDecimal("satisfaction"),
                rs.getString("satisfaction_level"),
                rs.getString("satisfaction_source"),
                rs.getString("volume_level"),
                rs.getString("matrix_class"),
                rs.getBigDecimal("p_alive"),
                rs.getString("p_alive_withheld"),
                rs.getBigDecimal("expected_90"),
                rs.getBigDecimal("expected_365"),
                rs.getBigDecimal("clv_12m"),
                rs.getBigDecimal("gross_profit"),
                rs.getBigDecimal("marketing_direct_cost"),
                rs.getBigDecimal("marketing_allocated_cost"),
                rs.getBigDecimal("net_profit"));
    }

    static String sortOrDefault(@Nullable String sort) {
        return sort == null || sort.isBlank() ? "profit" : sort.toLowerCase(Locale.ROOT);
    }
}
