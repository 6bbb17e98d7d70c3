package io.clientele.analytics.basket;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Association rules from frequent itemsets: every split of an itemset into a non-empty antecedent and consequent. */
public final class AssociationRules {
    /** Strongest first: lift, then confidence, then support; then by items, so the order is reproducible. */
    public static final Comparator<AssociationRule> STRONGEST_FIRST = Comparator.comparingDouble(AssociationRule::lift)
            .reversed()
            .thenComparing(
                    Comparator.comparingDouble(AssociationRule::confidence).reversed())
            .thenComparing(Comparator.comparingLong(AssociationRule::count).reversed())
            .thenComparing(AssociationRule::antecedent, Arrays::compare)
            .thenComparing(AssociationRule::consequent, Arrays::compare);

    private AssociationRules() {}

    /**
     * The rules whose confidence reaches {@code minConfidence}, strongest first. Like mlxtend's
     * {@code association_rules}, a consequent may hold several items; arules' rules are those with one.
     *
     * @throws BasketException when minConfidence is not in [0, 1]
     */
    public static List<AssociationRule> of(FrequentItemsets itemsets, double minConfidence) {
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new BasketException("minimum confidence must be between 0 and 1, not " + minConfidence);
        }
        List<AssociationRule> rules = new ArrayList<>();
        long n = itemsets.transactions();
        for (int i = 0; i < itemsets.size(); i++) {
            int[] items = itemsets.itemsShared(i);
            int k = items.length;
            if (k < 2) continue;
            long count = itemsets.count(i);
            for (int mask = 1; mask < (1 << k) - 1; mask++) {
                int[] antecedent = new int[Integer.bitCount(mask)];
                int[] consequent = new int[k - antecedent.length];
                for (int b = 0, a = 0, c = 0; b < k; b++) {
                    if ((mask & (1 << b)) != 0) antecedent[a++] = items[b];
                    else consequent[c++] = items[b];
                }
                long antecedentCount = itemsets.countOf(antecedent);
                if ((double) count / antecedentCount < minConfidence) continue;
                rules.add(new AssociationRule(
                        antecedent, consequent, count, antecedentCount, itemsets.countOf(consequent), n));
            }
        }
        rules.sort(STRONGEST_FIRST);
        return rules;
    }
}
