package io.clientele.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ApplicationTestSupport;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** PostgreSQL's binary COPY read back: numerics at a scale, timestamps before and after 2000, nulls, many rows. */
class BinaryCopyReaderIntegrationTest extends ApplicationTestSupport {
    @Autowired
    DataSource dataSource;

    @Test
    void readsNumbersTimestampsAndNullsAsPostgreSQLHoldsThem() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            BinaryCopyReader rows = BinaryCopyReader.open(connection, """
                    select * from (values
                        (1::bigint, 7::int, timestamptz '2026-03-29 01:59:59.123456+00', -12345.67::numeric(12, 2)),
                        (2, null, timestamptz '1999-12-31 23:59:59.999999+00', 0),
                        (3, -5, timestamptz '1970-01-01 00:00:00+00', 100000000.01),
                        (4, 0, timestamptz '2000-01-01 00:00:00+00', 0.5),
                        (5, 1, timestamptz '2000-01-01 00:00:00+00', 1230000)) v(id, small, at, amount)
                    order by id""");
            List<String> read = new ArrayList<>();
            while (rows.next()) {
                read.add(rows.getLong(0) + " " + (rows.isNull(1) ? "null" : rows.getLong(1)) + " "
                        + Instant.ofEpochSecond(0, rows.getMicros(2) * 1000) + " " + rows.getScaled(3, 2));
            }
            assertThat(read)
                    .containsExactly(
                            "1 7 2026-03-29T01:59:59.123456Z -1234567",
                            "2 null 1999-12-31T23:59:59.999999Z 0",
                            "3 -5 1970-01-01T00:00:00Z 10000000001",
                            "4 0 2000-01-01T00:00:00Z 50",
                            "5 1 2000-01-01T00:00:00Z 123000000");
        }
    }

    @Test
    void readsEveryRowOfALargeResultAndRefusesDigitsBeyondTheScale() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            BinaryCopyReader rows = BinaryCopyReader.open(
                    connection, "select i::bigint, (i / 100.0)::numeric(12, 2) from generate_series(1, 100000) i");
            long count = 0;
            long sum = 0;
            while (rows.next()) {
                count++;
                sum += rows.getScaled(1, 2) - rows.getLong(0);
            }
            assertThat(count).isEqualTo(100_000);
            assertThat(sum).isZero();

            BinaryCopyReader fine = BinaryCopyReader.open(connection, "select 1.005::numeric");
            assertThat(fine.next()).isTrue();
            assertThatThrownBy(() -> fine.getScaled(0, 2)).hasMessageContaining("more than 2 decimals");
            while (fine.next()) {
                // completes the command
            }
        }
    }
}
