package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantedSegmentTest {

    @Test
    void everyHundredConsecutiveNumbersHoldTheDocumentedShares() {
        for (long from : new long[] {1, 101, 999_950, 12_345_678}) {
            Map<PlantedSegment, Integer> counts = new EnumMap<>(PlantedSegment.class);
            for (long number = from; number < from + 100; number++) {
                counts.merge(PlantedSegment.of(number), 1, Integer::sum);
            }
            assertThat(counts)
                    .containsEntry(PlantedSegment.PROSPECT, 15)
                    .containsEntry(PlantedSegment.LAPSED_BIG_SPENDER, 2)
                    .containsEntry(PlantedSegment.NEW_CUSTOMER, 3)
                    .containsEntry(PlantedSegment.SILENT_ONE_TIME_BUYER, 1)
                    .containsEntry(PlantedSegment.REGULAR, 79);
        }
    }

    @Test
    void followsTheDocumentedRule() {
        assertThat(PlantedSegment.of(3)).isEqualTo(PlantedSegment.PROSPECT); // 111 -> 11
        assertThat(PlantedSegment.of(1)).isEqualTo(PlantedSegment.REGULAR); // 37
        assertThat(PlantedSegment.of(95)).isEqualTo(PlantedSegment.LAPSED_BIG_SPENDER); // 3515 -> 15
        assertThat(PlantedSegment.of(41)).isEqualTo(PlantedSegment.NEW_CUSTOMER); // 1517 -> 17
        assertThat(PlantedSegment.of(100)).isEqualTo(PlantedSegment.PROSPECT); // 3700 -> 0
        assertThat(PlantedSegment.of(60)).isEqualTo(PlantedSegment.SILENT_ONE_TIME_BUYER); // 2220 -> 20
        assertThat(PlantedSegment.of(33)).isEqualTo(PlantedSegment.REGULAR); // 1221 -> 21
    }
}
