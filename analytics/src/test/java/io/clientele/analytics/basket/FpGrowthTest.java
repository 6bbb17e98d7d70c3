package io.clientele.analytics.basket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FpGrowthTest {
    // the five baskets of mlxtend's association_rules example
    private static final List<String> ITEMS = List.of(
            "Apple",
            "Corn",
            "Dill",
            "Eggs",
            "Ice cream",
            "Kidney Beans",
            "Milk",
            "Nutmeg",
            "Onion",
            "Unicorn",
            "Yogurt");
    private static final String[][] TEXTBOOK = {
        {"Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
        {"Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
        {"Milk", "Apple", "Kidney Beans", "Eggs"},
        {"Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"},
        {"Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"}
    };

    private static Baskets textbook() {
        Baskets.Builder b = Baskets.builder(ITEMS.size());
        for (String[] basket : TEXTBOOK)
            b.add(Arrays.stream(basket).mapToInt(ITEMS::indexOf).toArray());
        return b.build();
    }

    private static int[] codes(String... names) {
        return Arrays.stream(names).mapToInt(ITEMS::indexOf).sorted().toArray();
    }

    @Test
    void findsTheTextbookItemsetsAndRules() {
        FrequentItemsets sets = FpGrowth.mine(textbook(), 0.6, 10);
        assertThat(sets.size()).isEqualTo(11);
        assertThat(sets.countOf(codes("Kidney Beans"))).isEqualTo(5);
        assertThat(sets.countOf(codes("Eggs", "Kidney Beans"))).isEqualTo(4);
        assertThat(sets.countOf(codes("Eggs", "Kidney Beans", "Onion"))).isEqualTo(3);
        assertThat(sets.countOf(codes("Nutmeg"))).isZero(); // 2 of 5 < 0.6

        Map<String, AssociationRule> rules = byName(AssociationRules.of(sets, 0.7));
        AssociationRule onionEggs = rules.get("[Onion]->[Eggs]");
        assertThat(onionEggs.support()).isEqualTo(0.6);
        assertThat(onionEggs.confidence()).isEqualTo(1.0);
        assertThat(onionEggs.lift()).isCloseTo(1.25, within(1e-12));
        assertThat(onionEggs.conviction()).isInfinite();
        AssociationRule eggsOnion = rules.get("[Eggs]->[Onion]");
        assertThat(eggsOnion.confidence()).isEqualTo(0.75);
        assertThat(eggsOnion.lift()).isCloseTo(1.25, within(1e-12));
        assertThat(eggsOnion.conviction()).isCloseTo(1.6, within(1e-12));
        AssociationRule beansEggs = rules.get("[Kidney Beans]->[Eggs]");
        assertThat(beansEggs.confidence()).isEqualTo(0.8);
        assertThat(beansEggs.lift()).isCloseTo(1.0, within(1e-12));
        assertThat(beansEggs.conviction()).isCloseTo(1.0, within(1e-12));
        assertThat(rules.get("[Onion]->[Eggs, Kidney Beans]").lift()).isCloseTo(1.25, within(1e-12));
        assertThat(rules).doesNotContainKey("[Eggs]->[Yogurt]"); // not frequent together
        assertThat(rules).hasSize(12);
    }

    private static Map<String, AssociationRule> byName(List<AssociationRule> rules) {
        Map<String, AssociationRule> map = new HashMap<>();
        for (AssociationRule r : rules) {
            map.put(names(r.antecedent()) + "->" + names(r.consequent()), r);
        }
        return map;
    }

    private static String names(int[] codes) {
        return Arrays.stream(codes).mapToObj(ITEMS::get).sorted().toList().toString();
    }

    /**
     * The reference: every subset of the 10 items counted against every basket, and every split of every frequent
     * subset measured by the definitions. The miner must give exactly these rules and figures.
     */
    @ParameterizedTest(name = "support {0}, confidence {1}, max length {2}")
    @CsvSource({"0.05, 0.0, 10", "0.1, 0.3, 3", "0.02, 0.5, 2", "0.12, 0.0, 10", "0.08, 0.4, 4"})
    void equalsABruteForceCountOfEveryRule(double minSupport, double minConfidence, int maxLength) {
        int items = 10;
        Random random = new Random(42);
        int[][] transactions = new int[400][];
        Baskets.Builder builder = Baskets.builder(items);
        for (int t = 0; t < transactions.length; t++) {
            int mask = 0;
            for (int i = 0; i < items; i++) if (random.nextDouble() < 0.08 + 0.04 * i) mask |= 1 << i;
            if ((mask & 1) != 0 && random.nextDouble() < 0.7) mask |= 1 << 3; // item 0 pulls item 3 along
            transactions[t] = bits(mask);
            builder.add(transactions[t]);
        }
        long[] count = new long[1 << items];
        for (int[] t : transactions) {
            int mask = 0;
            for (int i : t) mask |= 1 << i;
            for (int s = mask; s > 0; s = (s - 1) & mask) count[s]++; // every non-empty subset of the basket
        }
        int n = transactions.length;
        Map<String, double[]> expected = new HashMap<>();
        for (int set = 1; set < count.length; set++) {
            int k = Integer.bitCount(set);
            if (k < 2 || k > maxLength || (double) count[set] / n < minSupport) continue;
            for (int a = (set - 1) & set; a > 0; a = (a - 1) & set) {
                int c = set & ~a;
                double support = (double) count[set] / n;
                double confidence = (double) count[set] / count[a];
                double lift = confidence / ((double) count[c] / n);
                if (confidence >= minConfidence) {
                    expected.put(
                            Arrays.toString(bits(a)) + Arrays.toString(bits(c)),
                            new double[] {support, confidence, lift});
                }
            }
        }

        List<AssociationRule> rules =
                AssociationRules.of(FpGrowth.mine(builder.build(), minSupport, maxLength), minConfidence);

        assertThat(expected).isNotEmpty();
        assertThat(rules).hasSize(expected.size());
        for (AssociationRule r : rules) {
            double[] want = expected.get(Arrays.toString(r.antecedent()) + Arrays.toString(r.consequent()));
            assertThat(want).as("rule %s", r).isNotNull();
            assertThat(r.support()).isCloseTo(want[0], within(1e-12));
            assertThat(r.confidence()).isCloseTo(want[1], within(1e-12));
            assertThat(r.lift()).isCloseTo(want[2], within(1e-12));
        }
        // and the planted pull is the strongest pair
        if (maxLength >= 2 && minSupport <= 0.05) {
            AssociationRule top = rules.stream()
                    .filter(r -> r.antecedent().length == 1 && r.consequent().length == 1)
                    .findFirst()
                    .orElseThrow();
            assertThat(top.antecedent()[0] + top.consequent()[0]).isEqualTo(3);
        }
    }

    private static int[] bits(int mask) {
        return java.util.stream.IntStream.range(0, 32)
                .filter(i -> (mask & (1 << i)) != 0)
                .toArray();
    }

    @Test
    void countsARepeatedBasketAsItsRepetitions() {
        Baskets once =
                Baskets.builder(3).add(0, 1).add(0, 1).add(0, 1).add(2).add().build();
        Baskets weighted =
                Baskets.builder(3).add(new int[] {1, 0, 1}, 3).add(2).add().build();
        assertThat(weighted.transactions()).isEqualTo(5);
        assertThat(weighted.distinctBaskets()).isEqualTo(2);
        FrequentItemsets a = FpGrowth.mine(once, 0.2, 5);
        FrequentItemsets b = FpGrowth.mine(weighted, 0.2, 5);
        assertThat(b.countOf(0, 1)).isEqualTo(3).isEqualTo(a.countOf(0, 1));
        assertThat(AssociationRules.of(b, 0)).isEqualTo(AssociationRules.of(a, 0));
    }

    @Test
    void keepsAnItemsetExactlyAtTheMinimumSupport() {
        Baskets.Builder b = Baskets.builder(2);
        for (int i = 0; i < 3; i++) b.add(0, 1);
        for (int i = 0; i < 7; i++) b.add(0);
        assertThat(FpGrowth.mine(b.build(), 0.3, 2).countOf(0, 1)).isEqualTo(3);
        assertThat(FpGrowth.minCount(0.3, 10)).isEqualTo(3);
        assertThat(FpGrowth.minCount(0.1, 10)).isEqualTo(1);
        assertThat(FpGrowth.minCount(1, 7)).isEqualTo(7);
    }

    @Test
    void rejectsThresholdsOutOfRangeAndNothingToMine() {
        Baskets baskets = textbook();
        assertThatThrownBy(() -> FpGrowth.mine(baskets, 0, 3))
                .isInstanceOf(BasketException.class)
                .hasMessageContaining("minimum support");
        assertThatThrownBy(() -> FpGrowth.mine(baskets, 1.5, 3)).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> FpGrowth.mine(baskets, Double.NaN, 3)).hasMessageContaining("minimum support");
        assertThatThrownBy(() -> FpGrowth.mine(baskets, 0.5, 0)).hasMessageContaining("maximum length");
        assertThatThrownBy(() -> FpGrowth.mine(Baskets.builder(3).build(), 0.5, 3))
                .hasMessageContaining("no transactions");
        assertThatThrownBy(() -> Baskets.builder(3).add(3)).hasMessageContaining("item 3 is outside 0..2");
        assertThatThrownBy(() -> AssociationRules.of(FpGrowth.mine(baskets, 0.5, 3), 1.01))
                .hasMessageContaining("minimum confidence");
    }

    @Test
    void findsNothingWhenNoItemIsFrequentEnough() {
        FrequentItemsets none =
                FpGrowth.mine(Baskets.builder(3).add(0).add(1).add(2).build(), 0.5, 3);
        assertThat(none.size()).isZero();
        assertThat(AssociationRules.of(none, 0)).isEmpty();
    }
}
