package io.clientele.journey;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.journey.JourneyGraph.Window;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The next moment inside a weekday window (Monday and Friday, 09:00–12:00 in Shanghai). */
class ArrivalsTest {
    private static final Window MONDAY_FRIDAY_MORNINGS =
            new Window(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(12, 0));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // case,                          arrival (UTC),          due (UTC)
        "'Monday 10:30 local: at once',   2027-03-01T02:30:00Z,  2027-03-01T02:30:00Z",
        "'Monday 08:00 local: at nine',   2027-03-01T00:00:00Z,  2027-03-01T01:00:00Z",
        "'Monday 12:00 local: Friday',    2027-03-01T04:00:00Z,  2027-03-05T01:00:00Z",
        "'Saturday: the next Monday',     2027-03-06T05:00:00Z,  2027-03-08T01:00:00Z"
    })
    void nextInside(String name, Instant arrival, Instant due) {
        assertThat(Arrivals.nextInside(MONDAY_FRIDAY_MORNINGS, arrival, ZoneId.of("Asia/Shanghai")))
                .isEqualTo(due);
    }
}
