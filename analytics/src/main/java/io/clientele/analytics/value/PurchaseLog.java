package io.clientele.analytics.value;

import java.util.Arrays;

/**
 * Every customer's receipts, columnar and grouped by customer in time order: the input of a scoring run. Customers
 * are numbered 0 … {@code customers() - 1} by the caller; days are epoch days; money is in cents. A return is a
 * receipt with a negative amount and cost, so sums are net of returns.
 */
public final class PurchaseLog {
    private final int customers;
    private final int[] start;
    private final int[] day;
    private final long[] amount;
    private final long[] cost;
    private final boolean[] returned;

    private PurchaseLog(int customers, int[] start, int[] day, long[] amount, long[] cost, boolean[] returned) {
        this.customers = customers;
        this.start = start;
        this.day = day;
        this.amount = amount;
        this.cost = cost;
        this.returned = returned;
    }

    public static Builder builder(int customers) {
        return new Builder(customers);
    }

    public int customers() {
        return customers;
    }

    public int receipts() {
        return day.length;
    }

    /** The index of the customer's first receipt; its receipts are {@code from(c)} … {@code to(c) - 1}. */
    public int from(int customer) {
        return start[customer];
    }

    public int to(int customer) {
        return start[customer + 1];
    }

    public int day(int receipt) {
        return day[receipt];
    }

    public long amountCents(int receipt) {
        return amount[receipt];
    }

    public long costCents(int receipt) {
        return cost[receipt];
    }

    public boolean isReturn(int receipt) {
        return returned[receipt];
    }

    /** Collects receipts in any order; {@link #build()} groups them by customer and sorts each customer's by day. */
    public static final class Builder {
        private final int customers;
        private int size;
        private int[] customer = new int[1024];
        private int[] day = new int[1024];
        private long[] amount = new long[1024];
        private long[] cost = new long[1024];
        private boolean[] returned = new boolean[1024];

        private Builder(int customers) {
            if (customers < 0) {
                throw new IllegalArgumentException("customers must not be negative, was " + customers);
            }
            this.customers = customers;
        }

        public Builder add(int customerIndex, int epochDay, long amountCents, long costCents, boolean isReturn) {
            if (customerIndex < 0 || customerIndex >= customers) {
                throw new IllegalArgumentException(
                        "customer index " + customerIndex + " is outside 0.." + (customers - 1));
            }
            if (size == customer.length) {
                int capacity = size + (size >> 1);
                customer = Arrays.copyOf(customer, capacity);
                day = Arrays.copyOf(day, capacity);
                amount = Arrays.copyOf(amount, capacity);
                cost = Arrays.copyOf(cost, capacity);
                returned = Arrays.copyOf(returned, capacity);
            }
            customer[size] = customerIndex;
            day[size] = epochDay;
            amount[size] = amountCents;
            cost[size] = costCents;
            returned[size] = isReturn;
            size++;
            return this;
        }

        /** Groups by customer with a counting sort, then orders each customer's few receipts by day. */
        public PurchaseLog build() {
            int[] start = new int[customers + 1];
            for (int i = 0; i < size; i++) {
                start[customer[i] + 1]++;
            }
            for (int c = 0; c < customers; c++) {
                start[c + 1] += start[c];
            }
            int[] next = Arrays.copyOf(start, customers);
            int[] sortedDay = new int[size];
            long[] sortedAmount = new long[size];
            long[] sortedCost = new long[size];
            boolean[] sortedReturn = new boolean[size];
            for (int i = 0; i < size; i++) {
                int at = next[customer[i]]++;
                sortedDay[at] = day[i];
                sortedAmount[at] = amount[i];
                sortedCost[at] = cost[i];
                sortedReturn[at] = returned[i];
            }
            for (int c = 0; c < customers; c++) {
                insertionSortByDay(start[c], start[c + 1], sortedDay, sortedAmount, sortedCost, sortedReturn);
            }
            return new PurchaseLog(customers, start, sortedDay, sortedAmount, sortedCost, sortedReturn);
        }

        private static void insertionSortByDay(
                int from, int to, int[] day, long[] amount, long[] cost, boolean[] returned) {
            for (int i = from + 1; i < to; i++) {
                int d = day[i];
                long a = amount[i];
                long c = cost[i];
                boolean r = returned[i];
                int j = i - 1;
                while (j >= from && day[j] > d) {
                    day[j + 1] = day[j];
                    amount[j + 1] = amount[j];
                    cost[j + 1] = cost[j];
                    returned[j + 1] = returned[j];
                    j--;
                }
                day[j + 1] = d;
                amount[j + 1] = a;
                cost[j + 1] = c;
                returned[j + 1] = r;
            }
        }
    }
}
