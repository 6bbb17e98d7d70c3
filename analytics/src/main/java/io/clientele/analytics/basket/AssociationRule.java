package io.clientele.analytics.basket;

import java.util.Arrays;

/**
 * A rule A → C between disjoint itemsets, with the standard measures (arules, mlxtend):
 * support = P(A∪C), confidence = P(A∪C) / P(A), lift = confidence / P(C), conviction = (1 − P(C)) / (1 − confidence),
 * infinite when the confidence is 1. Item codes ascending; the arrays are not to be changed.
 *
 * @param count transactions holding A and C
 * @param antecedentCount transactions holding A
 * @param consequentCount transactions holding C
 */
public record AssociationRule(
        int[] antecedent, int[] consequent, long count, long antecedentCount, long consequentCount, long transactions) {

    public double support() {
        return (double) count / transactions;
    }

    public double antecedentSupport() {
        return (double) antecedentCount / transactions;
    }

    public double consequentSupport() {
        return (double) consequentCount / transactions;
    }

    public double confidence() {
        return (double) count / antecedentCount;
    }

    /** Computed from the counts in one expression, so the ratio of ratios adds no rounding. */
    public double lift() {
        return (double) count * transactions / ((double) antecedentCount * consequentCount);
    }

    public double conviction() {
        if (count == antecedentCount) return Double.POSITIVE_INFINITY;
        return (1 - consequentSupport()) / (1 - confidence());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssociationRule r
                && Arrays.equals(antecedent, r.antecedent)
                && Arrays.equals(consequent, r.consequent)
                && count == r.count
                && antecedentCount == r.antecedentCount
                && consequentCount == r.consequentCount
                && transactions == r.transactions;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(antecedent) + Arrays.hashCode(consequent);
    }

    @Override
    public String toString() {
        return Arrays.toString(antecedent) + " → " + Arrays.toString(consequent) + " (" + count + "/" + antecedentCount
                + "/" + consequentCount + " of " + transactions + ")";
    }
}
