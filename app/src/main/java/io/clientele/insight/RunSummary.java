package io.clientele.insight;

import io.clientele.analytics.value.ChurnMonth;
import io.clientele.analytics.value.GroupFigures;
import io.clientele.analytics.value.MatrixClass;
import io.clientele.analytics.value.ParetoCurve;
import io.clientele.analytics.value.SatisfactionLevel;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.analytics.value.ValueSummary;
import io.clientele.analytics.value.VolumeLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of a completed run as kept with it (JSON in {@code score_run.summary}): what the insight pages draw,
 * so they need not read a million score rows. Money in the currency's units; shares 0–1; how long reading,
 * computing and writing took.
 */
public record RunSummary(
        long customers,
        long buyers,
        long churned,
        double topTwentyShare,
        List<Group> grades,
        List<Group> segments,
        List<Group> matrix,
        Group unknownSatisfaction,
        List<Cell> rfmGrid,
        List<ParetoCurve.Point> pareto,
        List<Churn> churnByMonth,
        Map<String, Long> phaseMillis) {

    /** A grade, RFM segment or matrix class with its customers and what they bring in the lookback. */
    public record Group(String key, long customers, BigDecimal revenue, BigDecimal profit) {}

    /** A cell of the RFM grid: recency score by frequency score. */
    public record Cell(int r, int f, long customers, BigDecimal revenue, BigDecimal profit) {}

    /** One grade in one month: active at the month's start, churned during it. */
    public record Churn(String month, String grade, long active, long churned) {
        public double rate() {
            return active == 0 ? 0 : (double) churned / active;
        }
    }

    static RunSummary of(ValueSummary summary, Map<String, Long> phaseMillis) {
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
                groups(summary.grades()),
                groups(summary.segments()),
                groups(summary.matrix()),
                group("UNKNOWN", summary.unknownSatisfaction()),
                grid,
                summary.pareto().points(),
                churn,
                Map.copyOf(phaseMillis));
    }

    private static List<Group> groups(Map<? extends Enum<?>, GroupFigures> figures) {
        return figures.entrySet().stream()
                .map(e -> group(e.getKey().name(), e.getValue()))
                .toList();
    }

    private static Group group(String key, GroupFigures figures) {
        return new Group(key, figures.customers(), money(figures.revenueCents()), money(figures.profitCents()));
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    public BigDecimal totalProfit() {
        return grades.stream().map(Group::profit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalRevenue() {
        return grades.stream().map(Group::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public Group grade(String key) {
        return find(grades, key);
    }

    /** A cell of the 3x3 matrix with its strategies, for the page. */
    public record MatrixCell(MatrixClass matrixClass, Group figures) {}

    /** The matrix as rows of volume (high first), each with its cells by satisfaction (high first). */
    public List<List<MatrixCell>> matrixRows() {
        List<List<MatrixCell>> rows = new ArrayList<>();
        for (VolumeLevel volume : VolumeLevel.values()) {
            List<MatrixCell> row = new ArrayList<>();
            for (SatisfactionLevel satisfaction : SatisfactionLevel.values()) {
                MatrixClass matrixClass = MatrixClass.of(volume, satisfaction);
                row.add(new MatrixCell(matrixClass, find(matrix, matrixClass.name())));
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
                .orElse(new Group(key, 0, BigDecimal.ZERO, BigDecimal.ZERO));
    }
}
