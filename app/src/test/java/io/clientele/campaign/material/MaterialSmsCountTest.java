package io.clientele.campaign.material;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaterialSmsCountTest {
    /** The text is {@code repeat} times {@code piece}, then {@code tail}. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            empty                         | a  | 0   | ``   | GSM_7 | 0   | 0   | 0
            one letter                    | a  | 1   | ``   | GSM_7 | 1   | 1   | 1
            160 GSM characters            | a  | 160 | ``   | GSM_7 | 160 | 160 | 1
            161 GSM characters            | a  | 161 | ``   | GSM_7 | 161 | 161 | 2
            306 GSM characters            | a  | 306 | ``   | GSM_7 | 306 | 306 | 2
            307 GSM characters            | a  | 307 | ``   | GSM_7 | 307 | 307 | 3
            € counts twice                | a  | 158 | €    | GSM_7 | 159 | 160 | 1
            € over the edge               | a  | 159 | €    | GSM_7 | 160 | 161 | 2
            GSM accents and Greek         | é  | 10  | ΔΩ£  | GSM_7 | 13  | 13  | 1
            one emoji makes UCS-2         | a  | 69  | 🙂   | UCS_2 | 70  | 71  | 2
            70 UCS-2 units                | a  | 69  | ç    | UCS_2 | 70  | 70  | 1
            71 UCS-2 units                | a  | 70  | ç    | UCS_2 | 71  | 71  | 2
            134 UCS-2 units               | 中 | 134 | ``   | UCS_2 | 134 | 134 | 2
            135 UCS-2 units               | 中 | 135 | ``   | UCS_2 | 135 | 135 | 3
            brackets are extension        | [  | 80  | ``   | GSM_7 | 80  | 160 | 1
            """)
    void countsEncodingUnitsAndParts(
            String example,
            String piece,
            int repeat,
            String tail,
            SmsCount.Encoding encoding,
            int characters,
            int units,
            int parts) {
        SmsCount count = SmsCount.of(piece.repeat(repeat) + tail);

        assertThat(count).isEqualTo(new SmsCount(encoding, characters, units, parts));
    }

    @ParameterizedTest(name = "{0} parts of GSM-7 → too long: {1}")
    @CsvSource({"10, false", "11, true"})
    void atMostTenParts(int parts, boolean tooLong) {
        assertThat(SmsCount.of("a".repeat(153 * parts)).tooLong()).isEqualTo(tooLong);
    }
}
