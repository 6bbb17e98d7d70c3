package io.clientele.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SegmentOverlapsTest {
    @Test
    void commonIdsOfTwoAscendingArrays() {
        assertThat(SegmentOverlaps.common(new long[] {1, 3, 5, 7}, new long[] {2, 3, 4, 7, 9}))
                .isEqualTo(2);
        assertThat(SegmentOverlaps.common(new long[] {}, new long[] {1})).isZero();
        assertThat(SegmentOverlaps.common(new long[] {4}, new long[] {4})).isEqualTo(1);
    }

    @Test
    void commonIdsAgreeWithASetIntersectionOnRandomArrays() {
        Random random = new Random(20261206);
        for (int round = 0; round < 200; round++) {
            long[] a = LongStream.generate(() -> random.nextInt(500))
                    .limit(random.nextInt(300))
                    .distinct()
                    .sorted()
                    .toArray();
            long[] b = LongStream.generate(() -> random.nextInt(500))
                    .limit(random.nextInt(300))
                    .distinct()
                    .sorted()
                    .toArray();
            long expected = LongStream.of(a)
                    .filter(x -> LongStream.of(b).anyMatch(y -> y == x))
                    .count();
            assertThat(SegmentOverlaps.common(a, b)).isEqualTo(expected);
        }
    }
}
