package io.clientele.insight;

import io.clientele.analytics.clv.ModelSelection;
import io.clientele.analytics.value.ChurnMonth;
import io.clientele.analytics.value.GroupFigures;
import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.ParetoCurve;
import io.clientele.analytics.value.SatisfactionLevel;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.analytics.value.ValueSummary;
import io.clientele.analytics.value.VolumeLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a completed run as kept with it (JSON in {@code score_run.summary}): what the insight pages draw,
 * so they need not read a million score rows. Money in the currency's units; shares 0–1; how long reading,
 * computing and writing took. {@code estimatedMatrix}: of each matrix class, the buyers whose satisfaction is
 * estimated (null in runs from before the estimate, when every class was measured).
 */
public record RunSummary(
        long customers,
        long buyers,
        long churned,
        double topTwentyShare,
        List<Group> grades,
        List<Group> segments,
        List<Group> matrix,
        @Nullable List<Group> estimatedMatrix,
        Group unknownSatisfaction,
        List<Cell> rfmGrid,
        List<ParetoCurve.Point> pareto,
        List<Churn> churnByMonth,
        Map<String, Long> phaseMillis,
        LifetimeValueModel lifetimeValue) {

    /**
     * A grade, RFM segment or matrix class with its customers, what they brought in the lookback, and the predicted
     * lifetime value of the next months (zero when the models could not be fitted).
     */
    public record Group(String key, long customers, BigDecimal revenue, BigDecimal profit, BigDecimal clv) {}

    /**
     * How the lifetime values were computed: the repeat-purchase model (bgnbd, mbgnbd or paretonbd, in days) and its
     * parameters, Gamma-Gamma's, the margin, the monthly discount rate and the months; or why they could not be. The
     * selection is how the model was chosen (null when configured); {@code oneTimeBuyersWithheld}: the model's
     * P(alive) of a one-time buyer is 1 whatever the silence, so the run left it empty for them.
     */
    public record LifetimeValueModel(
            String model,
            Map<String, Double> parameters,
            double logLikelihood,
            Map<String, Double> spendParameters,
            double margin,
            double monthlyDiscountRate,
            int months,
            long customers,
            long repeatBuyers,
            @Nullable String error,
            @Nullable Selection selection,
            boolean oneTimeBuyersWithheld) {}

    /**
     * The holdout comparison that chose the model: calibration up to {@code calibrationEnd}, the {@code holdoutDays}
     * after it held out, the buyers compared (of those who bought by the calibration end; a sample beyond 50,000),
     * each candidate's errors; {@code ranking} best first. Without a calibration end the history ({@code holdoutDays}:
     * its span) was too short to hold any of it out.
     */
    public record Selection(
            @Nullable LocalDate calibrationEnd,
            int holdoutDays,
            long customers,
            List<Candidate> candidates,
            List<String> ranking) {
        static Selection of(LocalDate calibrationEnd, int holdoutDays, long customers, ModelSelection.Result result) {
            return new Selection(
                    calibrationEnd,
                    holdoutDays,
                    customers,
                    result.candidates().stream().map(Candidate::of).toList(),
                    result.ranking());
        }

        static Selection notPossible(int spanDays) {
            return new Selection(null, spanDays, 0, List.of(), List.of());
        }
    }

    /** A candidate's root-mean-square and mean absolute error per customer, or why it could not be fitted. */
    public record Candidate(
            String model,
            @Nullable Double rootMeanSquareError,
            @Nullable Double meanAbsoluteError,
            @Nullable String error) {
        static Candidate of(ModelSelection.Candidate c) {
            return c.error() != null
                    ? new Candidate(c.model(), null, null, c.error())
                    : new Candidate(c.model(), c.rootMeanSquareError(), c.meanAbsoluteError(), null);
        }
    }

    /** A cell of the RFM grid: recency score by frequency score. */
    public record Cell(int r, int f, long customers, BigDecimal revenue, BigDecimal profit) {}

    /** One grade in one month: active at the month's start, churned during it. */
    public record Churn(String month, String grade, long active, long churned) {
        public double rate() {
            return active == 0 ? 0 : (double) churned / active;
        }
    }

    /**
     * @param clvByGroup the summed lifetime value per group, keyed {@code grade:A}, {@code segment:LOYAL},
     *     {@code matrix:…} and {@code matrix:UNKNOWN}
     */
    static RunSummary of(
            ValueSummary summary,
            Map<String, Long> phaseMillis,
            LifetimeValueModel lifetimeValue,
            Map<String, BigDecimal> clvByGroup) {
        List<Cell> grid = new ArrayList<>(25);
        for (int r = 5; r >= 1; r--) {
            for (int f = 1; f <= 5; f++) {
                GroupFigures figures = summary.rfmGrid()[r - 1][f - 1];
                grid.add(new Cell(
                        r, f, figures.customers(), money(figures.revenueCents()), money(figures.profitCents())));
            }
        }
        List<Churn> churn = new ArrayList<>();
        for (ChurnMonth month : summary.churnByMonth()) {
            for (ValueGrade grade : ValueGrade.values()) {
                ChurnMonth.Count count = month.byGrade().get(grade);
                churn.add(new Churn(month.month().toString(), grade.name(), count.active(), count.churned()));
            }
        }
        return new RunSummary(
                summary.customers(),
                summary.buyers(),
                summary.churned(),
                summary.pareto().topTwentyShare(),
                groups("grade:", summary.grades(), clvByGroup),
                groups("segment:", summary.segments(), clvByGroup),
                groups("matrix:", summary.matrix(), clvByGroup),
                groups("estimated:", summary.estimatedMatrix(), Map.of()),
                group("UNKNOWN", summary.unknownSatisfaction(), clvByGroup.get("matrix:UNKNOWN")),
                grid,
                summary.pareto().points(),
                churn,
                Map.copyOf(phaseMillis),
                lifetimeValue);
    }

    private static List<Group> groups(
            String prefix, Map<? extends Enum<?>, GroupFigures> figures, Map<String, BigDecimal> clvByGroup) {
        return figures.entrySet().stream()
                .map(e -> group(
                        e.getKey().name(),
                        e.getValue(),
                        clvByGroup.get(prefix + e.getKey().name())))
                .toList();
    }

    private static Group group(String key, GroupFigures figures, @Nullable BigDecimal clv) {
        return new Group(
                key,
                figures.customers(),
                money(figures.revenueCents()),
                money(figures.profitCents()),
                clv == null ? BigDecimal.ZERO : clv);
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    public BigDecimal totalProfit() {
        return grades.stream().map(Group::profit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalLifetimeValue() {
        return grades.stream().map(Group::clv).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalRevenue() {
        return grades.stream().map(Group::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public Group grade(String key) {
        return find(grades, key);
    }

    /** The estimated part of each matrix class; empty for a run from before the estimate. */
    public List<Group> estimatedMatrixOrEmpty() {
        return estimatedMatrix == null ? List.of() : estimatedMatrix;
    }

    /** A cell of the 3x3 matrix with its strategies, for the page; {@code estimated} of its customers are. */
    public record MatrixCell(MatrixClass matrixClass, Group figures, long estimated) {
        public long measured() {
            return figures.customers() - estimated;
        }
    }

    /** The matrix as rows of volume (high first), each with its cells by satisfaction (high first). */
    public List<List<MatrixCell>> matrixRows() {
        List<List<MatrixCell>> rows = new ArrayList<>();
        for (VolumeLevel volume : VolumeLevel.values()) {
            List<MatrixCell> row = new ArrayList<>();
            for (SatisfactionLevel satisfaction : SatisfactionLevel.values()) {
                MatrixClass matrixClass = MatrixClass.of(volume, satisfaction);
                row.add(new MatrixCell(
                        matrixClass,
                        find(matrix, matrixClass.name()),
                        find(estimatedMatrixOrEmpty(), matrixClass.name()).customers()));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The churn table: one row per month, its cells by grade (A first). */
    public List<List<Churn>> churnRows() {
        Map<String, List<Churn>> byMonth = new java.util.LinkedHashMap<>();
        for (Churn churn : churnByMonth) {
            byMonth.computeIfAbsent(churn.month(), month -> new ArrayList<>()).add(churn);
        }
        return List.copyOf(byMonth.values());
    }

    public Cell cell(int r, int f) {
        return rfmGrid.stream()
                .filter(c -> c.r() == r && c.f() == f)
                .findFirst()
                .orElse(new Cell(r, f, 0, BigDecimal.ZERO, BigDecimal.ZERO));
    }

    private static Group find(List<Group> groups, String key) {
        return groups.stream()
                .filter(g -> g.key().equals(key))
                .findFirst()
                .orElse(new Group(key, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
    }
}
