package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatrixClassTest {
    @ParameterizedTest(name = "{0} volume, {1} satisfaction: {2}, {3}, {4}")
    @CsvSource({
        "HIGH, HIGH, HIGH_VOLUME_HIGH_SATISFACTION, ONE_TO_ONE, PARTNER",
        "HIGH, LOW, HIGH_VOLUME_LOW_SATISFACTION, ONE_TO_ONE, CORRECT",
        "MEDIUM, MEDIUM, MEDIUM_VOLUME_MEDIUM_SATISFACTION, ONE_TO_MANY, IMPROVE",
        "MEDIUM, HIGH, MEDIUM_VOLUME_HIGH_SATISFACTION, ONE_TO_MANY, PARTNER",
        "LOW, HIGH, LOW_VOLUME_HIGH_SATISFACTION, THROUGH_RETAILERS, PARTNER",
        "LOW, MEDIUM, LOW_VOLUME_MEDIUM_SATISFACTION, THROUGH_RETAILERS, IMPROVE",
        "LOW, LOW, LOW_VOLUME_LOW_SATISFACTION, THROUGH_RETAILERS, CORRECT"
    })
    void eachClassHasItsStrategies(
            VolumeLevel volume,
            SatisfactionLevel satisfaction,
            MatrixClass expected,
            SalesStrategy sales,
            MarketingStrategy marketing) {
        MatrixClass matrixClass = MatrixClass.of(volume, satisfaction);

        assertThat(matrixClass).isEqualTo(expected);
        assertThat(matrixClass.volume()).isEqualTo(volume);
        assertThat(matrixClass.satisfaction()).isEqualTo(satisfaction);
        assertThat(matrixClass.salesStrategy()).isEqualTo(sales);
        assertThat(matrixClass.marketingStrategy()).isEqualTo(marketing);
    }
}
