package io.clientele.analytics.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScaledColumnTest {
    @Test
    void theTopAreTheLargestFirstWithoutAValueLastAndTiesByPosition() {
        ScaledColumn clv = ScaledColumn.builder(2, 6)
                .add(500)
                .add(ScaledColumn.NONE)
                .add(900)
                .add(500)
                .add(-100)
                .add(ScaledColumn.NONE)
                .build();
        BitSet all = new BitSet();
        all.set(0, 6);
        assertThat(clv.top(all, 10)).containsExactly(2, 0, 3, 4, 1, 5);
        assertThat(clv.top(all, 3)).containsExactly(2, 0, 3);
        BitSet some = new BitSet();
        some.set(1);
        some.set(3);
        some.set(4);
        assertThat(clv.top(some, 2)).containsExactly(3, 4);
        assertThat(clv.top(some, 0)).isEmpty();
        assertThat(clv.top(new BitSet(), 5)).isEmpty();
    }

    @Test
    void theTopAgreeWithASortOnRandomColumns() {
        Random random = new Random(20261206);
        for (int round = 0; round < 300; round++) {
            int size = 1 + random.nextInt(400);
            ScaledColumn.Builder builder = ScaledColumn.builder(0, size);
            long[] values = new long[size];
            for (int p = 0; p < size; p++) {
                values[p] = random.nextInt(8) == 0 ? ScaledColumn.NONE : random.nextInt(20) - 5;
                builder.add(values[p]);
            }
            ScaledColumn column = builder.build();
            BitSet candidates = new BitSet();
            IntStream.range(0, size).filter(p -> random.nextBoolean()).forEach(candidates::set);
            int k = random.nextInt(size + 5);
            int[] expected = candidates.stream()
                    .boxed()
                    .sorted(Comparator.<Integer>comparingLong(p -> values[p])
                            .reversed()
                            .thenComparingInt(p -> p))
                    .limit(k)
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertThat(column.top(candidates, k)).as("round %d", round).containsExactly(expected);
        }
    }
}
