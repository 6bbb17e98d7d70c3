package io.clientele.merchandising;

import io.clientele.analytics.basket.AssociationRule;
import io.clientele.analytics.basket.AssociationRules;
import io.clientele.analytics.basket.BasketException;
import io.clientele.analytics.basket.Baskets;
import io.clientele.analytics.basket.FpGrowth;
import io.clientele.analytics.basket.FrequentItemsets;
import io.clientele.platform.csv.AnalystCsv;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./clientele basket}: association rules from any transactions file (one row per transaction and item),
 * without a database. The rules as CSV on stdout, strongest first, then a one-line JSON summary; progress on
 * stderr; bad input ends with one line on stderr and exit code 1. Defaults are arules' (support 0.1, confidence
 * 0.8, length 10), so the same file gives the same rules there.
 */
@Command(
        name = "basket",
        mixinStandardHelpOptions = true,
        description = "Market-basket association rules (FP-Growth) from a CSV file: no database needed.")
public final class BasketCommand implements Callable<Integer> {
    /** Exit code for bad input (a missing column, an empty id or item, a threshold out of range). */
    public static final int EXIT_BAD_INPUT = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--transactions", required = true, description = "CSV file: one row per transaction and item.")
    Path transactions = Path.of("");

    @Option(names = "--id-column", required = true, description = "The transaction id column.")
    String idColumn = "";

    @Option(names = "--item-column", required = true, description = "The item column.")
    String itemColumn = "";

    @Option(
            names = "--min-support",
            defaultValue = "0.1",
            description = "Above 0, at most 1 (default ${DEFAULT-VALUE}).")
    double minSupport = 0.1;

    @Option(names = "--min-confidence", defaultValue = "0.8", description = "From 0 to 1 (default ${DEFAULT-VALUE}).")
    double minConfidence = 0.8;

