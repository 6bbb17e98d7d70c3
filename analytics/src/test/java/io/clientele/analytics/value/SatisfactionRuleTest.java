package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SatisfactionRuleTest {
    private final SatisfactionRule rule = SatisfactionRule.DEFAULT;

    @Test
    void perceivedOverExpectedAcrossAspects() {
        // four aspects: perceived 5, 4, 5, 4 against expected 4, 4, 4, 4
        assertThat(rule.index(18, 16, 0, 3, 0)).isCloseTo(1.125, within(1e-9));
        assertThat(rule.level(1.125)).isEqualTo(SatisfactionLevel.HIGH);
    }

    @Test
    void complaintsAndReturnsLowerIt() {
        // expectations met (16/16), one complaint in four purchases, 10% of the amount returned:
        // 1.0 × (1 − 0.5 × 0.25) × (1 − 0.5 × 0.1) = 0.83125
        double index = rule.index(16, 16, 1, 4, 0.1);

        assertThat(index).isCloseTo(0.83125, within(1e-9));
        assertThat(rule.level(index)).isEqualTo(SatisfactionLevel.LOW);
        assertThat(rule.level(rule.index(16, 16, 0, 4, 0.1))).isEqualTo(SatisfactionLevel.MEDIUM);
    }

    @Test
    void noRatingsIsUnknownEvenWithComplaints() {
        double index = rule.index(0, 0, 3, 5, 0.5);

        assertThat(index).isNaN();
        assertThat(rule.level(index)).isNull();
    }

    @Test
    void thresholdsMustBeInOrder() {
        assertThatThrownBy(() -> new SatisfactionRule(0.8, 0.9, 0.5, 0.5)).hasMessageContaining("medium (0.9)");
    }
}
