package io.clientele.demo.generator;

import io.clientele.analytics.random.Sampler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The receipts of one card holder inside the window, in time order.
 *
 * <p>Regular buyers follow Pareto/NBD: purchase rate {@code lambda ~ Gamma(r = 0.9, rate alpha = 60)} per day,
 * dropout rate {@code mu ~ Gamma(s = 0.8, rate beta = 500)} per day, lifetime {@code tau ~ Exp(mu)} from the join
 * time, and while alive purchases as a Poisson process of rate {@code lambda} times the day's seasonal intensity (a
 * thinned process). The first purchase is made at the join time. Only purchases inside the window are kept; a buyer
 * who joined before the window and keeps none is redrawn (lambda, mu and lifetime again), so that every non-prospect
 * has at least one receipt in the data.
 *
 * <p>Lapsed big spenders buy at a rate uniform in 0.03-0.06 per day with spend targets times 2 and stop for good
 * 200-400 days before as-of. New customers buy at joining and, one in two, once more before as-of.
 *
 * <p>Refills: 40% of the buyers of a coffee machine (decided at their first) come back for coffee beans every
 * Gamma(9, mean 30) days, 40% of the buyers of a printer for ink every Gamma(9, mean 90) days, while active; a refill
 * visit buys just the consumable. New customers get no refills, so that they keep their one or two purchases.
 */
final class PurchaseHistory {
    private static final double R = 0.9;
    private static final double ALPHA = 60;
    private static final double S = 0.8;
    private static final double BETA = 500;

    private static final double LAPSED_MIN_RATE = 0.03;
    private static final double LAPSED_MAX_RATE = 0.06;
    private static final double LAPSED_SPEND_FACTOR = 2.0;
    private static final int LAPSE_MIN_DAYS = 200;
    private static final int LAPSE_MAX_DAYS = 400;

    private static final double NEW_SECOND_PURCHASE = 0.5;

    private static final double REFILL_SHARE = 0.4;
    private static final double REFILL_SHAPE = 9;
    private static final double BEANS_DAYS = 30;
    private static final double INK_DAYS = 90;

    /** When the buyer purchases, until when they are active, and the factor on their spend targets. */
    private record Activity(double[] purchaseTimes, double end, double spendFactor) {}

    private final DataWindow window;
    private final StoreNetwork network;
    private final BasketBuilder baskets;
    private final Returns returns;

    PurchaseHistory(DataWindow window, StoreNetwork network, BasketBuilder baskets, Returns returns) {
        this.window = window;
        this.network = network;
        this.baskets = baskets;
        this.returns = returns;
    }

    List<Receipt> receipts(Customer customer, Sampler sampler) {
        if (customer.segment() == PlantedSegment.PROSPECT) {
            return List.of();
        }
        Activity activity = drawActivity(customer, sampler);
        double scale = SpendModel.drawScale(sampler);
        boolean refills =
                customer.segment() == PlantedSegment.REGULAR || customer.segment() == PlantedSegment.LAPSED_BIG_SPENDER;
        Refills beans = new Refills(Category.COFFEE_MACHINE, Category.COFFEE_BEANS, BEANS_DAYS);
        Refills ink = new Refills(Category.PRINTER, Category.INK_CARTRIDGE, INK_DAYS);
        double[] purchases = activity.purchaseTimes();

        List<Receipt> receipts = new ArrayList<>(purchases.length + 4);
        int next = 0;
        while (true) {
            double purchase = next < purchases.length ? purchases[next] : Double.POSITIVE_INFINITY;
            double time = Math.min(purchase, Math.min(beans.next, ink.next));
            if (time >= activity.end()) {
                break;
            }
            Store store = network.pickVisitedStore(customer.homeStore(), sampler);
            Salesperson salesperson = network.pickSalesperson(store, sampler);
            int day = DataWindow.day(time);
            List<SaleLine> lines;
            if (time == purchase) {
                next++;
                double target = SpendModel.drawTarget(scale, salesperson, sampler) * activity.spendFactor();
                lines = baskets.basket(target, day, time == customer.joinTime(), sampler);
                if (refills) {
                    beans.startAfter(lines, time, sampler);
                    ink.startAfter(lines, time, sampler);
                }
            } else {
                Refills due = time == beans.next ? beans : ink;
                lines = baskets.refill(due.consumable, day, sampler);
                due.next += refillGap(due.meanDays, sampler);
            }
            Receipt sale = new Receipt(time, store, salesperson, false, lines);
            receipts.add(sale);
            Receipt returned = returns.draw(sale, activity.end(), sampler);
            if (returned != null) {
                receipts.add(returned);
            }
        }
        receipts.sort(Comparator.comparingDouble(Receipt::time));
        return receipts;
    }

