package io.clientele.analytics.clv;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Which repeat-purchase model predicts a store's own customers best. The observation span (first purchase to the
 * as-of day) is split: the holdout is its last quarter, at least {@link #MIN_HOLDOUT_DAYS} and at most
 * {@link #MAX_HOLDOUT_DAYS}; every candidate is
 * fitted on the calibration period before it and predicts each customer's repeat purchase days in the holdout. The
 * model with the lowest root-mean-square error per customer is chosen (squared error, because the models predict
 * means and the true mean minimises it; absolute error favours predicting 0 for everyone). Errors within
 * {@link #TIE} of each other are a tie, won by the simpler model: BG/NBD, then MBG/NBD, then Pareto/NBD.
 */
public final class ModelSelection {
    /** The candidates, simplest first. */
    public static final List<String> MODELS = List.of("bgnbd", "mbgnbd", "paretonbd");
    /** The shortest holdout: two months of weekly and monthly buying. */
    public static final int MIN_HOLDOUT_DAYS = 56;
    /**
     * The longest holdout: a year. A long history — a store's early years, or one stray old receipt — would otherwise
     * push the calibration period back to the handful of customers who bought then.
     */
    public static final int MAX_HOLDOUT_DAYS = 365;
    /** Relative difference in error below which two models tie. */
    public static final double TIE = 0.0001;

    private ModelSelection() {}

    /**
     * One candidate's holdout accuracy, or why it could not be fitted on the calibration period.
     *
     * @param rootMeanSquareError NaN when the model could not be fitted
     * @param meanAbsoluteError NaN when the model could not be fitted
     */
    public record Candidate(
            String model,
            double rootMeanSquareError,
            double meanAbsoluteError,
            @Nullable String error) {
        boolean fitted() {
            return error == null;
        }
    }

    /** The candidates in {@link #MODELS} order and the best first ranking of those that could be fitted. */
    public record Result(List<Candidate> candidates, List<String> ranking) {
        /** The chosen model; null when none could be fitted on the calibration period. */
        public @Nullable String chosen() {
            return ranking.isEmpty() ? null : ranking.getFirst();
        }
    }

    /** Fits the named model ({@code bgnbd}, {@code mbgnbd} or {@code paretonbd}). */
    public static ModelFit<? extends RepeatPurchaseModel> fit(String model, RepeatPurchaseData data) {
        return switch (model) {
            case "bgnbd" -> BgNbdModel.fit(data);
            case "mbgnbd" -> MbgNbdModel.fit(data);
            case "paretonbd" -> ParetoNbdModel.fit(data);
            default -> throw new IllegalArgumentException("model: one of " + MODELS + ", not '" + model + "'");
        };
    }

    /**
     * The last day of the calibration period for histories from {@code firstDay} to {@code lastDay} (day numbers):
     * the holdout is the last quarter of the span, at least {@link #MIN_HOLDOUT_DAYS} and at most {@link
     * #MAX_HOLDOUT_DAYS}; empty when the span is too
     * short to leave a calibration period at least as long as the holdout.
     */
    public static OptionalInt calibrationEnd(int firstDay, int lastDay) {
        int span = lastDay - firstDay;
        int holdout = Math.min(MAX_HOLDOUT_DAYS, Math.max(MIN_HOLDOUT_DAYS, (span + 3) / 4));
        return span - holdout < holdout ? OptionalInt.empty() : OptionalInt.of(lastDay - holdout);
    }

    /** Fits every candidate on {@code calibration} and ranks them by their error on {@code holdout}. */
    public static Result select(RepeatPurchaseData calibration, HoldoutActuals holdout) {
        List<Candidate> candidates = new ArrayList<>();
        for (String model : MODELS) {
            try {
                HoldoutValidation.Errors errors = HoldoutValidation.validate(
                                fit(model, calibration).parameters(), calibration, holdout)
                        .errors();
                candidates.add(new Candidate(model, errors.rootMeanSquareError(), errors.meanAbsoluteError(), null));
            } catch (ModelFitException e) {
                candidates.add(new Candidate(model, Double.NaN, Double.NaN, e.getMessage()));
            }
        }
        List<Candidate> fitted =
                new ArrayList<>(candidates.stream().filter(Candidate::fitted).toList());
        List<String> ranking = new ArrayList<>();
        while (!fitted.isEmpty()) {
            double best = fitted.stream()
                    .mapToDouble(Candidate::rootMeanSquareError)
                    .min()
                    .orElseThrow();
            // the simplest of those tied with the best: the list keeps MODELS order
            Candidate next = fitted.stream()
                    .filter(c -> c.rootMeanSquareError() <= best * (1 + TIE))
                    .findFirst()
                    .orElseThrow();
            ranking.add(next.model());
            fitted.remove(next);
        }
        return new Result(List.copyOf(candidates), List.copyOf(ranking));
    }
}
