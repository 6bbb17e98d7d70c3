package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {

    @ParameterizedTest(name = "{0} -> {1} cents")
    @CsvSource(
            delimiter = '|',
            value = {
                "12|1200",
                "12.5|1250",
                "12.50|1250",
                "-3.99|-399",
                "+7|700",
                "0.05|5",
                ".5|50",
                "12,50|1250",
                "0|0",
                "-0.01|-1"
            })
    void readsAmounts(String text, long cents) {
        assertThat(Values.cents(text)).isEqualTo(cents);
    }

    @ParameterizedTest(name = "''{0}'' is not an amount")
    @CsvSource(
            delimiter = '|',
            value = {"12.345", "1,234.56", "abc", "12x", "-", "''", "1e3", "12. 5", "--1", "99999999999999999"})
    void refusesWhatIsNotAnAmount(String text) {
        assertThat(Values.cents(text)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-03-14T07:42:10Z|2026-03-14T07:42:10Z",
                "2026-03-14T15:42:10+08:00|2026-03-14T07:42:10Z",
                "2026-03-14 15:42:10|2026-03-14T07:42:10Z",
                "2026-03-14T15:42|2026-03-14T07:42:00Z",
                "2024-02-29T00:00:00Z|2024-02-29T00:00:00Z"
            })
    void readsInstantsWithOffsetsOrInTheZone(String text, String expected) {
        assertThat(Values.instant(text, ZoneId.of("Asia/Shanghai"))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "''{0}'' is not a time")
    @CsvSource(
            delimiter = '|',
            value = {"2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-14T25:00:00Z", "14/03/2026", "yesterday"})
    void refusesImpossibleTimes(String text) {
        assertThat(Values.instant(text, ZoneId.of("UTC"))).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"true,true", "YES,true", "y,true", "1,true", "false,false", "No,false", "0,false"})
    void readsBooleans(String text, boolean value) {
        assertThat(Values.bool(text)).isEqualTo(value);
    }
}
