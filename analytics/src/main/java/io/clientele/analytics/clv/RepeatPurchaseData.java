package io.clientele.analytics.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers' (frequency, recency, T) as the fits read them: one entry per distinct triple with the number of
 * customers who share it as its weight, so a million customers with day periods fit as a few hundred thousand
 * terms, and scores can be computed once per group. {@link #ungrouped} keeps one entry per customer (the baseline
 * the benchmark compares against).
 */
public final class RepeatPurchaseData {
    private final int[] frequency;
    private final double[] recency;
    private final double[] age;
    private final double[] weight;
    private final int[] groupOfCustomer;
    private final int maxFrequency;
    // the distinct values of recency and T, so that per-evaluation logarithms such as ln(α + T) are taken once each
    private final double[] times;
    private final int[] recencyTime;
    private final int[] ageTime;
    // the distinct (frequency, T) pairs: what a customer expects while alive depends on these only
    private final int[] cohortOfGroup;
    private final int[] cohortFrequency;
    private final double[] cohortAge;

    private RepeatPurchaseData(int[] frequency, double[] recency, double[] age, double[] weight, int[] groupOf) {
        this.frequency = frequency;
        this.recency = recency;
        this.age = age;
        this.weight = weight;
        this.groupOfCustomer = groupOf;
        this.maxFrequency = Arrays.stream(frequency).max().orElse(0);
        int g = frequency.length;
        LongIndex timeIndex = new LongIndex(Math.min(g, 4096));
        recencyTime = new int[g];
        ageTime = new int[g];
        double[] seen = new double[16];
        for (int i = 0; i < g; i++) {
            recencyTime[i] = timeIndex.indexOf(Double.doubleToLongBits(recency[i]));
            seen = record(seen, recencyTime[i], recency[i]);
            ageTime[i] = timeIndex.indexOf(Double.doubleToLongBits(age[i]));
            seen = record(seen, ageTime[i], age[i]);
        }
        times = Arrays.copyOf(seen, timeIndex.size());
        LongIndex cohortIndex = new LongIndex(Math.min(g, 4096));
        cohortOfGroup = new int[g];
        for (int i = 0; i < g; i++) {
            int c = cohortIndex.indexOf(((long) frequency[i] << 32) | ageTime[i]);
            cohortOfGroup[i] = c;
        }
        cohortFrequency = new int[cohortIndex.size()];
        cohortAge = new double[cohortIndex.size()];
        for (int i = 0; i < g; i++) {
            cohortFrequency[cohortOfGroup[i]] = frequency[i];
            cohortAge[cohortOfGroup[i]] = age[i];
        }
    }

    private static double[] record(double[] values, int index, double value) {
        if (index >= values.length) values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
        values[index] = value;
        return values;
    }

