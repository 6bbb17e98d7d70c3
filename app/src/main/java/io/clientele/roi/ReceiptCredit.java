package io.clientele.roi;

import io.clientele.platform.db.BinaryCopyReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Receipts credited to the touches before them, in one pass: every touch (a sent message of any campaign) of the
 * customers the campaigns contacted is held in memory, ordered per customer by send time, and each receipt in the
 * touches' span is streamed once (binary COPY) and matched against its customer's touches in the window. What a
 * receipt gives a touch depends only on the touch's place among the n before the receipt — alone, first, last or in
 * between — so per step the cents are summed by (n, place), exactly, and each model's weights applied once at the end.
 * This replaced a join of receipts × touches numbered by window functions, whose sort of tens of millions of hits
 * made the 1,000,000-customer attribution take 75 s (docs/benchmarks.md).
 */
final class ReceiptCredit {
    static final int ALONE = 0;
    static final int FIRST = 1;
    static final int LAST = 2;
    static final int BETWEEN = 3;
    private static final int PLACES = 4;
    private static final long MICROS_A_DAY = 86_400_000_000L;

    /** The steps touches belong to: slot → step and campaign. */
    private final long[] slotStep;

    private final long[] slotCampaign;
    /** Customer ids ascending; customer c's touches are [start[c], start[c + 1]) of the touch arrays. */
    private final long[] customers;

    private final int[] start;
    private final long[] sentAt;
    private final int[] slot;
    /** Per slot, cents by n × place ({@code n * PLACES + place}), and the receipts whose last touch it is. */
    private final long[][] cents;

    private final long[] lastTouchReceipts;

    private ReceiptCredit(
            long[] slotStep, long[] slotCampaign, long[] customers, int[] start, long[] sentAt, int[] slot) {
        this.slotStep = slotStep;
        this.slotCampaign = slotCampaign;
        this.customers = customers;
        this.start = start;
        this.sentAt = sentAt;
        this.slot = slot;
        this.cents = new long[slotStep.length][];
        this.lastTouchReceipts = new long[slotStep.length];
    }

    /** The customers any of the campaigns sent to, as SQL (the ids are numbers, never text from input). */
    private static String contacted(List<Long> campaignIds) {
        String ids = campaignIds.stream().map(id -> Long.toString(id)).collect(Collectors.joining(", "));
        return "select customer_id from campaign_member where campaign_id in (" + ids + ") and send_status = 'SENT'";
    }

    /** Credits every receipt of the campaigns' contacted customers within {@code windowDays} after a touch. */
    static ReceiptCredit compute(Connection connection, List<Long> campaignIds, int windowDays) throws SQLException {
        long[] contacted = ids(connection, "select distinct customer_id from (" + contacted(campaignIds) + ") c");
        // When the campaigns reached a good part of all customers, filtering in SQL costs more than it saves: every
        // touch and receipt would be probed against a hash of them. Then rows are filtered here instead.
        boolean broad = contacted.length * 4L >= customers(connection);
        String onlyContacted = broad ? "" : " and customer_id in (" + contacted(campaignIds) + ")";
        ReceiptCredit credit = touches(connection, contacted, onlyContacted);
        if (credit.sentAt.length > 0) {
            credit.receipts(connection, onlyContacted, windowDays * MICROS_A_DAY);
        }
        return credit;
    }

