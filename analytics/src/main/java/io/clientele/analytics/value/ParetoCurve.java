package io.clientele.analytics.value;

import java.util.ArrayList;
import java.util.List;

/**
 * The 80/20 curve: customers ranked by profit, best first; each point says what share of the profit the best
 * {@code customerShare} of customers bring. Shares are of the positive profit, so loss-making customers at the end
 * bend the curve down.
 */
public record ParetoCurve(List<Point> points, double topTwentyShare) {
    public record Point(double customerShare, double profitShare) {}

    static ParetoCurve of(ProfitRanking ranking, int steps) {
        List<Point> points = new ArrayList<>(steps + 1);
        points.add(new Point(0, 0));
        int n = ranking.size();
        for (int step = 1; step <= steps; step++) {
            double customerShare = (double) step / steps;
            points.add(new Point(customerShare, ranking.shareOfTop((int) Math.round(customerShare * n))));
        }
        return new ParetoCurve(List.copyOf(points), ranking.shareOfTop((int) Math.round(0.2 * n)));
    }
}
