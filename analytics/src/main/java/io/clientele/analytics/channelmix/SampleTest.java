package io.clientele.analytics.channelmix;

/**
 * The sample test before a rollout: every channel is tried first on a random {@code fraction} of each segment (the
 * samples are disjoint, each customer in at most one). Once their responses are in, each channel's rates are scaled
 * by what its sample gave against what the rates promised for it, and the rest of the customers is planned again
 * with what is left of the target and the budget — so the rollout goes to the channel that did better.
 */
public final class SampleTest {
    private SampleTest() {}

    /** Per segment and channel: the customers to try, {@code round(fraction × customers)} each, at most all of them. */
    public static long[][] sample(MixProblem problem, double fraction) {
        if (!(fraction >= 0 && fraction * problem.channels() <= 1)) {
            throw new IllegalArgumentException("the samples of all channels must fit in a segment: " + fraction + " × "
                    + problem.channels() + " channels");
        }
        long[][] sample = new long[problem.segments()][problem.channels()];
        for (int s = 0; s < problem.segments(); s++) {
            for (int c = 0; c < problem.channels(); c++) {
                sample[s][c] = Math.round(fraction * problem.customers()[s]);
            }
        }
        return sample;
    }

    /**
     * The problem of the rollout: the customers not sampled, the target less the responses the samples gave, the
     * budget less what they cost, and rates scaled per channel by observed over expected (the observed rate itself
     * where the rates promised nothing; unchanged for a channel not sampled), at most 1.
     *
     * @param responded per channel, the responses of its sample
     */
    public static MixProblem rollout(MixProblem problem, long[][] sample, long[] responded) {
        int segments = problem.segments();
        int channels = problem.channels();
        long[] left = problem.customers().clone();
        double spent = 0;
        long responses = 0;
        double[][] rate = new double[segments][channels];
        for (int c = 0; c < channels; c++) {
            long contacted = 0;
            double expected = 0;
            for (int s = 0; s < segments; s++) {
                contacted += sample[s][c];
                expected += sample[s][c] * problem.rate()[s][c];
                left[s] -= sample[s][c];
            }
            spent += contacted * problem.cost()[c];
            responses += responded[c];
            double observed = contacted == 0 ? 0 : (double) responded[c] / contacted;
            for (int s = 0; s < segments; s++) {
                double past = problem.rate()[s][c];
                rate[s][c] =
                        contacted == 0 ? past : expected == 0 ? observed : Math.min(1, past * responded[c] / expected);
            }
        }
        for (int s = 0; s < segments; s++) {
            if (left[s] < 0) {
                throw new IllegalArgumentException("segment " + s + " was sampled beyond its customers");
            }
        }
        return new MixProblem(
                left,
                problem.cost(),
                rate,
                Math.max(0, problem.target() - responses),
                Math.max(0, problem.budget() - spent));
    }
}
