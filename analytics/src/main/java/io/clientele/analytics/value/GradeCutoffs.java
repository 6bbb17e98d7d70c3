package io.clientele.analytics.value;

/**
 * Where the grades end on the cumulative profit share, customers ranked by profit from the top: a customer whose
 * better-ranked customers bring less than {@code a} of the profit is A, less than {@code b} is B, less than
 * {@code c} is C, and D otherwise. Customers without a positive profit are D.
 */
public record GradeCutoffs(double a, double b, double c) {
    /** A: the customers who bring the first half of the profit, B the next 30%, C the next 15%, D the last 5%. */
    public static final GradeCutoffs DEFAULT = new GradeCutoffs(0.5, 0.8, 0.95);

    public GradeCutoffs {
        if (!(a > 0 && a < b && b < c && c <= 1)) {
            throw new IllegalArgumentException(
                    "grade cut-offs must rise within (0, 1]: A " + a + ", B " + b + ", C " + c);
        }
    }

    ValueGrade grade(double shareAbove) {
        if (shareAbove < a) {
            return ValueGrade.A;
        }
        if (shareAbove < b) {
            return ValueGrade.B;
        }
        return shareAbove < c ? ValueGrade.C : ValueGrade.D;
    }
}