    @Option(
            names = "--max-length",
            defaultValue = "10",
            description = "Most items in a rule, both sides (default ${DEFAULT-VALUE}).")
    int maxLength = 10;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        try {
            long started = System.nanoTime();
            check();
            Items items = read(err);
            FrequentItemsets itemsets = FpGrowth.mine(items.baskets(), minSupport, maxLength);
            List<AssociationRule> rules = AssociationRules.of(itemsets, minConfidence);
            err.printf("%,d frequent itemsets, %,d rules%n", itemsets.size(), rules.size());
            err.flush();
            write(rules, items.names(), out);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("transactions", items.baskets().transactions());
            summary.put("items", items.names().size());
            summary.put("distinctBaskets", items.baskets().distinctBaskets());
            summary.put("minSupport", minSupport);
            summary.put("minConfidence", minConfidence);
            summary.put("maxLength", maxLength);
            summary.put("frequentItemsets", itemsets.size());
            summary.put("rules", rules.size());
            summary.put("seconds", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
            out.println(JsonMapper.builder().build().writeValueAsString(summary));
            out.flush();
            return 0;
        } catch (AnalystCsv.BadFile | BasketException e) {
            err.println("clientele basket: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
    }

    /** The thresholds named as the user typed them, before a file is read. */
    private void check() {
        if (!(minSupport > 0 && minSupport <= 1)) {
            throw new BasketException("--min-support must be above 0 and at most 1, not " + minSupport);
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new BasketException("--min-confidence must be between 0 and 1, not " + minConfidence);
        }
        if (maxLength < 2) {
            throw new BasketException("--max-length must be 2 or more (a rule has two sides), not " + maxLength);
        }
    }

    /**
     * Reads the file once as if the rows of each transaction were together (an export ordered by receipt): a
     * transaction's items are folded into its basket as its rows pass, and no id is kept but a 64-bit hash of each
     * finished one. When an id comes back after its rows ended (or two ids share a hash), the file is read again with
     * every id held until the end, so any order gives the same baskets.
     */
    private Items read(PrintWriter err) {
        Items grouped = readGrouped();
        Items items = grouped != null ? grouped : readAnyOrder();
        err.printf(
                "%,d rows: %,d transactions of %,d items%n",
                items.rows(), items.baskets().transactions(), items.names().size());
        err.flush();
        return items;
    }

    private record Items(Baskets baskets, List<String> names, long rows) {}

    /** Receives each row's transaction id and item code; false stops the reading. */
    @FunctionalInterface
    private interface Rows {
        boolean accept(String id, int item);
    }

    /** Reads every row, checked, with the items coded in the order first seen; false when {@code rows} stopped. */
    private boolean scan(List<String> names, Rows rows) {
        Map<String, Integer> codes = new HashMap<>();
        try (AnalystCsv csv = AnalystCsv.open(transactions)) {
            int id = csv.column(idColumn);
            int item = csv.column(itemColumn);
            for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                String key = fields.get(id).trim();
                String name = fields.get(item).trim();
                if (key.isEmpty()) {
                    throw new AnalystCsv.BadFile("line " + csv.lineNumber() + ": the id in column " + idColumn
                            + " is empty; every row needs its transaction's id");
                }
                if (name.isEmpty()) {
                    throw new AnalystCsv.BadFile(
                            "line " + csv.lineNumber() + ": the item in column " + itemColumn + " is empty");
                }
                int code = codes.computeIfAbsent(name, n -> {
                    names.add(n);
                    return names.size() - 1;
                });
                if (!rows.accept(key, code)) {
                    return false;
                }
            }
        }
        return true;
    }

    private @Nullable Items readGrouped() {
        List<String> names = new ArrayList<>();
        Map<BitSet, long[]> distinct = new HashMap<>();
        LongHashSet finished = new LongHashSet();
        long[] rows = {0};
        String[] current = {null};
        BitSet[] basket = {new BitSet()};
        boolean grouped = scan(names, (id, item) -> {
            if (!id.equals(current[0])) {
                if (current[0] != null) {
                    distinct.computeIfAbsent(basket[0], b -> new long[1])[0]++;
                    finished.add(hash64(current[0]));
                    basket[0] = new BitSet();
                }
                if (finished.contains(hash64(id))) {
                    return false;
                }
                current[0] = id;
            }
            basket[0].set(item);
            rows[0]++;
            return true;
        });
        if (!grouped) {
            return null;
        }
        if (current[0] == null) throw new AnalystCsv.BadFile(transactions + " has no transactions");
        distinct.computeIfAbsent(basket[0], b -> new long[1])[0]++;
        Baskets.Builder builder = Baskets.builder(names.size());
        distinct.forEach((items, count) -> builder.add(items.stream().toArray(), count[0]));
        return new Items(builder.build(), names, rows[0]);
    }

    private Items readAnyOrder() {
        List<String> names = new ArrayList<>();
        Map<String, List<Integer>> byId = new LinkedHashMap<>();
        long[] rows = {0};
        scan(names, (id, item) -> {
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(item);
            rows[0]++;
            return true;
        });
        if (byId.isEmpty()) throw new AnalystCsv.BadFile(transactions + " has no transactions");
        Baskets.Builder builder = Baskets.builder(names.size());
        for (List<Integer> basket : byId.values()) {
            builder.add(basket.stream().mapToInt(Integer::intValue).toArray());
        }
        return new Items(builder.build(), names, rows[0]);
    }

    /** A 64-bit hash of an id (FNV-1a over its chars, then a mix), so that 15M ids almost never share one. */
    static long hash64(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }

    /** An open-addressing set of longs (no boxing: tens of millions of finished ids fit in a few hundred MB). */
    static final class LongHashSet {
        private long[] slots = new long[1 << 16];
        private boolean hasZero;
        private int size;

        boolean contains(long value) {
            if (value == 0) return hasZero;
            int mask = slots.length - 1;
            for (int i = (int) value & mask; ; i = (i + 1) & mask) {
                if (slots[i] == value) return true;
                if (slots[i] == 0) return false;
            }
        }

        void add(long value) {
            if (value == 0) {
                hasZero = true;
                return;
            }
            if (size * 2 >= slots.length) grow();
            if (insert(slots, value)) size++;
        }

        private static boolean insert(long[] table, long value) {
            int mask = table.length - 1;
            for (int i = (int) value & mask; ; i = (i + 1) & mask) {
                if (table[i] == value) return false;
                if (table[i] == 0) {
                    table[i] = value;
                    return true;
                }
            }
        }

        private void grow() {
            long[] bigger = new long[slots.length * 2];
            for (long v : slots) {
                if (v != 0) insert(bigger, v);
            }
            slots = bigger;
        }
    }

    /** Item sets written as arules labels them, {a,b} in name order; conviction of a rule that always holds as pandas writes it. */
    private static void write(List<AssociationRule> rules, List<String> names, PrintWriter out) {
        try {
            CsvWriter csv = new CsvWriter(out, CsvWriteOptions.rfc4180().withLineEnd(CsvWriteOptions.LineEnd.LF));
            csv.writeRow(
                    "antecedents",
                    "consequents",
                    "antecedent_support",
                    "consequent_support",
                    "support",
                    "confidence",
                    "lift",
                    "conviction",
                    "count");
            for (AssociationRule r : rules) {
                csv.text(label(r.antecedent(), names))
                        .text(label(r.consequent(), names))
                        .text(number(r.antecedentSupport()))
                        .text(number(r.consequentSupport()))
                        .text(number(r.support()))
                        .text(number(r.confidence()))
                        .text(number(r.lift()))
                        .text(number(r.conviction()))
                        .integer(r.count())
                        .endRow();
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String label(int[] items, List<String> names) {
        return Arrays.stream(items).mapToObj(names::get).sorted().collect(Collectors.joining(",", "{", "}"));
    }

    private static String number(double value) {
        return Double.isInfinite(value) ? "inf" : Double.toString(value);
    }
}
