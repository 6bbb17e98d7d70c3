package io.clientele.analytics.clv;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-customer summaries from a transaction log, by the field's conventions: several purchases in one period count
 * once (their amounts are added); frequency is the number of periods with a purchase less the first; recency is the
 * last such period minus the first; T is the calibration end's period minus the first; monetary value is the mean
 * amount of the repeat periods. Customers whose first purchase is after the calibration end are left out (counted
 * in {@link #customersAfterCalibration()}). With an observation end, repeat purchases after the calibration end up
 * to it are the holdout actuals.
 */
public final class TransactionSummaries {
    private final Period period;
    private final LocalDate calibrationEnd;
    private final @Nullable LocalDate observationEnd;
    private final List<CustomerSummary> customers;
    private final @Nullable HoldoutActuals holdout;
    private final int customersAfterCalibration;
    private final long events;

    private TransactionSummaries(
            Period period,
            LocalDate calibrationEnd,
            @Nullable LocalDate observationEnd,
            List<CustomerSummary> customers,
            @Nullable HoldoutActuals holdout,
            int customersAfterCalibration,
            long events) {
        this.period = period;
        this.calibrationEnd = calibrationEnd;
        this.observationEnd = observationEnd;
        this.customers = customers;
        this.holdout = holdout;
        this.customersAfterCalibration = customersAfterCalibration;
        this.events = events;
    }

    public static Builder builder(Period period) {
        return new Builder(period);
    }

    public Period period() {
        return period;
    }

    public LocalDate calibrationEnd() {
        return calibrationEnd;
    }

    public @Nullable LocalDate observationEnd() {
        return observationEnd;
    }

    /** The calibration summaries, in the order customers first appeared in the log. */
    public List<CustomerSummary> customers() {
        return customers;
    }

    /** The holdout actuals, aligned with {@link #customers()}; null without an observation end. */
    public @Nullable HoldoutActuals holdout() {
        return holdout;
    }

    public int customersAfterCalibration() {
        return customersAfterCalibration;
    }

    /** The number of events added. */
    public long events() {
        return events;
    }

    /** Collects (customer, date, amount) events in any order. Not thread-safe. */
    public static final class Builder {
        private final Period period;
        private final Map<String, Events> byCustomer = new LinkedHashMap<>();
        private @Nullable LocalDate calibrationEnd;
        private @Nullable LocalDate observationEnd;
        private @Nullable LocalDate lastDate;
        private long events;

        private Builder(Period period) {
            this.period = period;
        }

        /** The last day of the calibration period; default: the date of the last event. */
        public Builder calibrationEnd(@Nullable LocalDate date) {
            this.calibrationEnd = date;
            return this;
        }

        /** The last day of the holdout; without it there are no holdout actuals. */
        public Builder observationEnd(@Nullable LocalDate date) {
            this.observationEnd = date;
            return this;
        }

        /** One purchase; an amount of 0 when spend is not known. */
        public Builder add(String customerKey, LocalDate date, double amount) {
            if (!Double.isFinite(amount)) {
                throw new IllegalArgumentException("amount of " + customerKey + " on " + date + " is " + amount);
            }
            byCustomer.computeIfAbsent(customerKey, k -> new Events()).add(period.index(date), amount);
            if (lastDate == null || date.isAfter(lastDate)) lastDate = date;
            events++;
            return this;
        }

        public TransactionSummaries build() {
            if (byCustomer.isEmpty()) {
                throw new ModelFitException("no transactions: the summaries need at least one purchase");
            }
            LocalDate calEnd = calibrationEnd != null ? calibrationEnd : lastDate;
            if (observationEnd != null && !observationEnd.isAfter(calEnd)) {
                throw new IllegalArgumentException(
                        "the observation end " + observationEnd + " must be after the calibration end " + calEnd);
            }
            long calPeriod = period.index(calEnd);
            long obsPeriod = observationEnd != null ? period.index(observationEnd) : calPeriod;
            int holdoutPeriods = (int) (obsPeriod - calPeriod);
            List<CustomerSummary> summaries = new ArrayList<>(byCustomer.size());
            List<Integer> holdoutFrequency = new ArrayList<>();
            long[] byPeriod = new long[holdoutPeriods];
            int after = 0;
            for (Map.Entry<String, Events> entry : byCustomer.entrySet()) {
                Events e = entry.getValue();
                e.sortByPeriod();
                if (e.periods[0] > calPeriod) {
                    after++;
                    continue;
                }
                long first = e.periods[0];
                long last = first;
                int repeats = 0;
                int holdoutRepeats = 0;
                double repeatSpend = 0;
                for (int i = 0; i < e.size; ) {
                    long p = e.periods[i];
                    double amount = 0;
                    while (i < e.size && e.periods[i] == p) amount += e.amounts[i++];
                    if (p == first) continue;
                    if (p <= calPeriod) {
                        repeats++;
                        repeatSpend += amount;
                        last = p;
                    } else if (p <= obsPeriod) {
                        holdoutRepeats++;
                        byPeriod[(int) (p - calPeriod - 1)]++;
                    }
                }
                summaries.add(new CustomerSummary(
                        entry.getKey(),
                        repeats,
                        last - first,
                        calPeriod - first,
                        repeats == 0 ? 0 : repeatSpend / repeats));
                holdoutFrequency.add(holdoutRepeats);
            }
            HoldoutActuals holdout = observationEnd == null
                    ? null
                    : new HoldoutActuals(
                            holdoutPeriods,
                            holdoutFrequency.stream()
                                    .mapToInt(Integer::intValue)
                                    .toArray(),
                            byPeriod);
            return new TransactionSummaries(
                    period, calEnd, observationEnd, List.copyOf(summaries), holdout, after, events);
        }
    }

    /** One customer's events as parallel growable arrays. */
    private static final class Events {
        long[] periods = new long[4];
        double[] amounts = new double[4];
        int size;

        void add(long p, double amount) {
            if (size == periods.length) {
                periods = Arrays.copyOf(periods, size * 2);
                amounts = Arrays.copyOf(amounts, size * 2);
            }
            periods[size] = p;
            amounts[size] = amount;
            size++;
        }

        void sortByPeriod() {
            boolean sorted = true;
            for (int i = 1; i < size && sorted; i++) sorted = periods[i - 1] <= periods[i];
            if (sorted) return;
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) order[i] = i;
            Arrays.sort(order, (u, v) -> Long.compare(periods[u], periods[v]));
            long[] p = new long[size];
            double[] a = new double[size];
            for (int i = 0; i < size; i++) {
                p[i] = periods[order[i]];
                a[i] = amounts[order[i]];
            }
            periods = p;
            amounts = a;
        }
    }
}
