package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a card holder told the chain after buying: the answers to the post-purchase survey and complaints. They are
 * drawn after the card holder's receipts, from a random stream seeded by (seed, customer number) alone, so adding them
 * changed no draw of the customers and sales files.
 *
 * <p>The planted truth: about 30% of buyers answered the survey on four aspects, 1-7 days after one of their sales.
 * With r = (37 n) mod 100, the card holders with r 90-99 are disappointed (every aspect perceived 1 or 2 below what
 * they expected) and complain with probability 0.5; those with r 80-89 are delighted (every aspect perceived above
 * what they expected); the other buyers perceive what they expected give or take one, and complain with probability
 * 0.02.
 */
final class Feedback {
    static final String SURVEY = "post-purchase";
    static final List<String> ASPECTS = List.of("PRODUCT_QUALITY", "PRICE", "SERVICE", "DELIVERY");
    static final double ANSWER_RATE = 0.30;
    static final double COMPLAINT_RATE_DISAPPOINTED = 0.5;
    static final double COMPLAINT_RATE_OTHERS = 0.02;
    /** The answer comes 1 to 7 days after the purchase; a complaint 0 to 14 days after. */
    private static final double ANSWER_DELAY_MIN = 1;

    private static final double ANSWER_DELAY_SPAN = 6;
    private static final double COMPLAINT_DELAY_SPAN = 14;
    /** Mixed into the seed so that this stream differs from any other seeded by (seed, n). */
    private static final long SALT = 0x5A7E_F00D_C0FF_EE11L;

    static final List<String> COMPLAINTS = List.of(
            "The product stopped working within a week",
            "Delivery came three days later than promised",
            "Charged more at the till than the shelf price",
            "Nobody in the store could answer my questions",
            "The item was not as described, and the return took too long",
            "Installation appointment missed without notice");

    enum Mood {
        /** r 90-99: perceived 1 or 2 below expected on every aspect; complain with probability 0.5. */
        DISAPPOINTED,
        /** r 80-89: perceived above expected on every aspect. */
        DELIGHTED,
        /** Everyone else: perceived is expected, or one above or below. */
        AS_EXPECTED;

        static Mood of(long customerNumber) {
            int residue = (int) (customerNumber * 37 % 100);
            if (residue >= 90) {
                return DISAPPOINTED;
            }
            return residue >= 80 ? DELIGHTED : AS_EXPECTED;
        }
    }

    record Answer(String aspect, int perceived, int expected) {}

    /** A survey's answers; {@code time} in days since the window start, like a receipt's. */
    record Survey(double time, List<Answer> answers) {}

    record Complaint(double time, String summary) {}

    /** @param survey null when the card holder did not answer */
    record Drawn(@Nullable Survey survey, List<Complaint> complaints) {}

    private static final Drawn NOTHING = new Drawn(null, List.of());

    private final DataWindow window;
    private final long seed;

    Feedback(DataWindow window, long seed) {
        this.window = window;
        this.seed = seed;
    }

    /** The feedback of a card holder with these receipts (none for a prospect). */
    Drawn draw(Customer customer, List<Receipt> receipts) {
        List<Receipt> sales = new ArrayList<>(receipts.size());
        for (Receipt receipt : receipts) {
            if (!receipt.isReturn()) {
                sales.add(receipt);
            }
        }
        if (sales.isEmpty()) {
            return NOTHING;
        }
        Sampler sampler = new Sampler(streamSeed(seed, customer.number()));
        Mood mood = Mood.of(customer.number());
        Survey survey = null;
        if (sampler.bernoulli(ANSWER_RATE)) {
            double delay = ANSWER_DELAY_MIN + sampler.uniform() * ANSWER_DELAY_SPAN;
            Receipt purchase = pickEndingBefore(sales, delay, sampler);
            if (purchase != null) {
                survey = new Survey(purchase.time() + delay, answers(mood, sampler));
            }
        }
        List<Complaint> complaints = List.of();
        double complaintRate = mood == Mood.DISAPPOINTED ? COMPLAINT_RATE_DISAPPOINTED : COMPLAINT_RATE_OTHERS;
        if (sampler.bernoulli(complaintRate)) {
            double delay = sampler.uniform() * COMPLAINT_DELAY_SPAN;
            Receipt purchase = pickEndingBefore(sales, delay, sampler);
            if (purchase != null) {
                complaints = List.of(
                        new Complaint(purchase.time() + delay, COMPLAINTS.get(sampler.uniformInt(COMPLAINTS.size()))));
            }
        }
        return new Drawn(survey, complaints);
    }

    /** A sale chosen uniformly among those that, {@code delay} days later, still lie inside the window. */
    private @Nullable Receipt pickEndingBefore(List<Receipt> sales, double delay, Sampler sampler) {
        int eligible = 0;
        while (eligible < sales.size() && sales.get(eligible).time() + delay < window.days()) {
            eligible++; // receipts are in time order
        }
        return eligible == 0 ? null : sales.get(sampler.uniformInt(eligible));
    }

    private static List<Answer> answers(Mood mood, Sampler sampler) {
        List<Answer> answers = new ArrayList<>(ASPECTS.size());
        for (String aspect : ASPECTS) {
            int expected;
            int perceived;
            switch (mood) {
                case DISAPPOINTED -> {
                    expected = 3 + sampler.uniformInt(3);
                    perceived = expected - 1 - sampler.uniformInt(2);
                }
                case DELIGHTED -> {
                    expected = 3 + sampler.uniformInt(2);
                    perceived = Math.min(5, expected + 1 + sampler.uniformInt(2));
                }
                default -> {
                    expected = 3 + sampler.uniformInt(3);
                    double u = sampler.uniform();
                    int noise = u < 0.2 ? -1 : u < 0.8 ? 0 : 1;
                    perceived = Math.max(1, Math.min(5, expected + noise));
                }
            }
            answers.add(new Answer(aspect, perceived, expected));
        }
        return answers;
    }

    /** A seed for customer n's feedback stream: SplitMix64's finaliser over (seed, n). */
    static long streamSeed(long seed, long customerNumber) {
        long z = seed + SALT + customerNumber * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
