package io.clientele.analytics.channelmix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChannelMixTest {
    private static final int EMAIL = 0;
    private static final int SMS = 1;

    /**
     * Two segments, email at 0.10 and SMS at 0.50 a contact. Segment 0 (1,000 customers) answers email 2 %, SMS 8 %:
     * 5.00 and 6.25 a response. Segment 1 (500) answers email 5 %, SMS 20 %: 2.00 and 2.50 a response. 55 responses
     * wanted, 200 to spend.
     *
     * <p>By hand: segment 1 is cheaper on both channels, but all 500 by email give only 25. Moving one of them from
     * email to SMS adds 0.15 responses for 0.40, 2.67 a response — cheaper than any of segment 0 (5.00). So segment 1
     * is filled, with d on SMS and 500 − d by email: 0.05 (500 − d) + 0.20 d = 55 gives d = 200. Cost 300 × 0.10 +
     * 200 × 0.50 = 130, within the budget. (The duals agree: responses at 8/3 each, segment 1's place at 1/30; both of
     * segment 0's reduced costs are positive.)
     */
    private final MixProblem problem = new MixProblem(
            new long[] {1000, 500}, new double[] {0.10, 0.50}, new double[][] {{0.02, 0.08}, {0.05, 0.20}}, 55, 200);

    @Test
    void theCheapestMixIsTheOneWorkedOutByHand() {
        MixPlan plan = ChannelMix.plan(problem);

        assertThat(plan.feasible()).isTrue();
        assertThat(plan.contacts()).isDeepEqualTo(new long[][] {{0, 0}, {300, 200}});
        assertThat(plan.cost()).isCloseTo(130, within(1e-9));
        assertThat(plan.expectedResponses()).isCloseTo(55, within(1e-9));
        // variance 300 × 0.05 × 0.95 + 200 × 0.2 × 0.8 = 14.25 + 32 = 46.25
        assertThat(plan.high() - plan.expectedResponses()).isCloseTo(1.959964 * Math.sqrt(46.25), within(1e-5));
        assertThat(plan.low()).isCloseTo(55 - 1.959964 * Math.sqrt(46.25), within(1e-5));
    }

    @Test
    void aTargetTheBudgetCannotReachHasNoPlan() {
        MixProblem tight = new MixProblem(problem.customers(), problem.cost(), problem.rate(), 55, 129);

        assertThat(ChannelMix.plan(tight).feasible()).isFalse();
    }

    @Test
    void eachCustomerIsReachedAtMostOnce() {
        // a target only reachable if segment 1 were contacted twice: out of reach, whatever the budget
        MixProblem crowded = new MixProblem(new long[] {0, 500}, problem.cost(), problem.rate(), 101, 1e9);

        assertThat(ChannelMix.plan(crowded).feasible()).isFalse();
    }

    /**
     * One segment of 10,000. The past says email 5 % at 0.10 (2.00 a response) beats SMS 3 % at 0.20 (6.67): the
     * plan is all email. The sample (5 % per channel: 500 each) finds email at 2 % (10 responses) and SMS at 15 %
     * (75): scaled, email 2 % (5.00 a response), SMS 15 % (1.33). The rollout of the 9,000 left, for the 315 still
     * wanted within 1,000 − 150 = 850, is all SMS: 315 / 0.15 = 2,100 contacts.
     */
    @Test
    void afterTheSampleTestTheRolloutUsesTheBetterChannel() {
        MixProblem past = new MixProblem(
                new long[] {10_000}, new double[] {0.10, 0.20}, new double[][] {{0.05, 0.03}}, 400, 1000);
        MixPlan planned = ChannelMix.plan(past);
        assertThat(planned.contacts()[0][SMS]).isZero();
        assertThat(planned.contacts()[0][EMAIL]).isEqualTo(8000);

        long[][] sample = SampleTest.sample(past, 0.05);
        assertThat(sample).isDeepEqualTo(new long[][] {{500, 500}});
        MixProblem rest = SampleTest.rollout(past, sample, new long[] {10, 75});

        assertThat(rest.customers()).containsExactly(9000);
        assertThat(rest.target()).isEqualTo(315);
        assertThat(rest.budget()).isCloseTo(850, within(1e-9));
        assertThat(rest.rate()[0][EMAIL]).isCloseTo(0.02, within(1e-12));
        assertThat(rest.rate()[0][SMS]).isCloseTo(0.15, within(1e-12));
        MixPlan rollout = ChannelMix.plan(rest);
        assertThat(rollout.contacts()[0][EMAIL]).isZero();
        assertThat(rollout.contacts()[0][SMS]).isEqualTo(2100);
    }
}
