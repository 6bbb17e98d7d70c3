package io.clientele.bench;

import io.clientele.segment.Condition;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentContext;
import io.clientele.segment.SegmentQueries;
import io.clientele.segment.audience.SegmentAudience;
import io.clientele.segment.summary.SegmentSummary;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A day's receipts arriving after the summary was built (part of the segment-count scenario, {@code --changed N}):
 * N customers get a copy of their latest receipt dated the day before today. The five segments are counted through
 * the audience index while those customers are only marked (read from the base tables per count), then after a fold
 * (their summary rows rewritten, the index's delta read); the fold and the delta read are timed beside the full
 * rebuild and the whole read they spare. The receipts are deleted again and folded away at the end.
 */
final class SegmentFoldBench {
    private static final String SOURCE = "bench-fold";

    private SegmentFoldBench() {}

    record Counted(String name, long count, long[] marked, long[] folded, long[] summary) {}

    /** Writes the scenario's Markdown section; the database is left as it was found. */
    static String run(
            JdbcClient jdbc,
            FieldRegistry fields,
            SegmentQueries queries,
            SegmentSummary summary,
            SegmentAudience audience,
            SegmentContext at,
            List<SegmentBench.Timing> segments,
            int changed,
            long rebuildMillis,
            long wholeReadMillis,
            int warmups,
            int runs) {
        removeReceipts(jdbc, summary, audience, at);
        long receipts = addReceipts(jdbc, changed, at.today());
        long marked = summary.state().orElseThrow().dirtyCustomers();
        System.err.printf("fold: %,d receipts added, %,d customers marked%n", receipts, marked);
        List<Condition> conditions = new ArrayList<>();
        List<Long> expected = new ArrayList<>();
        List<long[]> whileMarked = new ArrayList<>();
        for (SegmentBench.Timing segment : segments) {
            Condition condition = ConditionJson.parse(segment.json(), fields);
            long count = queries.countPlain(condition, at);
            conditions.add(condition);
            expected.add(count);
            whileMarked.add(SegmentBench.time(
                    () -> audienceCount(audience, condition, at), count, warmups, runs, segment.name() + " marked"));
        }
        long start = System.nanoTime();
        SegmentSummary.Fold fold = summary.fold(at.runId());
        long foldMillis = (System.nanoTime() - start) / 1_000_000;
        if (fold.outcome() != SegmentSummary.Fold.Outcome.FOLDED) {
            throw new IllegalStateException("the fold did not happen: " + fold.outcome());
        }
        start = System.nanoTime();
        audience.reloadIfChanged();
        long deltaMillis = (System.nanoTime() - start) / 1_000_000;
        SegmentAudience.State state = audience.state().orElseThrow();
        System.err.printf(
                "fold: %,d customers in %,d ms; delta of %,d read in %,d ms%n",
                fold.customers(), foldMillis, state.folded(), deltaMillis);
        List<Counted> counted = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Condition condition = conditions.get(i);
            String name = segments.get(i).name();
            long[] folded = SegmentBench.time(
                    () -> audienceCount(audience, condition, at), expected.get(i), warmups, runs, name + " folded");
            long[] throughSummary = SegmentBench.time(
                    () -> summary.count(condition, at).orElseThrow(), expected.get(i), warmups, runs, name);
            System.err.printf(
                    "%s: %,d customers; marked median %,d ms, folded median %,d ms%n",
                    name, expected.get(i), SegmentBench.median(whileMarked.get(i)), SegmentBench.median(folded));
            counted.add(new Counted(name, expected.get(i), whileMarked.get(i), folded, throughSummary));
        }
        removeReceipts(jdbc, summary, audience, at);
        return report(
                changed,
                receipts,
                marked,
                fold,
                foldMillis,
                state,
                deltaMillis,
                rebuildMillis,
                wholeReadMillis,
                counted,
                warmups,
                runs);
    }

    private static long audienceCount(SegmentAudience audience, Condition condition, SegmentContext at) {
        return audience.select(condition, at)
                .orElseThrow(() -> new IllegalStateException("the audience index did not answer"))
                .count();
    }

    /** A copy of the latest sale receipt of every (1M / n)th customer with one, at noon the day before today. */
    private static long addReceipts(JdbcClient jdbc, int customers, LocalDate today) {
        long step = Math.max(
                1, jdbc.sql("select max(id) from customer").query(Long.class).single() / customers);
        return jdbc.sql("""
                        with picked as (
                            select distinct on (customer_id) id from sale
                            where customer_id % :step = 0 and kind = 'SALE' order by customer_id, sold_at desc),
                        added as (
                            insert into sale (source, receipt_id, kind, store_id, salesperson_id, customer_id,
                                              card_number, sold_at, total_amount, total_cost)
                            select :source, s.id::text, 'SALE', s.store_id, s.salesperson_id, s.customer_id,
                                   s.card_number, :at, s.total_amount, s.total_cost
                            from sale s join picked p on p.id = s.id
                            returning id, receipt_id)
                        insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount,
                                               unit_cost)
                        select a.id, l.line_no, l.product_id, l.quantity, l.unit_price, l.discount, l.amount,
                               l.unit_cost
                        from added a join sale_line l on l.sale_id = a.receipt_id::bigint""")
                .param("step", step)
                .param("source", SOURCE)
                .param(
                        "at",
                        java.sql.Timestamp.from(today.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC)))
                .update();
    }

    /** Deletes the scenario's receipts (from an earlier, interrupted run too) and folds them away. */
    private static void removeReceipts(
            JdbcClient jdbc, SegmentSummary summary, SegmentAudience audience, SegmentContext at) {
        jdbc.sql("delete from sale_line where sale_id in (select id from sale where source = :source)")
                .param("source", SOURCE)
                .update();
        jdbc.sql("delete from sale where source = :source")
                .param("source", SOURCE)
                .update();
        SegmentSummary.Fold fold = summary.fold(at.runId());
        if (fold.outcome() == SegmentSummary.Fold.Outcome.REBUILD_NEEDED
                && !summary.refresh(at.runId()).done()) {
            throw new IllegalStateException("the summary could not be brought up to date");
        }
        audience.reloadIfChanged();
    }

    private static String report(
            int changed,
            long lines,
            long marked,
            SegmentSummary.Fold fold,
            long foldMillis,
            SegmentAudience.State state,
            long deltaMillis,
            long rebuildMillis,
            long wholeReadMillis,
            List<Counted> counted,
            int warmups,
            int runs) {
        StringBuilder rows = new StringBuilder();
        for (Counted c : counted) {
            rows.append("| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d |%n"
                    .formatted(
                            c.name(),
                            c.count(),
                            SegmentBench.median(c.marked()),
                            SegmentBench.percentile(c.marked(), 0.9),
                            SegmentBench.median(c.folded()),
                            SegmentBench.percentile(c.folded(), 0.9),
                            SegmentBench.median(c.summary()),
                            SegmentBench.percentile(c.summary(), 0.9)));
        }
        return """

                #### A day's receipts after the build: marked, then folded

                %,d customers were picked (every n-th id) and those with a receipt got a copy of their latest one,
                dated yesterday (%,d receipt lines; %,d customers marked changed). The five segments counted through the audience index
                while those customers were only marked (each count reads them from the base tables), then after a
                fold. Fold: %,d customers' summary rows rewritten in **%,d ms**, against **%,d ms** for the full rebuild
                (%.0f×); the index's delta (%,d customers) read in **%,d ms**, against %,d ms for reading the whole
                summary (%.0f×). Every count was checked against the plain SQL's count after the receipts arrived: all
                equal. %d timed runs after %d warm-ups each.

                | segment | customers | marked: audience median ms | p90 | folded: audience median ms | p90 | folded: summary median ms | p90 |
                |---|---:|---:|---:|---:|---:|---:|---:|
                %s""".formatted(
                        changed,
                        lines,
                        marked,
                        fold.customers(),
                        foldMillis,
                        rebuildMillis,
                        (double) rebuildMillis / Math.max(1, foldMillis),
                        state.folded(),
                        deltaMillis,
                        wholeReadMillis,
                        (double) wholeReadMillis / Math.max(1, deltaMillis),
                        runs,
                        warmups,
                        rows);
    }
}
