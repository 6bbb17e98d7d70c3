package io.clientele.insight;

import io.clientele.analytics.clv.BgNbdParameters;
import io.clientele.analytics.clv.ClvCalculator;
import io.clientele.analytics.clv.ClvSettings;
import io.clientele.analytics.clv.GammaGammaModel;
import io.clientele.analytics.clv.GammaGammaParameters;
import io.clientele.analytics.clv.HoldoutActuals;
import io.clientele.analytics.clv.MbgNbdParameters;
import io.clientele.analytics.clv.ModelFit;
import io.clientele.analytics.clv.ModelFitException;
import io.clientele.analytics.clv.ModelSelection;
import io.clientele.analytics.clv.ParetoNbdParameters;
import io.clientele.analytics.clv.Period;
import io.clientele.analytics.clv.RepeatPurchaseData;
import io.clientele.analytics.clv.RepeatPurchaseModel;
import io.clientele.analytics.value.PurchaseLog;
import io.clientele.analytics.value.RepeatPurchaseInputs;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;

/**
 * The lifetime-value part of a scoring run: chooses the repeat-purchase model by its holdout accuracy on the store's
 * own purchase days ({@link ModelSelection}; {@code clientele.scoring.clv-model} may name one instead), fits it and
 * Gamma-Gamma to every buyer's history up to the as-of date, then gives each buyer P(alive), the purchases to expect
 * in the next 90 and 365 days and the discounted profit of the next months. Where the model cannot judge a buyer
 * (the BG/NBD and a one-time buyer: to it they are alive however long they have been silent) P(alive) is left
 * empty, the expectations stay. Data the models cannot fit (too few buyers, no repeat buyers, …) leave the figures
 * empty and say why; the rest of the run goes on.
 */
@Component
class LifetimeValues {
    static final double[] HORIZONS = {90, 365};
    /**
     * The most buyers the models are compared on: their errors are precise long before that, and the Pareto/NBD's
     * simplex fit takes about a minute per 200,000 distinct histories on two cores.
     */
    static final int SELECTION_SAMPLE = 50_000;

    /** What a run chooses when the history is too short to hold some of it out, or no model fits the calibration. */
    static final String FALLBACK = "mbgnbd";

    private final ScoringProperties properties;

    LifetimeValues(ScoringProperties properties) {
        this.properties = properties;
    }

    /** Per customer of the log (NaN where there is no figure), and how they were computed. */
    record Result(
            double[] probabilityAlive,
            double[] expected90,
            double[] expected365,
            double[] lifetimeValue,
            RunSummary.LifetimeValueModel model) {}

    /**
     * @param observedMargin profit over revenue of the run's buyers: the margin of the lifetime value unless
     *     {@code clientele.scoring.clv-margin} sets one
     */
    Result score(PurchaseLog log, int asOfDay, double observedMargin) {
        int n = log.customers();
        double[] alive = empty(n);
        double[] expected90 = empty(n);
        double[] expected365 = empty(n);
        double[] value = empty(n);
        double margin = properties.clvMargin() > 0 ? properties.clvMargin() : observedMargin;
        RepeatPurchaseInputs inputs = RepeatPurchaseInputs.of(log, asOfDay);
        RunSummary.Selection selection = null;
        try {
            if (!(margin > 0 && margin <= 1)) {
                throw new ModelFitException("the margin must be above 0 and at most 1, was " + margin
                        + " (set clientele.scoring.clv-margin)");
            }
            RepeatPurchaseData data = RepeatPurchaseData.grouped(inputs.frequency(), inputs.recency(), inputs.age());
            List<String> candidates = List.of(properties.clvModel());
            if (properties.clvModel().equals(ScoringProperties.AUTO)) {
                selection = select(log, inputs, asOfDay);
                candidates = selection.ranking().isEmpty() ? List.of(FALLBACK) : selection.ranking();
            }
            ModelFit<? extends RepeatPurchaseModel> fit = fitFirst(candidates, data);
            RepeatPurchaseModel model = fit.parameters();
            ModelFit<GammaGammaParameters> spend = GammaGammaModel.fit(inputs.frequency(), inputs.monetary());
            ClvSettings settings =
                    ClvSettings.of(Period.DAY, margin, properties.clvMonthlyDiscountRate(), properties.clvMonths());
            ClvCalculator.Scores scores =
                    new ClvCalculator(model, spend.parameters(), settings).score(data, inputs.monetary(), HORIZONS);
            for (int i = 0; i < inputs.buyers(); i++) {
                int c = inputs.customers()[i];
                if (model.judgesOneTimeBuyers() || inputs.frequency()[i] > 0) {
                    alive[c] = scores.probabilityAlive()[i];
                }
                expected90[c] = scores.expectedPurchases()[0][i];
                expected365[c] = scores.expectedPurchases()[1][i];
                value[c] = scores.lifetimeValue()[i];
            }
            return new Result(
                    alive,
                    expected90,
                    expected365,
                    value,
                    new RunSummary.LifetimeValueModel(
                            model.name(),
                            parameters(model),
                            fit.logLikelihood(),
                            Map.of(
                                    "p", spend.parameters().p(),
                                    "q", spend.parameters().q(),
                                    "gamma", spend.parameters().gamma()),
                            margin,
                            properties.clvMonthlyDiscountRate(),
                            properties.clvMonths(),
                            fit.customers(),
                            spend.customers(),
                            null,
                            selection,
                            !model.judgesOneTimeBuyers()));
        } catch (ModelFitException e) {
            return new Result(
                    alive,
                    expected90,
                    expected365,
                    value,
                    new RunSummary.LifetimeValueModel(
                            properties.clvModel(),
                            Map.of(),
                            0,
                            Map.of(),
                            margin,
                            properties.clvMonthlyDiscountRate(),
                            properties.clvMonths(),
                            inputs.buyers(),
                            0,
                            e.getMessage(),
                            selection,
                            false));
        }
    }

