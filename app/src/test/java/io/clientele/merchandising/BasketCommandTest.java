package io.clientele.merchandising;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BasketCommandTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonNode summary() {
            return JsonMapper.builder().build().readTree(out.lines().toList().getLast());
        }

        List<String> csv() {
            List<String> lines = out.lines().toList();
            return lines.subList(0, lines.size() - 1);
        }
    }

    static Run run(String... args) {
        var commandLine = Clientele.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "basket";
        System.arraycopy(args, 0, full, 1, args.length);
        return new Run(commandLine.execute(full), out.toString(), err.toString());
    }

    /** mlxtend's five-basket example, one row per receipt and item, rows of a receipt not together. */
    private Path textbook() throws IOException {
        String[][] baskets = {
            {"Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
            {"Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"},
            {"Milk", "Apple", "Kidney Beans", "Eggs"},
            {"Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"},
            {"Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"}
        };
        StringBuilder s = new StringBuilder("receipt,product,qty\n");
        for (int position = 0; position < 6; position++) {
            for (int r = 0; r < baskets.length; r++) {
                if (position < baskets[r].length)
                    s.append("R")
                            .append(r)
                            .append(',')
                            .append(baskets[r][position])
                            .append(",1\n");
            }
        }
        return Files.writeString(dir.resolve("lines.csv"), s);
    }

    @Test
    void printsTheRulesAsCsvAndASummary() throws IOException {
        Run run = run(
                "--transactions",
                textbook().toString(),
                "--id-column",
                "receipt",
                "--item-column",
                "product",
                "--min-support",
                "0.6",
                "--min-confidence",
                "0.7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> csv = run.csv();
        assertThat(csv.getFirst())
                .isEqualTo("antecedents,consequents,antecedent_support,consequent_support,support,confidence,lift,"
                        + "conviction,count");
        assertThat(csv).hasSize(13);
        assertThat(csv).contains("{Onion},{Eggs},0.6,0.8,0.6,1.0,1.25,inf,3");
        assertThat(csv).contains("{Eggs},{Onion},0.8,0.6,0.6,0.75,1.25,1.6,3");
        assertThat(csv).contains("\"{Eggs,Onion}\",{Kidney Beans},0.6,1.0,0.6,1.0,1.0,inf,3");
        JsonNode summary = run.summary();
        assertThat(summary.get("transactions").asLong()).isEqualTo(5);
        assertThat(summary.get("items").asInt()).isEqualTo(11);
        assertThat(summary.get("frequentItemsets").asInt()).isEqualTo(11);
        assertThat(summary.get("rules").asInt()).isEqualTo(12);
        assertThat(run.err()).contains("5 transactions of 11 items");
    }

    @Test
    void aFileWhoseReceiptsAreTogetherGivesTheSameRulesAsOneWhoseRowsAreMixed() throws IOException {
        // the textbook's rows are mixed (read with every id held); sorted by receipt they are folded as they pass
        Path mixed = textbook();
        List<String> rows = Files.readAllLines(mixed);
        List<String> sorted = new java.util.ArrayList<>(rows.subList(1, rows.size()));
        sorted.sort(java.util.Comparator.comparing(r -> r.substring(0, r.indexOf(','))));
        sorted.addFirst(rows.getFirst());
        Path together = Files.write(dir.resolve("together.csv"), sorted);
        String[] options = {"--id-column", "receipt", "--item-column", "product", "--min-support", "0.4"};
        Run fromMixed = run(concat(mixed, options));
        Run fromTogether = run(concat(together, options));

        assertThat(fromTogether.exitCode()).as(fromTogether.err()).isZero();
        // the same rules; ties in strength may list in another order, as the items are coded in the order first seen
        assertThat(fromTogether.csv()).hasSizeGreaterThan(10).containsExactlyInAnyOrderElementsOf(fromMixed.csv());
        assertThat(fromTogether.summary().get("transactions").asLong()).isEqualTo(5);
        assertThat(fromTogether.summary().get("distinctBaskets").asInt()).isEqualTo(5);
        assertThat(fromTogether.err()).contains("27 rows: 5 transactions of 11 items");
    }

    private static String[] concat(Path file, String[] options) {
        String[] all = new String[options.length + 2];
        all[0] = "--transactions";
        all[1] = file.toString();
        System.arraycopy(options, 0, all, 2, options.length);
        return all;
    }

    @Test
    void aSixtyFourBitSetOfFinishedIdsSeesEachIdOnce() {
        BasketCommand.LongHashSet set = new BasketCommand.LongHashSet();
        for (int i = 0; i < 200_000; i++) {
            set.add(BasketCommand.hash64("R" + i));
        }
        set.add(0);
        assertThat(set.contains(BasketCommand.hash64("R199999"))).isTrue();
        assertThat(set.contains(BasketCommand.hash64("R200000"))).isFalse();
        assertThat(set.contains(0)).isTrue();
    }

    @Test
    void saysWhatIsWrongWithTheInput() throws IOException {
        String file = textbook().toString();
        assertThat(run(
                        "--transactions",
                        file,
                        "--id-column",
                        "receipt",
                        "--item-column",
                        "product",
                        "--min-support",
                        "0"))
                .satisfies(r -> {
                    assertThat(r.exitCode()).isEqualTo(BasketCommand.EXIT_BAD_INPUT);
                    assertThat(r.err()).contains("--min-support must be above 0 and at most 1, not 0.0");
                    assertThat(r.out()).isEmpty();
                });
        assertThat(run(
                                "--transactions",
                                file,
                                "--id-column",
                                "receipt",
                                "--item-column",
                                "product",
                                "--min-support",
                                "1.5")
                        .err())
                .contains("--min-support must be above 0 and at most 1, not 1.5");
        assertThat(run("--transactions", file, "--id-column", "order", "--item-column", "product")
                        .err())
                .contains("column order is not in")
                .contains("its columns are receipt, product, qty");

        Path emptyId = Files.writeString(dir.resolve("empty-id.csv"), "receipt,product\nR1,Milk\n,Eggs\n");
        Run run = run("--transactions", emptyId.toString(), "--id-column", "receipt", "--item-column", "product");
        assertThat(run.exitCode()).isEqualTo(BasketCommand.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("line 3: the id in column receipt is empty");

        Path emptyItem = Files.writeString(dir.resolve("empty-item.csv"), "receipt,product\nR1,Milk\nR1, \n");
        assertThat(run("--transactions", emptyItem.toString(), "--id-column", "receipt", "--item-column", "product")
                        .err())
                .contains("line 3: the item in column product is empty");

        Path headerOnly = Files.writeString(dir.resolve("none.csv"), "receipt,product\n");
        assertThat(run("--transactions", headerOnly.toString(), "--id-column", "receipt", "--item-column", "product")
                        .err())
                .contains("has no transactions");
        assertThat(run(
                                "--transactions",
                                dir.resolve("missing.csv").toString(),
                                "--id-column",
                                "a",
                                "--item-column",
                                "b")
                        .err())
                .contains("no such file");
    }
}