    private static long[] ids(Connection connection, String query) throws SQLException {
        BinaryCopyReader rows = BinaryCopyReader.open(connection, query);
        long[] ids = new long[1 << 12];
        int n = 0;
        while (rows.next()) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
            }
            ids[n++] = rows.getLong(0);
        }
        ids = Arrays.copyOf(ids, n);
        Arrays.sort(ids);
        return ids;
    }

    /** About how many customers there are: the planner's estimate, or a count before the table was analysed. */
    private static long customers(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("""
                        select case when reltuples >= 0 then reltuples::bigint
                                    else (select count(*) from customer) end
                        from pg_class where oid = 'customer'::regclass""")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ReceiptCredit touches(Connection connection, long[] contacted, String onlyContacted)
            throws SQLException {
        BinaryCopyReader rows = BinaryCopyReader.open(connection, """
                select customer_id, sent_at, step_id, campaign_id from campaign_member
                where send_status = 'SENT' and sent_at is not null""" + onlyContacted);
        int n = 0;
        long[] customer = new long[1 << 12];
        long[] sent = new long[customer.length];
        int[] slots = new int[customer.length];
        Map<Long, Integer> slotOfStep = new HashMap<>();
        long[] steps = new long[16];
        long[] campaigns = new long[16];
        while (rows.next()) {
            long id = rows.getLong(0);
            if (Arrays.binarySearch(contacted, id) < 0) {
                continue;
            }
            if (n == customer.length) {
                customer = Arrays.copyOf(customer, 2 * n);
                sent = Arrays.copyOf(sent, 2 * n);
                slots = Arrays.copyOf(slots, 2 * n);
            }
            customer[n] = id;
            sent[n] = rows.getMicros(1);
            long step = rows.getLong(2);
            Integer known = slotOfStep.get(step);
            if (known == null) {
                known = slotOfStep.size();
                slotOfStep.put(step, known);
                if (known == steps.length) {
                    steps = Arrays.copyOf(steps, 2 * known);
                    campaigns = Arrays.copyOf(campaigns, 2 * known);
                }
                steps[known] = step;
                campaigns[known] = rows.getLong(3);
            }
            slots[n++] = known;
        }
        // customers numbered by rank; touches sorted by (rank, index) with one primitive sort, then by send per
        // customer
        long[] ids = Arrays.copyOf(customer, n);
        Arrays.sort(ids);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[distinct++] = ids[i];
            }
        }
        ids = Arrays.copyOf(ids, distinct);
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) Arrays.binarySearch(ids, customer[i]) << 32) | i;
        }
        Arrays.sort(order);
        long[] sortedSent = new long[n];
        int[] sortedSlot = new int[n];
        int[] start = new int[distinct + 1];
        for (int i = 0; i < n; i++) {
            int index = (int) order[i];
            start[(int) (order[i] >>> 32) + 1]++;
            sortedSent[i] = sent[index];
            sortedSlot[i] = slots[index];
        }
        for (int c = 0; c < distinct; c++) {
            start[c + 1] += start[c];
            sortBySend(sortedSent, sortedSlot, steps, start[c], start[c + 1]);
        }
        int slotCount = slotOfStep.size();
        return new ReceiptCredit(
                Arrays.copyOf(steps, slotCount),
                Arrays.copyOf(campaigns, slotCount),
                ids,
                start,
                sortedSent,
                sortedSlot);
    }

    /** One customer's few touches by send time, then step (an insertion sort: they are a handful). */
    private static void sortBySend(long[] sent, int[] slots, long[] steps, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            long s = sent[i];
            int t = slots[i];
            int j = i - 1;
            while (j >= from && (sent[j] > s || (sent[j] == s && steps[slots[j]] > steps[t]))) {
                sent[j + 1] = sent[j];
                slots[j + 1] = slots[j];
                j--;
            }
            sent[j + 1] = s;
            slots[j + 1] = t;
        }
    }

    /**
     * Streams the SALE receipts of the contacted customers in the touches' span (those paid with a redeemed coupon
     * left out: they count exactly for the coupon's campaign) and credits each to the touches in the window before it.
     * A redemption names its receipt as {@code source:receipt_id}; the receipts are found by the unique (source,
     * receipt_id) index at each colon of the name, so no receipt's name is built per row.
     */
    private void receipts(Connection connection, String onlyContacted, long window) throws SQLException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long sent : sentAt) {
            first = Math.min(first, sent);
            last = Math.max(last, sent);
        }
        // the span's ends are formatted here from numbers, not taken from input
        String query = """
                select customer_id, sold_at, total_amount from sale
                where kind = 'SALE' and sold_at > '%s' and sold_at <= '%s'%s
                  and id not in (
                      select s.id from campaign_response r
                      cross join lateral generate_series(1, length(r.dedupe_key)) colon
                      join sale s on s.source = left(r.dedupe_key, colon - 1)
                           and s.receipt_id = substr(r.dedupe_key, colon + 1)
                      where r.kind = 'REDEEMED' and substr(r.dedupe_key, colon, 1) = ':')""";
        BinaryCopyReader rows = BinaryCopyReader.open(
                connection, query.formatted(instant(first), instant(last + window), onlyContacted));
        while (rows.next()) {
            int c = Arrays.binarySearch(customers, rows.getLong(0));
            if (c >= 0) {
                credit(c, rows.getMicros(1), rows.getScaled(2, 2), window);
            }
        }
    }

    private static String instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L)
                .toString();
    }

    /** The touches t with t < sold ≤ t + window are consecutive in send order: the receipt's n touches. */
    private void credit(int customer, long sold, long amount, long window) {
        int from = start[customer];
        int to = start[customer + 1];
        while (from < to && sentAt[from] < sold - window) {
            from++;
        }
        int until = from;
        while (until < to && sentAt[until] < sold) {
            until++;
        }
        int n = until - from;
        for (int k = 0; k < n; k++) {
            int place = n == 1 ? ALONE : k == 0 ? FIRST : k == n - 1 ? LAST : BETWEEN;
            int s = slot[from + k];
            long[] sums = cents[s];
            int index = n * PLACES + place;
            if (sums == null || sums.length <= index) {
                sums = cents[s] = Arrays.copyOf(sums == null ? new long[0] : sums, (n + 4) * PLACES);
            }
            sums[index] += amount;
            if (k == n - 1) {
                lastTouchReceipts[s]++;
            }
        }
    }

    /** A step's credit by one model: its receipts' cents × the model's weight per (n, place), in currency units. */
    record StepCredit(long campaignId, long stepId, BigDecimal receipts, long receiptCount) {}

    List<StepCredit> by(AttributionModel model) {
        List<StepCredit> credits = new java.util.ArrayList<>();
        for (int s = 0; s < slotStep.length; s++) {
            long[] sums = cents[s];
            if (sums == null) {
                continue;
            }
            BigDecimal total = BigDecimal.ZERO;
            for (int index = 0; index < sums.length; index++) {
                if (sums[index] != 0) {
                    total = total.add(model.share(BigDecimal.valueOf(sums[index], 2), index % PLACES, index / PLACES));
                }
            }
            credits.add(new StepCredit(slotCampaign[s], slotStep[s], total, lastTouchReceipts[s]));
        }
        return credits;
    }
}
