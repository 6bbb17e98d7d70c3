package io.clientele.analytics.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatPurchaseInputsTest {
    @Test
    void summarisesBuyersByTheFieldsConventions() {
        PurchaseLog log = PurchaseLog.builder(3)
                // first day 100; repeat days 110 (two receipts: 30 + 20) and 130 (40); a return is left out;
                // a purchase after the as-of day is not seen
                .add(0, 100, 9_900, 5_000, false)
                .add(0, 110, 3_000, 1_000, false)
                .add(0, 110, 2_000, 1_000, false)
                .add(0, 120, -3_000, -1_000, true)
                .add(0, 130, 4_000, 2_000, false)
                .add(0, 200, 5_000, 2_000, false)
                // a one-time buyer; two receipts on the first day are still one purchase
                .add(2, 150, 1_000, 500, false)
                .add(2, 150, 1_000, 500, false)
                .build();

        RepeatPurchaseInputs inputs = RepeatPurchaseInputs.of(log, 160);

        assertThat(inputs.customers()).containsExactly(0, 2);
        assertThat(inputs.frequency()).containsExactly(2, 0);
        assertThat(inputs.recency()).containsExactly(30.0, 0.0);
        assertThat(inputs.age()).containsExactly(60.0, 10.0);
        // (50.00 + 40.00) / 2 repeat days
        assertThat(inputs.monetary()).containsExactly(45.0, 0.0);
    }

    @Test
    void theHoldoutCountsRepeatPurchaseDaysAfterTheCalibrationEnd() {
        PurchaseLog log = PurchaseLog.builder(2)
                .add(0, 100, 1_000, 500, false)
                .add(0, 161, 1_000, 500, false)
                .add(0, 161, 2_000, 500, false)
                .add(0, 163, -1_000, -500, true)
                .add(0, 170, 1_000, 500, false)
                // first bought in the holdout: not a calibration customer
                .add(1, 162, 1_000, 500, false)
                .build();
        RepeatPurchaseInputs calibration = RepeatPurchaseInputs.of(log, 160);

        var holdout = RepeatPurchaseInputs.holdout(log, calibration, 160, 170);

        assertThat(calibration.customers()).containsExactly(0);
        assertThat(holdout.periods()).isEqualTo(10);
        // day 161 once (two receipts), day 170; the return is not a purchase
        assertThat(holdout.frequency()).containsExactly(2);
        assertThat(holdout.purchasesByPeriod()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }
}
