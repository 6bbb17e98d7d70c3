package io.clientele.analytics.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class AudienceIndexTest {
    /**
     * Four customers. Days are day numbers; purchases and spent (cents) are running totals at each day.
     *
     * <pre>
     * id  city       clv     days        purchases  spent
     * 10  Eastwick   250.00  3, 7, 20    1, 2, 2    1000, 2500, 1500 (a return on day 20)
     * 20  (none)     (none)  (none)
     * 30  Middleton   99.99  7           1          4000
     * 40  Eastwick   200.00  1, 30       1, 3       500, 9000
     * </pre>
     */
    private final AudienceIndex index = AudienceIndex.builder(new long[] {10, 20, 30, 40})
            .coded(
                    "city",
                    CodedColumn.builder(4)
                            .add("Eastwick")
                            .add(null)
                            .add("Middleton")
                            .add("Eastwick")
                            .build())
            .scaled(
                    "clv",
                    ScaledColumn.builder(2, 4)
                            .add(25000)
                            .add(ScaledColumn.NONE)
                            .add(9999)
                            .add(20000)
                            .build())
            .slices(
                    "days",
                    Slices.builder(4, 6)
                            .add(3)
                            .add(7)
                            .add(20)
                            .next()
                            .next()
                            .add(7)
                            .next()
                            .add(1)
                            .add(30)
                            .next()
                            .build())
            .totals("purchases", "days", new long[] {1, 2, 2, 1, 1, 3})
            .totals("spent", "days", new long[] {1000, 2500, 1500, 4000, 500, 9000})
            .build();

    @Test
    void aCodedColumnDecidesOncePerDistinctValue() {
        CodedColumn city = index.coded("city").orElseThrow();
        assertThat(city.codes()).isEqualTo(3); // none, Eastwick, Middleton
        boolean[] eastwick = new boolean[city.codes()];
        for (int code = 0; code < city.codes(); code++) {
            eastwick[code] = "Eastwick".equals(city.value(code));
        }
        assertThat(ids(city.select(index.all(), eastwick))).containsExactly(10, 40);
        BitSet firstTwo = new BitSet();
        firstTwo.set(0, 2);
        assertThat(ids(city.select(firstTwo, eastwick))).containsExactly(10);
    }

    @Test
    void aScaledColumnComparesExactlyWithAnyDecimal() {
        ScaledColumn clv = index.scaled("clv").orElseThrow();
        assertThat(ids(clv.select(index.all(), LongRange.atLeast(new BigDecimal("200"), 2), false)))
                .containsExactly(10, 40);
        assertThat(ids(clv.select(index.all(), LongRange.above(new BigDecimal("200"), 2), false)))
                .containsExactly(10);
        assertThat(ids(clv.select(index.all(), LongRange.below(new BigDecimal("99.995"), 2), false)))
                .containsExactly(30);
        assertThat(ids(clv.select(index.all(), LongRange.exactly(new BigDecimal("200.0"), 2), true)))
                .as("not equal, among those with a value")
                .containsExactly(10, 30);
        assertThat(ids(clv.selectSet(index.all(), false))).containsExactly(20);
    }

    @Test
    void rangesAreExactAtTheColumnsScale() {
        // x < 0.123456 at scale 5: the largest held value below it is 0.12345
        assertThat(LongRange.below(new BigDecimal("0.123456"), 5)).isEqualTo(new LongRange(Long.MIN_VALUE + 1, 12345));
        assertThat(LongRange.atLeast(new BigDecimal("0.123456"), 5).low()).isEqualTo(12346);
        assertThat(LongRange.exactly(new BigDecimal("0.123456"), 5).isEmpty()).isTrue();
        assertThat(LongRange.exactly(new BigDecimal("-3"), 0)).isEqualTo(new LongRange(-3, -3));
        assertThat(LongRange.between(new BigDecimal("1.5"), new BigDecimal("3.5"), 0))
                .isEqualTo(new LongRange(2, 3));
        assertThat(LongRange.between(new BigDecimal("3.5"), new BigDecimal("1.5"), 0)
                        .isEmpty())
                .isTrue();
        assertThat(LongRange.above(new BigDecimal("1e400"), 2).isEmpty()).isTrue();
        assertThat(LongRange.atMost(new BigDecimal("1e400"), 2).contains(Long.MAX_VALUE))
                .isTrue();
        assertThat(LongRange.all().contains(ScaledColumn.NONE)).isFalse();
    }

    @Test
    void slicesAnswerWhetherAValueLiesInARange() {
        Slices days = index.slices("days").orElseThrow();
        assertThat(days.anyBetween(0, 4, 7)).isTrue();
        assertThat(days.anyBetween(0, 8, 19)).isFalse();
        assertThat(days.anyBetween(1, Integer.MIN_VALUE, Integer.MAX_VALUE)).isFalse();
        assertThat(ids(days.selectAny(index.all(), new int[] {8, 25}, new int[] {19, 40})))
                .containsExactly(40);
        assertThat(ids(days.selectAll(index.all(), new int[] {1, 20}, new int[] {5, 20})))
                .containsExactly(10);
    }

    @Test
    void runningTotalsGiveTheGrowthOverAWindow() {
        Slices days = index.slices("days").orElseThrow();
        long[] purchases = index.totals("purchases").orElseThrow();
        long[] spent = index.totals("spent").orElseThrow();
        // purchases on days 4..30 (after day 3, up to day 30): 10 → 1, 20 → 0, 30 → 1, 40 → 2
        assertThat(ids(days.selectGrowth(index.all(), purchases, 3, 30, new LongRange(1, 1), false)))
                .containsExactly(10, 30);
        assertThat(ids(days.selectGrowth(index.all(), purchases, 3, 30, new LongRange(0, 0), false)))
                .containsExactly(20);
        // spent ever, net of the return: 10 → 15.00, 40 → 90.00
        assertThat(ids(days.selectGrowth(
                        index.all(),
                        spent,
                        Integer.MIN_VALUE,
                        Integer.MAX_VALUE,
                        LongRange.atLeast(new BigDecimal("15"), 2),
                        false)))
                .containsExactly(10, 30, 40);
        // spent in days 8..25 is -10.00 for customer 10 (the return), 0 for the others
        assertThat(ids(days.selectGrowth(index.all(), spent, 7, 25, LongRange.below(BigDecimal.ZERO, 2), false)))
                .containsExactly(10);
    }

    @Test
    void aRepeatedIndexHoldsTheSameCustomersUnderNewIds() {
        AudienceIndex thrice = index.repeat(3);
        assertThat(thrice.size()).isEqualTo(12);
        // every array three times over, but one closing offset for the slices, not three
        assertThat(thrice.bytes()).isEqualTo(3 * index.bytes() - 2 * 4);
        // ids shift by 41 (the largest id + 1) per block
        assertThat(thrice.id(4)).isEqualTo(51);
        assertThat(thrice.id(11)).isEqualTo(122);
        CodedColumn city = thrice.coded("city").orElseThrow();
        boolean[] eastwick = new boolean[city.codes()];
        for (int code = 0; code < city.codes(); code++) {
            eastwick[code] = "Eastwick".equals(city.value(code));
        }
        assertThat(thrice.ids(city.select(thrice.all(), eastwick))).containsExactly(10, 40, 51, 81, 92, 122);
        assertThat(thrice.ids(thrice.scaled("clv").orElseThrow().selectSet(thrice.all(), false)))
                .containsExactly(20, 61, 102);
        // the third block's customer 40 bought on days 1 and 30: purchases after day 3 grew by 2
        Slices days = thrice.slices("days").orElseThrow();
        assertThat(days.start(11)).isEqualTo(16);
        assertThat(thrice.ids(days.selectGrowth(
                        thrice.all(), thrice.totals("purchases").orElseThrow(), 3, 30, new LongRange(2, 2), false)))
                .containsExactly(40, 81, 122);
        assertThatThrownBy(() -> index.repeat(0)).hasMessageContaining("at least 1");
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> Slices.builder(1, 2).add(5).add(3)).hasMessageContaining("must ascend");
        assertThatThrownBy(() -> AudienceIndex.builder(new long[] {2, 1})).hasMessageContaining("ids must ascend");
        assertThatThrownBy(() -> AudienceIndex.builder(new long[] {1, 2})
                        .coded("city", CodedColumn.builder(1).add("x").build()))
                .hasMessageContaining("city has 1 positions, not 2");
        assertThat(index.position(30)).isEqualTo(2);
        assertThat(index.position(35)).isNegative();
    }

    private long[] ids(BitSet positions) {
        return index.ids(positions);
    }
}