    /**
     * Splits the buyers' history by {@link ModelSelection#calibrationEnd}, fits every candidate before the split and
     * ranks them by their error in the holdout after it.
     */
    static RunSummary.Selection select(PurchaseLog log, RepeatPurchaseInputs inputs, int asOfDay) {
        return select(log, inputs, asOfDay, SELECTION_SAMPLE);
    }

    /** {@link #select} with at most {@code sample} buyers compared (spread evenly over all). */
    static RunSummary.Selection select(PurchaseLog log, RepeatPurchaseInputs inputs, int asOfDay, int sample) {
        int firstDay = asOfDay - (int) oldestButOnePercent(inputs.age());
        OptionalInt split = ModelSelection.calibrationEnd(firstDay, asOfDay);
        if (split.isEmpty()) {
            return RunSummary.Selection.notPossible(asOfDay - firstDay);
        }
        int calibrationEnd = split.getAsInt();
        RepeatPurchaseInputs calibration =
                RepeatPurchaseInputs.of(log, calibrationEnd).sample(sample);
        HoldoutActuals holdout = RepeatPurchaseInputs.holdout(log, calibration, calibrationEnd, asOfDay);
        ModelSelection.Result result = ModelSelection.select(
                RepeatPurchaseData.grouped(calibration.frequency(), calibration.recency(), calibration.age()), holdout);
        return RunSummary.Selection.of(
                LocalDate.ofEpochDay(calibrationEnd), holdout.periods(), calibration.buyers(), result);
    }

    /**
     * The age of the buyer older than 99 % of the others: the span starts there, not at the very first receipt, so
     * that a few stray old receipts (a migrated archive, a test) do not move the split for everyone.
     */
    static double oldestButOnePercent(double[] ages) {
        if (ages.length == 0) {
            return 0;
        }
        double[] sorted = ages.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
    }

    /** The first of the models (best first) that can be fitted on the whole history; the first's error if none. */
    private static ModelFit<? extends RepeatPurchaseModel> fitFirst(List<String> models, RepeatPurchaseData data) {
        ModelFitException first = null;
        for (String model : models) {
            try {
                return ModelSelection.fit(model, data);
            } catch (ModelFitException e) {
                if (first == null) first = e;
            }
        }
        throw Objects.requireNonNull(first);
    }

    static Map<String, Double> parameters(RepeatPurchaseModel model) {
        Map<String, Double> parameters = new LinkedHashMap<>();
        switch (model) {
            case BgNbdParameters p -> {
                parameters.put("r", p.r());
                parameters.put("alpha", p.alpha());
                parameters.put("a", p.a());
                parameters.put("b", p.b());
            }
            case MbgNbdParameters p -> {
                parameters.put("r", p.r());
                parameters.put("alpha", p.alpha());
                parameters.put("a", p.a());
                parameters.put("b", p.b());
            }
            case ParetoNbdParameters p -> {
                parameters.put("r", p.r());
                parameters.put("alpha", p.alpha());
                parameters.put("s", p.s());
                parameters.put("beta", p.beta());
            }
        }
        return parameters;
    }

    private static double[] empty(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
