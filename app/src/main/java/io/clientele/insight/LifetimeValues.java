package io.clientele.insight;

import io.clientele.analytics.clv.BgNbdModel;
import io.clientele.analytics.clv.BgNbdParameters;
import io.clientele.analytics.clv.ClvCalculator;
import io.clientele.analytics.clv.ClvSettings;
import io.clientele.analytics.clv.GammaGammaModel;
import io.clientele.analytics.clv.GammaGammaParameters;
import io.clientele.analytics.clv.ModelFit;
import io.clientele.analytics.clv.MbgNbdParameters;
import io.clientele.analytics.clv.ModelFitException;
import io.clientele.analytics.clv.ParetoNbdModel;
import io.clientele.analytics.clv.ParetoNbdParameters;
import io.clientele.analytics.clv.Period;
import io.clientele.analytics.clv.RepeatPurchaseData;
import io.clientele.analytics.clv.RepeatPurchaseModel;
import io.clientele.analytics.value.PurchaseLog;
import io.clientele.analytics.value.RepeatPurchaseInputs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The lifetime-value part of a scoring run: fits the repeat-purchase model (BG/NBD or Pareto/NBD, in days) and
 * Gamma-Gamma to every buyer's history up to the as-of date, then gives each buyer P(alive), the purchases to expect
 * in the next 90 and 365 days and the discounted profit of the next months. Data the models cannot fit (too few
 * buyers, no repeat buyers, …) leave the figures empty and say why; the rest of the run goes on.
 */
@Component
class LifetimeValues {
    static final double[] HORIZONS = {90, 365};

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
        try {
            if (!(margin > 0 && margin <= 1)) {
                throw new ModelFitException("the margin must be above 0 and at most 1, was " + margin
                        + " (set clientele.scoring.clv-margin)");
            }
            RepeatPurchaseData data = RepeatPurchaseData.grouped(inputs.frequency(), inputs.recency(), inputs.age());
            ModelFit<? extends RepeatPurchaseModel> fit =
                    "paretonbd".equals(properties.clvModel()) ? ParetoNbdModel.fit(data) : BgNbdModel.fit(data);
            ModelFit<GammaGammaParameters> spend = GammaGammaModel.fit(inputs.frequency(), inputs.monetary());
            ClvSettings settings =
                    ClvSettings.of(Period.DAY, margin, properties.clvMonthlyDiscountRate(), properties.clvMonths());
            ClvCalculator.Scores scores = new ClvCalculator(fit.parameters(), spend.parameters(), settings)
                    .score(data, inputs.monetary(), HORIZONS);
            for (int i = 0; i < inputs.buyers(); i++) {
                int c = inputs.customers()[i];
                alive[c] = scores.probabilityAlive()[i];
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
                            fit.parameters().name(),
                            parameters(fit.parameters()),
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
                            null));
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
                            e.getMessage()));
        }
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
