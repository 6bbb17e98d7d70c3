package io.clientele.analytics.value;

import java.util.List;
import java.util.Map;

/**
 * The figures of a scoring run: customers and buyers, churned buyers, and per grade, RFM segment, matrix class and
 * RFM grid cell ({@code rfmGrid[r - 1][f - 1]}) the customers and what they bring; the Pareto curve and the churn
 * rate per grade per month. {@code estimatedMatrix} holds, of each matrix class, the buyers whose satisfaction is
 * estimated rather than measured; {@code unknownSatisfaction} the buyers with neither.
 */
public record ValueSummary(
        long customers,
        long buyers,
        long churned,
        Map<ValueGrade, GroupFigures> grades,
        Map<RfmSegment, GroupFigures> segments,
        Map<MatrixClass, GroupFigures> matrix,
        Map<MatrixClass, GroupFigures> estimatedMatrix,
        GroupFigures unknownSatisfaction,
        GroupFigures[][] rfmGrid,
        ParetoCurve pareto,
        List<ChurnMonth> churnByMonth) {}
