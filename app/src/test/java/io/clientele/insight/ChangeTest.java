package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChangeTest {
    @Test
    void percentChangeIsRelativeToThePreviousPeriod() {
        assertThat(Change.of(150, 100).percent()).isEqualByComparingTo("50.0");
        assertThat(Change.of(50, 100).percent()).isEqualByComparingTo("-50.0");
        assertThat(Change.of(1, 3).percent()).isEqualByComparingTo("-66.7");
    }

    @Test
    void noPercentAfterAZeroPeriod() {
        assertThat(Change.of(5, 0).percent()).isNull();
    }
}