    private Activity drawActivity(Customer customer, Sampler sampler) {
        double join = customer.joinTime();
        double incomeFactor = customer.incomeBand().spendFactor;
        int days = window.days();
        return switch (customer.segment()) {
            case NEW_CUSTOMER -> {
                double[] times = sampler.bernoulli(NEW_SECOND_PURCHASE)
                        ? new double[] {join, join + (days - join) * sampler.uniform()}
                        : new double[] {join};
                yield new Activity(times, days, incomeFactor);
            }
            case LAPSED_BIG_SPENDER -> {
                while (true) {
                    double rate = LAPSED_MIN_RATE + (LAPSED_MAX_RATE - LAPSED_MIN_RATE) * sampler.uniform();
                    double end = days - LAPSE_MIN_DAYS - (LAPSE_MAX_DAYS - LAPSE_MIN_DAYS) * sampler.uniform();
                    double[] times = purchaseTimes(rate, join, end, sampler);
                    if (times.length > 0) {
                        yield new Activity(times, end, incomeFactor * LAPSED_SPEND_FACTOR);
                    }
                }
            }
            // one purchase and nothing after it, not even a return: the history ends with the joining day
            case SILENT_ONE_TIME_BUYER -> new Activity(new double[] {join}, join + 1e-6, incomeFactor);
            case PROSPECT -> throw new IllegalArgumentException("a prospect never buys");
            case REGULAR -> {
                while (true) {
                    double rate = sampler.gamma(R, ALPHA);
                    double dropout = sampler.gamma(S, BETA);
                    double end = Math.min(join + sampler.exponential(dropout), days);
                    double[] times = purchaseTimes(rate, join, end, sampler);
                    if (times.length > 0) {
                        yield new Activity(times, end, incomeFactor);
                    }
                }
            }
        };
    }

    /**
     * Purchase times in the window before {@code end}: the first purchase at joining if that is inside the window,
     * then a Poisson process of rate {@code rate * intensity(day)}, drawn at the peak rate and thinned.
     */
    private double[] purchaseTimes(double rate, double join, double end, Sampler sampler) {
        double[] times = new double[16];
        int count = 0;
        if (join >= 0) {
            times[count++] = join;
        }
        double peak = window.maxIntensity();
        double time = Math.max(join, 0);
        while (true) {
            time += sampler.exponential(rate * peak);
            if (time >= end) {
                return Arrays.copyOf(times, count);
            }
            if (sampler.uniform() * peak < window.intensity(DataWindow.day(time))) {
                if (count == times.length) {
                    times = Arrays.copyOf(times, count * 2);
                }
                times[count++] = time;
            }
        }
    }

    private static double refillGap(double meanDays, Sampler sampler) {
        return sampler.gamma(REFILL_SHAPE, REFILL_SHAPE / meanDays);
    }

    /** The refill visits for one consumable: decided once, at the first purchase of the anchor. */
    private static final class Refills {
        final Category anchor;
        final Category consumable;
        final double meanDays;
        double next = Double.POSITIVE_INFINITY;
        boolean decided;

        Refills(Category anchor, Category consumable, double meanDays) {
            this.anchor = anchor;
            this.consumable = consumable;
            this.meanDays = meanDays;
        }

        void startAfter(List<SaleLine> lines, double time, Sampler sampler) {
            if (decided || lines.stream().noneMatch(line -> line.product().category() == anchor)) {
                return;
            }
            decided = true;
            if (sampler.bernoulli(REFILL_SHARE)) {
                next = time + refillGap(meanDays, sampler);
            }
        }
    }
}
