package io.clientele.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentCsvTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # cell                         | written as
            =HYPERLINK("http://x","y")     | '=HYPERLINK("http://x","y")
            @SUM(A1:A9)                    | '@SUM(A1:A9)
            +33 1 23 45                    | '+33 1 23 45
            -2+3                           | '-2+3
            -12.5                          | -12.5
            +33                            | +33
            1,5                            | 1,5
            Mei Chen                       | Mei Chen
            a=b                            | a=b
            """)
    void formulasBecomeTextAndNumbersStayNumbers(String cell, String written) {
        assertThat(SegmentCsv.safe(cell)).isEqualTo(written);
    }

    @Test
    void tabsAndCarriageReturnsAtTheStartAreNeutralisedToo() {
        assertThat(SegmentCsv.safe("\t=1")).isEqualTo("'\t=1");
        assertThat(SegmentCsv.safe("\r=1")).isEqualTo("'\r=1");
        assertThat(SegmentCsv.safe("")).isEmpty();
    }

    @Test
    void quotesCellsThatNeedItAndEndsRowsWithCrLf() throws Exception {
        StringWriter out = new StringWriter();
        SegmentCsv csv = new SegmentCsv(out);
        csv.row(List.of("1", "O'Neill, Ann", "say \"hi\"", " padded", "two\nlines", "", "=1+1"));
        assertThat(out.toString())
                .isEqualTo("1,\"O'Neill, Ann\",\"say \"\"hi\"\"\",\" padded\",\"two\nlines\",,'=1+1\r\n");
    }
}
