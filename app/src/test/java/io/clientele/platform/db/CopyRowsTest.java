package io.clientele.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CopyRowsTest {
    @ParameterizedTest(name = "{0} cents -> {1}")
    @CsvSource({"0,0.00", "5,0.05", "1250,12.50", "-1,-0.01", "-1234,-12.34", "100000,1000.00"})
    void writesCentsAsDecimals(long cents, String text) {
        CopyRows rows = new CopyRows();
        rows.cents(cents).endRow();

        assertThat(rows.pending()).isEqualTo(text + "\n");
    }

    @Test
    void escapesTextAndWritesNulls() {
        CopyRows rows = new CopyRows();
        rows.add("tab\there")
                .add((Object) null)
                .add("back\\slash\nnew line")
                .add(7)
                .endRow();

        assertThat(rows.pending()).isEqualTo("tab\\there\t\\N\tback\\\\slash\\nnew line\t7\n");
        assertThat(rows.rows()).isEqualTo(1);
    }
}
