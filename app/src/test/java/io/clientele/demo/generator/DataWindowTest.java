package io.clientele.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DataWindowTest {
    private final DataWindow window = DataWindow.endingOn(LocalDate.of(2026, 3, 31));

    @Test
    void writesTimesAsUtcInstantsWithinStoreHours() {
        int march14 = window.days() - 18;
        assertThat(window.date(march14)).isEqualTo(LocalDate.of(2026, 3, 14));
        assertThat(window.timestamp(march14)).isEqualTo("2026-03-14T09:00:00Z");
        double afternoon = (14 * 3600 + 5 * 60 + 30.5 - 9 * 3600) / (12 * 3600.0);
        assertThat(window.timestamp(march14 + afternoon)).isEqualTo("2026-03-14T14:05:30Z");
        assertThat(window.timestamp(march14 + 0.999_999_999)).isEqualTo("2026-03-14T20:59:59Z");
        assertThat(window.timestamp(window.firstJoinDay() + 0.5)).isEqualTo("2023-04-01T15:00:00Z");
    }
}
