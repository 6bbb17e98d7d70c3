package io.clientele.insight;

import io.clientele.analytics.clv.HoldoutActuals;
import io.clientele.analytics.clv.HoldoutValidation;
import io.clientele.analytics.clv.ModelFit;
import io.clientele.analytics.clv.ModelFitException;
import io.clientele.analytics.clv.ModelSelection;
import io.clientele.analytics.clv.RepeatPurchaseData;
import io.clientele.analytics.clv.RepeatPurchaseModel;
import io.clientele.analytics.value.RepeatPurchaseInputs;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * How well the repeat-purchase models predict: fitted on the customers' purchase days up to a calibration end the
 * user chooses, then compared with what they did from there to yesterday (the holdout), per calibration frequency
 * and cumulatively day by day. Read from the receipts at each request: about a second at demo size, the reading
 * time of a scoring run at millions of customers.
 */
@Service
public class ClvValidation {
    private final DataSource dataSource;
    private final Clock clock;

    ClvValidation(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A fitted model and its holdout report. */
    public record Result(
            String model,
            LocalDate calibrationEnd,
            LocalDate observationEnd,
            Map<String, Double> parameters,
            double logLikelihood,
            HoldoutValidation.Report report) {}

    /** The last day a holdout can end: yesterday, the last complete day. */
    public LocalDate observationEnd() {
        return LocalDate.now(clock).minusDays(1);
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: the model, a calibration end outside the data, or data
     *     the model cannot fit
     */
    public Result validate(String model, LocalDate calibrationEnd) {
        String name = model.toLowerCase(Locale.ROOT);
        if (!ModelSelection.MODELS.contains(name)) {
            throw new IllegalArgumentException("model: one of " + ModelSelection.MODELS + ", not '" + model + "'");
        }
        LocalDate observationEnd = observationEnd();
        if (!calibrationEnd.isBefore(observationEnd)) {
            throw new IllegalArgumentException("calibrationEnd: must be before " + observationEnd
                    + ", the last day with data, to leave a holdout");
        }
        ReceiptReader.Purchases purchases;
        try (Connection connection = dataSource.getConnection()) {
            purchases = ReceiptReader.read(connection, observationEnd, clock.getZone(), (done, total) -> {});
        } catch (SQLException e) {
            throw new IllegalStateException("reading the receipts: " + e.getMessage(), e);
        }
        int calibrationDay = (int) calibrationEnd.toEpochDay();
        RepeatPurchaseInputs calibration = RepeatPurchaseInputs.of(purchases.log(), calibrationDay);
        HoldoutActuals holdout = RepeatPurchaseInputs.holdout(
                purchases.log(), calibration, calibrationDay, (int) observationEnd.toEpochDay());
        RepeatPurchaseData data =
                RepeatPurchaseData.grouped(calibration.frequency(), calibration.recency(), calibration.age());
        try {
            ModelFit<? extends RepeatPurchaseModel> fit = ModelSelection.fit(name, data);
            return new Result(
                    name,
                    calibrationEnd,
                    observationEnd,
                    LifetimeValues.parameters(fit.parameters()),
                    fit.logLikelihood(),
                    HoldoutValidation.validate(fit.parameters(), data, holdout));
        } catch (ModelFitException e) {
            throw new IllegalArgumentException(
                    "calibrationEnd: the purchases up to " + calibrationEnd + " cannot be fitted: " + e.getMessage(),
                    e);
        }
    }
}
