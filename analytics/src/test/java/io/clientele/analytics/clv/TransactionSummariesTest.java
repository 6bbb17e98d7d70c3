package io.clientele.analytics.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TransactionSummariesTest {
    private static final LocalDate D = LocalDate.of(2026, 1, 1);

    @Test
    void summariesFollowTheFieldsConventions() {
        TransactionSummaries s = TransactionSummaries.builder(Period.DAY)
                .calibrationEnd(D.plusDays(30))
                .observationEnd(D.plusDays(40))
                // "two purchases on day 10": counted once, amounts added
                .add("regular", D, 50)
                .add("regular", D.plusDays(10), 20)
                .add("regular", D.plusDays(10), 30)
                .add("regular", D.plusDays(20), 100)
                .add("regular", D.plusDays(31), 5) // holdout
                .add("regular", D.plusDays(35), 5) // holdout
                .add("regular", D.plusDays(41), 5) // after the observation end: ignored
                .add("once", D.plusDays(5), 80)
                .add("late", D.plusDays(33), 10) // first purchase in the holdout: not a calibration customer
                .build();
        assertThat(s.customers())
                .containsExactly(
                        // frequency 2 (days 10 and 20), recency 20, T 30, mean repeat spend (50 + 100) / 2
                        new CustomerSummary("regular", 2, 20, 30, 75), new CustomerSummary("once", 0, 0, 25, 0));
        assertThat(s.customersAfterCalibration()).isEqualTo(1);
        assertThat(s.holdout().periods()).isEqualTo(10);
        assertThat(s.holdout().frequency()).containsExactly(2, 0);
        assertThat(s.holdout().purchasesByPeriod()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void weeksStartOnMondayAndCountOnce() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        TransactionSummaries s = TransactionSummaries.builder(Period.WEEK)
                .calibrationEnd(monday.plusWeeks(4))
                .add("c", monday, 1)
                .add("c", monday.plusDays(6), 1) // the same week (Sunday)
                .add("c", monday.plusDays(7), 4) // next Monday: a repeat week
                .build();
        assertThat(s.customers()).containsExactly(new CustomerSummary("c", 1, 1, 4, 4));
        assertThat(s.holdout()).isNull();
    }

    @Test
    void withoutACalibrationEndTheLastEventDateIsUsed() {
        TransactionSummaries s = TransactionSummaries.builder(Period.DAY)
                .add("a", D, 1)
                .add("b", D.plusDays(9), 1)
                .build();
        assertThat(s.calibrationEnd()).isEqualTo(D.plusDays(9));
        assertThat(s.customers()).extracting(CustomerSummary::age).containsExactly(9.0, 0.0);
    }

    @Test
    void emptyInputIsRefused() {
        assertThatThrownBy(() -> TransactionSummaries.builder(Period.DAY).build())
                .isInstanceOf(ModelFitException.class)
                .hasMessageContaining("no transactions");
    }
}
