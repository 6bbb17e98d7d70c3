package io.clientele.analytics.value;

import static io.clientele.analytics.value.RfmSegment.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RfmSegmentTest {
    @ParameterizedTest(name = "R{0} F{1} M{2} is {3}")
    @CsvSource({
        "5, 5, 5, CHAMPIONS",
        "4, 4, 4, CHAMPIONS",
        "5, 5, 3, LOYAL",
        "3, 5, 5, LOYAL",
        "2, 5, 5, CANT_LOSE_THEM",
        "1, 4, 4, CANT_LOSE_THEM",
        "1, 5, 3, AT_RISK",
        "2, 3, 5, AT_RISK",
        "5, 1, 5, NEW",
        "4, 1, 1, PROMISING",
        "5, 2, 3, POTENTIAL_LOYALIST",
        "4, 3, 1, POTENTIAL_LOYALIST",
        "3, 2, 2, NEED_ATTENTION",
        "3, 3, 5, NEED_ATTENTION",
        "3, 1, 4, ABOUT_TO_SLEEP",
        "2, 2, 1, HIBERNATING",
        "2, 1, 5, HIBERNATING",
        "1, 2, 2, LOST",
        "1, 1, 1, LOST"
    })
    void namesTheSegmentOfAScore(int r, int f, int m, RfmSegment expected) {
        assertThat(RfmSegment.of(r, f, m)).isEqualTo(expected);
    }

    @Test
    void everyScoreHasASegmentAndEverySegmentIsReachable() {
        Set<RfmSegment> reached = EnumSet.noneOf(RfmSegment.class);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    reached.add(RfmSegment.of(r, f, m));
                }
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(RfmSegment.values());
    }

    @Test
    void scoresOutsideOneToFiveAreRefused() {
        assertThatThrownBy(() -> RfmSegment.of(0, 3, 3)).hasMessageContaining("1 to 5");
    }
}