    /** Grouped summaries of the customers, in list order. */
    public static RepeatPurchaseData of(List<CustomerSummary> customers) {
        int n = customers.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerSummary c = customers.get(i);
            x[i] = c.frequency();
            tx[i] = c.recency();
            t[i] = c.age();
        }
        return grouped(x, tx, t);
    }

    /** Customers from parallel arrays (customer i is {@code frequency[i], recency[i], age[i]}), grouped. */
    public static RepeatPurchaseData grouped(int[] frequency, double[] recency, double[] age) {
        validate(frequency, recency, age);
        int n = frequency.length;
        int[] groupOf = new int[n];
        int[] first = new int[n];
        double[] counts = new double[n];
        int size;
        if (smallWholeNumbers(frequency, recency, age)) {
            // day or week counts: the triple packs into one long
            LongIndex groups = new LongIndex(Math.min(n, 1 << 16));
            for (int i = 0; i < n; i++) {
                int g = groups.indexOf(((long) frequency[i] << 42) | ((long) recency[i] << 21) | (long) age[i]);
                if (counts[g]++ == 0) first[g] = i;
                groupOf[i] = g;
            }
            size = groups.size();
        } else {
            Map<Key, Integer> groups = new HashMap<>(Math.max(16, n / 2));
            for (int i = 0; i < n; i++) {
                Integer known = groups.putIfAbsent(
                        new Key(frequency[i], Double.doubleToLongBits(recency[i]), Double.doubleToLongBits(age[i])),
                        groups.size());
                int g = known != null ? known : groups.size() - 1;
                if (counts[g]++ == 0) first[g] = i;
                groupOf[i] = g;
            }
            size = groups.size();
        }
        int[] x = new int[size];
        double[] tx = new double[size];
        double[] t = new double[size];
        for (int g = 0; g < size; g++) {
            x[g] = frequency[first[g]];
            tx[g] = recency[first[g]];
            t[g] = age[first[g]];
        }
        return new RepeatPurchaseData(x, tx, t, Arrays.copyOf(counts, size), groupOf);
    }

    /** One entry per customer, weight 1: the likelihood then has a term per customer. */
    public static RepeatPurchaseData ungrouped(int[] frequency, double[] recency, double[] age) {
        validate(frequency, recency, age);
        int n = frequency.length;
        double[] weight = new double[n];
        Arrays.fill(weight, 1);
        int[] groupOf = new int[n];
        Arrays.setAll(groupOf, i -> i);
        return new RepeatPurchaseData(frequency.clone(), recency.clone(), age.clone(), weight, groupOf);
    }

    private record Key(int x, long tx, long t) {}

    private static boolean smallWholeNumbers(int[] frequency, double[] recency, double[] age) {
        int limit = 1 << 21;
        for (int i = 0; i < frequency.length; i++) {
            if (frequency[i] >= limit
                    || recency[i] >= limit
                    || age[i] >= limit
                    || recency[i] != Math.rint(recency[i])
                    || age[i] != Math.rint(age[i])) {
                return false;
            }
        }
        return true;
    }

    private static void validate(int[] frequency, double[] recency, double[] age) {
        if (frequency.length != recency.length || frequency.length != age.length) {
            throw new ModelFitException("frequency, recency and T must have the same length, not " + frequency.length
                    + ", " + recency.length + " and " + age.length);
        }
        if (frequency.length == 0) {
            throw new ModelFitException("no customers: the model needs at least one customer's history");
        }
        for (int i = 0; i < frequency.length; i++) {
            int x = frequency[i];
            double tx = recency[i];
            double t = age[i];
            if (x < 0 || !Double.isFinite(tx) || !Double.isFinite(t) || tx < 0 || t < 0 || tx > t) {
                throw new ModelFitException("customer #" + i + " has an impossible summary: frequency " + x
                        + ", recency " + tx + ", T " + t + " (need frequency >= 0 and 0 <= recency <= T)");
            }
            if (x == 0 && tx != 0) {
                throw new ModelFitException(
                        "customer #" + i + " has frequency 0 but recency " + tx + " (recency is 0 without repeats)");
            }
        }
    }

    /** The number of distinct (frequency, recency, T) groups. */
    public int groups() {
        return frequency.length;
    }

    /** The number of customers. */
    public long customers() {
        return groupOfCustomer.length;
    }

    public int frequency(int group) {
        return frequency[group];
    }

    public double recency(int group) {
        return recency[group];
    }

    public double age(int group) {
        return age[group];
    }

    /** How many customers share the group's summary. */
    public double weight(int group) {
        return weight[group];
    }

    /** The group of customer i (in the order given). */
    public int groupOf(int customer) {
        return groupOfCustomer[customer];
    }

    /** The distinct values of recency and T. */
    double[] times() {
        return times;
    }

    /** Index into {@link #times()} of the group's recency. */
    int recencyTime(int group) {
        return recencyTime[group];
    }

    /** Index into {@link #times()} of the group's T. */
    int ageTime(int group) {
        return ageTime[group];
    }

    /** The number of distinct (frequency, T) pairs among the groups. */
    public int cohorts() {
        return cohortFrequency.length;
    }

    /** The (frequency, T) pair of the group, as an index below {@link #cohorts()}. */
    public int cohortOf(int group) {
        return cohortOfGroup[group];
    }

    public int cohortFrequency(int cohort) {
        return cohortFrequency[cohort];
    }

    public double cohortAge(int cohort) {
        return cohortAge[cohort];
    }

    int maxFrequency() {
        return maxFrequency;
    }

    /** Customers with at least one repeat purchase. */
    public long repeatBuyers() {
        double sum = 0;
        for (int g = 0; g < frequency.length; g++) if (frequency[g] > 0) sum += weight[g];
        return Math.round(sum);
    }

    double meanAge() {
        double sum = 0, w = 0;
        for (int g = 0; g < frequency.length; g++) {
            sum += weight[g] * age[g];
            w += weight[g];
        }
        return sum / w;
    }

    double totalFrequency() {
        double sum = 0;
        for (int g = 0; g < frequency.length; g++) sum += weight[g] * frequency[g];
        return sum;
    }

    /** Checks common to every repeat-purchase fit, with the reason in the message. */
    void requireFittable(String model) {
        if (customers() < 2) {
            throw new ModelFitException(model + " needs the histories of many customers; got " + customers()
                    + " (a single customer cannot identify a population's heterogeneity)");
        }
        if (repeatBuyers() == 0) {
            throw new ModelFitException(model + " cannot be fitted: all " + customers()
                    + " customers are one-time buyers (frequency 0), so nothing tells how often anyone buys again");
        }
        if (meanAge() == 0) {
            throw new ModelFitException(model + " cannot be fitted: every customer's T is 0");
        }
    }
}
