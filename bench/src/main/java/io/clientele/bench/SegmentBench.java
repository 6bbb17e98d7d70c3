package io.clientele.bench;

import io.clientele.insight.ScoreRun;
import io.clientele.insight.ScoreRuns;
import io.clientele.platform.CommandContext;
import io.clientele.segment.Condition;
import io.clientele.segment.ConditionJson;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentContext;
import io.clientele.segment.SegmentOverlaps;
import io.clientele.segment.SegmentQueries;
import io.clientele.segment.audience.SegmentAudience;
import io.clientele.segment.summary.SegmentSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Segment counts (issue 6) over the database the sales-import scenario leaves behind: five-condition segments
 * mixing profile, score and behaviour fields, each counted by the plain SQL of its tree (customers joined to the
 * latest run's scores, receipts read per customer), by the segment summary and by the audience index read from it,
 * timed side by side in one run, and the three counts required to be equal.
 */
final class SegmentBench {
    /** Name and JSON of each segment, as a user would write them. */
    static final Map<String, String> SEGMENTS = new LinkedHashMap<>();

    static {
        SEGMENTS.put("TV buyers in three cities", """
                {"all": [{"field": "city", "op": "in", "values": ["Eastwick", "Middleton", "Harrowgate"]},
                 {"field": "grade", "op": "in", "values": ["A", "B"]},
                 {"field": "bought_category", "op": "has_any", "values": ["TV"], "window": {"lastDays": 365}},
                 {"field": "purchases", "op": "gte", "value": 3, "window": {"lastDays": 365}},
                 {"field": "consent_email", "op": "eq", "value": true}]}""");
        SEGMENTS.put("slipping VIPs aged 30-50", """
                {"all": [{"field": "age", "op": "between", "values": [30, 50]},
                 {"field": "rfm_segment", "op": "in", "values": ["AT_RISK", "CANT_LOSE_THEM", "NEED_ATTENTION"]},
                 {"field": "amount_spent", "op": "gte", "value": 500, "window": {"lastDays": 730}},
                 {"field": "days_since_last_purchase", "op": "gte", "value": 90},
                 {"field": "tag", "op": "has_any", "values": ["vip"]}]}""");
        SEGMENTS.put("Aurelia or laptop buyers, not lost", """
                {"all": [{"any": [
                   {"field": "bought_brand", "op": "has_any", "values": ["Aurelia"], "window": {"lastDays": 180}},
                   {"field": "bought_category", "op": "has_any", "values": ["Laptop", "Tablet"],
                    "window": {"lastDays": 90}}]},
                 {"not": {"field": "rfm_segment", "op": "in", "values": ["LOST", "HIBERNATING"]}},
                 {"field": "income_band", "op": "in", "values": ["UPPER_MIDDLE", "HIGH"]},
                 {"field": "clv", "op": "gte", "value": 200}]}""");
        SEGMENTS.put("women likely gone, big spenders", """
                {"all": [{"field": "gender", "op": "eq", "value": "F"},
                 {"field": "p_alive", "op": "lt", "value": 0.5},
                 {"field": "amount_spent", "op": "gte", "value": 1000},
                 {"field": "bought_brand", "op": "has_any", "values": ["Lumex"], "window": {"lastDays": 365}},
                 {"field": "purchases", "op": "eq", "value": 0, "window": {"lastDays": 180}}]}""");
        SEGMENTS.put("recent buyers, not on the newsletter", """
                {"all": [{"field": "consent_email", "op": "eq", "value": true},
                 {"field": "grade", "op": "in", "values": ["A", "B", "C"]},
                 {"field": "purchases", "op": "gte", "value": 1, "window": {"lastDays": 90}},
                 {"not": {"field": "tag", "op": "has_any", "values": ["newsletter"]}},
                 {"field": "customer_since", "op": "lt", "value": "2026-01-01"}]}""");
    }

    private SegmentBench() {}

    record Timing(
            String name,
            String json,
            long count,
            long[] plain,
            long[] summary,
            long[] audience,
            long[] plainPage,
            long[] page) {}

    record Loaded(long millis, long bytes, long heapBytes) {}

    /** The index-only counts of one segment on the held index and on it repeated, timed side by side. */
    record Sized(String name, long count, long[] held, long[] repeated) {}

    static void run(Options options) throws Exception {
        Path db = options.path("db", "/tmp/clientele-bench/sales-import/db");
        if (!Files.isDirectory(db)) {
            throw new IllegalArgumentException("no database at " + db + ": run ./clientele bench sales-import first");
        }
        int runs = (int) options.number("runs", 20);
        int warmups = (int) options.number("warmups", 3);
        int plainRuns = (int) options.number("plain-runs", 5);
        int repeat = (int) options.number("repeat", 0);
        int changed = (int) options.number("changed", 10_000);
        try (ConfigurableApplicationContext context = CommandContext.start(db)) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String machine = Machine.describe(context.getBean(javax.sql.DataSource.class));
            System.err.println("machine: " + machine);
            FieldRegistry fields = context.getBean(FieldRegistry.class);
            SegmentQueries queries = context.getBean(SegmentQueries.class);
            SegmentSummary summary = context.getBean(SegmentSummary.class);
            SegmentAudience audience = context.getBean(SegmentAudience.class);
            ScoreRun run = context.getBean(ScoreRuns.class)
                    .latestCompleted()
                    .orElseThrow(
                            () -> new IllegalStateException("no completed scoring run: ./clientele bench scoring"));
            plantTags(jdbc);
            String size = size(jdbc);
            System.err.println("data: " + size);

            // rebuilt unless an up-to-date one is there (--refresh yes forces it)
            SegmentSummary.State state = summary.state().orElse(null);
            SegmentSummary.Refresh refresh;
            if (state == null
                    || !Long.valueOf(run.id()).equals(state.runId())
                    || state.dirtyCustomers() > 0
                    || state.stale()
                    || options.values().getOrDefault("refresh", "no").equals("yes")) {
                refresh = summary.refresh(run.id());
                if (!refresh.done()) {
                    throw new IllegalStateException("the summary was not built");
                }
            } else {
                refresh = new SegmentSummary.Refresh(true, state.customers(), state.buildMillis());
            }
            String summarySize = jdbc.sql("select pg_size_pretty(pg_total_relation_size('segment_customer'))")
                    .query(String.class)
                    .single();
            System.err.printf(
                    "summary: %,d customers in %,d ms, %s%n", refresh.customers(), refresh.millis(), summarySize);

            Loaded loaded = load(audience);
            System.err.printf(
                    "audience index: loaded in %,d ms, %,d MB of arrays, %,d MB of heap in use%n",
                    loaded.millis(), loaded.bytes() >> 20, loaded.heapBytes() >> 20);

            LocalDate today = jdbc.sql("select (max(sold_at) at time zone 'UTC')::date + 1 from sale")
                    .query(LocalDate.class)
                    .single();
            SegmentContext at = new SegmentContext(today, queries.context().zone(), run.id());
            List<Timing> timings = new ArrayList<>();
            for (Map.Entry<String, String> segment : SEGMENTS.entrySet()) {
                Condition condition = ConditionJson.parse(segment.getValue(), fields);
                LongSupplier plain = () -> queries.countPlain(condition, at);
                LongSupplier fast = () -> summary.count(condition, at)
                        .orElseThrow(() -> new IllegalStateException("the summary did not answer"));
                if (options.values().getOrDefault("explain", "no").equals("yes")) {
                    summary.explainCount(condition, at).forEach(System.err::println);
                }
                long expected = plain.getAsLong();
                long[] plainMillis = time(plain, expected, Math.max(0, warmups - 1), plainRuns, segment.getKey());
                long[] summaryMillis = time(fast, expected, warmups, runs, segment.getKey());
                LongSupplier index = () -> audience.select(condition, at)
                        .orElseThrow(() -> new IllegalStateException("the audience index did not answer"))
                        .count();
                long[] audienceMillis = time(index, expected, warmups, runs, segment.getKey());
                System.err.printf(
                        "%s: %,d customers; plain median %,d ms, summary median %,d ms, audience median %,d ms%n",
                        segment.getKey(), expected, median(plainMillis), median(summaryMillis), median(audienceMillis));
                long[][] pages =
                        timePages(queries, condition, at, expected, warmups, runs, plainRuns, segment.getKey());
                timings.add(new Timing(
                        segment.getKey(),
                        segment.getValue(),
                        expected,
                        plainMillis,
                        summaryMillis,
                        audienceMillis,
                        pages[0],
                        pages[1]));
            }
            String overlap = overlap(audience, queries, fields, timings, at, warmups, runs);
            String folding = changed <= 0
                    ? ""
                    : SegmentFoldBench.run(
                            jdbc,
                            fields,
                            queries,
                            summary,
                            audience,
                            at,
                            timings,
                            changed,
                            refresh.millis(),
                            loaded.millis(),
                            warmups,
                            runs);
            String sizing = "";
            if (repeat > 1) {
                sizing = sizing(AudienceSizing.of(audience, fields, 1), repeat, fields, timings, today, warmups, runs);
            }
            System.out.println(report(machine, size, summarySize, refresh, loaded, run, today, timings, warmups)
                    + overlap
                    + folding
                    + sizing);
        }
    }

    /**
     * The first page of 50 members by lifetime value with their number, as the builder's list asks for it: by the
     * plain query (its page and its count) and through the audience index; both pages must list the same customers.
     */
    private static long[][] timePages(
            SegmentQueries queries,
            Condition condition,
            SegmentContext at,
            long expected,
            int warmups,
            int runs,
            int plainRuns,
            String name) {
        List<Long> plainIds = queries.membersPlain(condition, at, "clv", 0, 50).items().stream()
                .map(SegmentQueries.Member::id)
                .toList();
        List<Long> ids = queries.members(condition, at, "clv", 0, 50).items().stream()
                .map(SegmentQueries.Member::id)
                .toList();
        if (!plainIds.equals(ids)) {
            throw new IllegalStateException(name + ": the first pages differ: " + plainIds + " and " + ids);
        }
        long[] plain = time(
                () -> queries.membersPlain(condition, at, "clv", 0, 50).total(),
                expected,
                0,
                Math.min(plainRuns, 2),
                name + " plain page");
        long[] page = time(
                () -> queries.members(condition, at, "clv", 0, 50).total(), expected, warmups, runs, name + " page");
        System.err.printf(
                "%s: first page plain median %,d ms, through the index median %,d ms%n",
                name, median(plain), median(page));
        return new long[][] {plain, page};
    }

    /**
     * The overlap matrix of the five segments (ten pairs), as the overlap page computes it for dynamic segments: each
     * segment's ids from the audience index, intersected in memory; against the plain SQL count of each pair's
     * conjunction. The sums of the ten pair counts must agree (and each pair is checked once).
     */
    private static String overlap(
            SegmentAudience audience,
            SegmentQueries queries,
            FieldRegistry fields,
            List<Timing> timings,
            SegmentContext at,
            int warmups,
            int runs) {
        List<Condition> conditions =
                timings.stream().map(t -> ConditionJson.parse(t.json(), fields)).toList();
        LongSupplier inMemory = () -> {
            List<long[]> ids = conditions.stream()
                    .map(c -> audience.select(c, at).orElseThrow().ids())
                    .toList();
            long sum = 0;
            for (int i = 0; i < ids.size(); i++) {
                for (int j = 0; j < i; j++) {
                    sum += SegmentOverlaps.common(ids.get(i), ids.get(j));
                }
            }
            return sum;
        };
        LongSupplier plain = () -> {
            long sum = 0;
            for (int i = 0; i < conditions.size(); i++) {
                for (int j = 0; j < i; j++) {
                    sum += queries.countPlain(new Condition.All(List.of(conditions.get(i), conditions.get(j))), at);
                }
            }
            return sum;
        };
        long expected = plain.getAsLong();
        long[] plainMillis = time(plain, expected, 0, 1, "overlap plain");
        long[] ours = time(inMemory, expected, warmups, runs, "overlap");
        System.err.printf("overlap of the five: plain %,d ms, in memory median %,d ms%n", plainMillis[0], median(ours));
        return """

                #### Overlap of the five segments

                The ten pairwise intersections of the five segments (the overlap page's matrix; the diagonal is the
                counts above): each pair's conjunction counted by the plain SQL (one run, %,d ms for the ten), against
                each segment's ids from the audience index intersected in memory (%d timed runs after %d warm-ups:
                median %,d ms, p90 %,d ms); %.0f×. The sum of the ten pair counts (%,d) agreed in every run.
                """.formatted(
                        plainMillis[0],
                        runs,
                        warmups,
                        median(ours),
                        percentile(ours, 0.9),
                        (double) plainMillis[0] / Math.max(1, median(ours)),
                        expected);
    }

    /** Reads the summary into memory, timing the load and the heap it takes after a collection. */
    private static Loaded load(SegmentAudience audience) {
        Runtime runtime = Runtime.getRuntime();
        long start = System.nanoTime();
        audience.reloadIfChanged();
        long millis = (System.nanoTime() - start) / 1_000_000;
        SegmentAudience.State state =
                audience.state().orElseThrow(() -> new IllegalStateException("the audience index was not loaded"));
        System.gc();
        return new Loaded(millis, state.bytes(), runtime.totalMemory() - runtime.freeMemory());
    }

    /**
     * The five segments on the index repeated {@code times} over (the 10M-customer statement), timed side by side
     * with the same index-only count on the index as loaded; each repeated count must be {@code times} the held one.
     */
    private static String sizing(
            AudienceSizing held,
            int times,
            FieldRegistry fields,
            List<Timing> timings,
            LocalDate today,
            int warmups,
            int runs) {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBefore = runtime.totalMemory() - runtime.freeMemory();
        long start = System.nanoTime();
        AudienceSizing repeated = AudienceSizing.of(held, times);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long heapAfter = runtime.totalMemory() - runtime.freeMemory();
        System.err.printf(
                "repeated index: %,d customers, %,d MB of arrays, built in %,d ms%n",
                repeated.customers(), repeated.bytes() >> 20, buildMillis);
        List<Sized> sized = new ArrayList<>();
        for (Timing t : timings) {
            Condition condition = ConditionJson.parse(t.json(), fields);
            long once = held.count(condition, today);
            long[] heldMillis = time(() -> held.count(condition, today), once, warmups, runs, t.name());
            long[] repeatedMillis =
                    time(() -> repeated.count(condition, today), once * times, warmups, runs, t.name() + " repeated");
            System.err.printf(
                    "%s x%d: %,d customers; held median %,d ms, repeated median %,d ms%n",
                    t.name(), times, once * times, median(heldMillis), median(repeatedMillis));
            sized.add(new Sized(t.name(), once * times, heldMillis, repeatedMillis));
        }
        StringBuilder rows = new StringBuilder();
        for (Sized s : sized) {
            rows.append("| %s | %,d | %,d | %,d | %,d | %,d | %.1f× |%n"
                    .formatted(
                            s.name(),
                            s.count(),
                            median(s.held()),
                            percentile(s.held(), 0.9),
                            median(s.repeated()),
                            percentile(s.repeated(), 0.9),
                            (double) median(s.repeated()) / Math.max(1, median(s.held()))));
        }
        return """

                #### The audience index at %,d customers

                The loaded index repeated %d times (%,d customers, %,d MB of arrays, %,d MB more heap in use; built in
                %,d ms), the five segments selected on it by the index alone (no changed customers to read), side by
                side with the same selection on the index as loaded. Every repeated count was checked to be %d times
                the loaded one: all equal. Growth is repeated ÷ loaded.

                | segment | customers | loaded median ms | loaded p90 ms | repeated median ms | repeated p90 ms | growth |
                |---|---:|---:|---:|---:|---:|---:|
                %s""".formatted(
                        repeated.customers(),
                        times,
                        repeated.customers(),
                        repeated.bytes() >> 20,
                        (heapAfter - heapBefore) >> 20,
                        buildMillis,
                        times,
                        rows);
    }

    /** Counts once per run, checking every count, and returns the milliseconds of the timed runs. */
    static long[] time(LongSupplier count, long expected, int warmups, int runs, String name) {
        long[] millis = new long[runs];
        for (int i = -warmups; i < runs; i++) {
            long start = System.nanoTime();
            long counted = count.getAsLong();
            long took = (System.nanoTime() - start) / 1_000_000;
            if (counted != expected) {
                throw new IllegalStateException(name + ": counted " + counted + ", the plain SQL " + expected);
            }
            if (i >= 0) {
                millis[i] = took;
            }
        }
        return millis;
    }

    /** Tags for the segments that name them (the imported customers have none): vip 5%, newsletter 33%. */
    private static void plantTags(JdbcClient jdbc) {
        long tagged = jdbc.sql("select count(*) from customer_tag where tag in ('vip', 'newsletter')")
                .query(Long.class)
                .single();
        if (tagged == 0) {
            jdbc.sql("""
                            insert into customer_tag (customer_id, tag, added_at, added_by)
                            select id, 'vip', now(), 'bench' from customer where id % 20 = 0
                            union all
                            select id, 'newsletter', now(), 'bench' from customer where id % 3 = 0""").update();
        }
        jdbc.sql("analyze customer_tag").update();
    }

    static long median(long[] millis) {
        return percentile(millis, 0.5);
    }

    static long percentile(long[] millis, double p) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String report(
            String machine,
            String size,
            String summarySize,
            SegmentSummary.Refresh refresh,
            Loaded loaded,
            ScoreRun run,
            LocalDate today,
            List<Timing> timings,
            int warmups) {
        StringBuilder rows = new StringBuilder();
        for (Timing t : timings) {
            rows.append("| %s | %,d | %,d | %,d | %,d | %,d | %.0f× | %,d | %,d | %.0f× |%n"
                    .formatted(
                            t.name(),
                            t.count(),
                            median(t.plain()),
                            percentile(t.plain(), 0.9),
                            median(t.summary()),
                            percentile(t.summary(), 0.9),
                            (double) median(t.plain()) / Math.max(1, median(t.summary())),
                            median(t.audience()),
                            percentile(t.audience(), 0.9),
                            (double) median(t.plain()) / Math.max(1, median(t.audience()))));
        }
        StringBuilder pages = new StringBuilder();
        for (Timing t : timings) {
            pages.append("| %s | %,d | %,d | %,d | %,d | %.0f× |%n"
                    .formatted(
                            t.name(),
                            t.count(),
                            median(t.plainPage()),
                            median(t.page()),
                            percentile(t.page(), 0.9),
                            (double) median(t.plainPage()) / Math.max(1, median(t.page()))));
        }
        StringBuilder json = new StringBuilder();
        for (Timing t : timings) {
            json.append("- ")
                    .append(t.name())
                    .append(": `")
                    .append(t.json().replaceAll("\\s+", " "))
                    .append("`\n");
        }
        Timing first = timings.getFirst();
        return """
                ### Segment count (issue 6)

                %s. Data: %s; scores of run %d; today %s. Summary: %,d customers built in %,d ms, %s.
                Audience index: read from the summary in %,d ms, %,d MB of arrays (%,d MB of heap in use after
                loading). Plain SQL: %d timed runs after %d warm-up; summary and audience index: %d timed runs after
                %d warm-ups each. Every count of the three paths was checked against the plain SQL's first count:
                all equal. Ratios are plain ÷ path.

                | segment | customers | plain median ms | plain p90 ms | summary median ms | summary p90 ms | ratio | audience median ms | audience p90 ms | ratio |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                %s
                The first page of 50 members by lifetime value and their number, as the builder's list shows them:
                the plain query's page and count (%d timed runs) against the page read by id from the audience
                index's answer (%d timed runs after %d warm-ups); both listed the same customers in the same order.

                | segment | customers | plain page median ms | index page median ms | index page p90 ms | ratio |
                |---|---:|---:|---:|---:|---:|
                %s
                %s""".formatted(
                        machine,
                        size,
                        run.id(),
                        today,
                        refresh.customers(),
                        refresh.millis(),
                        summarySize,
                        loaded.millis(),
                        loaded.bytes() >> 20,
                        loaded.heapBytes() >> 20,
                        first.plain().length,
                        Math.max(0, warmups - 1),
                        first.summary().length,
                        warmups,
                        rows,
                        first.plainPage().length,
                        first.page().length,
                        warmups,
                        pages,
                        json);
    }

    private static String size(JdbcClient jdbc) {
        Map<String, Object> row = jdbc.sql("""
                        select (select count(*) from customer) as customers, (select count(*) from sale) as receipts,
                               (select reltuples::bigint from pg_class where relname = 'sale_line') as lines""").query().singleRow();
        return "%,d customers, %,d receipts, about %,d receipt lines"
                .formatted(
                        ((Number) row.get("customers")).longValue(),
                        ((Number) row.get("receipts")).longValue(),
                        ((Number) row.get("lines")).longValue());
    }

    static {
        // the bench's today and the summary's days are in UTC, as the data was generated
        if (!java.util.TimeZone.getDefault().toZoneId().normalized().equals(ZoneOffset.UTC)) {
            System.err.println(
                    "note: the JVM's zone is " + java.util.TimeZone.getDefault().getID());
        }
    }
}
