package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.Clientele;
import io.clientele.analytics.random.Sampler;
import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ClvCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            List<String> lines = out.lines().toList();
            return JSON.readTree(lines.getLast());
        }
    }

    static Run run(String... args) {
        CommandLine commandLine = Clientele.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 2];
        full[0] = "clv";
        full[1] = "fit";
        System.arraycopy(args, 0, full, 2, args.length);
        int code = commandLine.execute(full);
        return new Run(code, out.toString(), err.toString());
    }

    /** 3,000 BG/NBD-like customers over 2025, one row per purchase, some days with two rows. */
    private Path transactionLog() throws IOException {
        Path file = dir.resolve("tx.csv");
        Sampler random = new Sampler(5);
        LocalDate start = LocalDate.of(2025, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("order,customer id,when,total\n");
            int order = 0;
            for (int c = 0; c < 3_000; c++) {
                double joined = 200 * random.uniform();
                double lambda = random.gamma(1.2, 40);
                double end = joined + random.exponential(random.gamma(1, 300));
                for (double t = joined; t < Math.min(end, 365); t += random.exponential(lambda)) {
                    double amount = random.gamma(4, random.gamma(3, 125) / 1);
                    w.write("%d,\"C%04d\",%s,%.2f%n".formatted(order++, c, start.plusDays((long) t), amount));
                    if (random.bernoulli(0.1)) { // a second row on the same day
                        w.write("%d,\"C%04d\",%sT18:00:00Z,1.00%n".formatted(order++, c, start.plusDays((long) t)));
                    }
                }
            }
        }
        return file;
    }

    @Test
    void fitsATransactionLogWithHoldoutFigures() throws IOException {
        Path log = transactionLog();
        for (String model : List.of("bgnbd", "paretonbd")) {
            Run run = run(
                    "--transactions",
                    log.toString(),
                    "--customer-column",
                    "customer id",
                    "--date-column",
                    "when",
                    "--amount-column",
                    "total",
                    "--calibration-end",
                    "2025-09-30",
                    "--model",
                    model);
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode json = run.json();
            assertThat(json.get("model").asString()).isEqualTo(model);
            assertThat(json.get("customers").asLong()).isGreaterThan(2_500);
            json.get("parameters")
                    .properties()
                    .forEach(p -> assertThat(p.getValue().asDouble())
                            .as(p.getKey())
                            .isPositive()
                            .isFinite());
            assertThat(json.get("parameters").size()).isEqualTo(4);
            assertThat(json.get("logLikelihood").asDouble()).isNegative();
            assertThat(json.get("gammaGamma").get("q").asDouble()).isPositive().isFinite();
            JsonNode holdout = json.get("holdout");
            assertThat(holdout.get("periods").asInt()).isEqualTo(92); // 2025-10-01 to 2025-12-31
            assertThat(holdout.get("byFrequency").get(0).get("frequency").asString())
                    .isEqualTo("0");
            assertThat(holdout.get("cumulative").size())
                    .isEqualTo(holdout.get("periods").asInt());
            double relative = holdout.get("errors").get("relativeErrorOfTotal").asDouble();
            assertThat(relative).isBetween(-0.25, 0.25);
            assertThat(holdout.get("errors").get("rmse").asDouble()).isFinite().isPositive();
        }
    }

    @Test
    void fitsASummaryFile() throws IOException {
        Path file = dir.resolve("summary.csv");
        Sampler random = new Sampler(9);
        StringBuilder csv = new StringBuilder("id,frequency,recency,T,monetary_value\n");
        for (int i = 0; i < 2_000; i++) {
            // BG/NBD's story in weeks: Poisson purchases, a dropout chance after each
            double age = 30 + random.uniformInt(40);
            double lambda = random.gamma(0.8, 5);
            double dropout = random.uniform() * 0.5;
            int x = 0;
            double tx = 0;
            for (double t = random.exponential(lambda); t <= age; t += random.exponential(lambda)) {
                x++;
                tx = Math.ceil(t);
                if (random.bernoulli(dropout)) break;
            }
            csv.append("%d,%d,%.0f,%.0f,%.2f%n"
                    .formatted(i, x, Math.min(tx, age), age, x == 0 ? 0 : random.gamma(4, 0.04)));
        }
        Files.writeString(file, csv);
        Run run = run("--summary", file.toString(), "--period", "week");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("customers").asInt()).isEqualTo(2_000);
        assertThat(json.get("parameters").get("alpha").asDouble()).isPositive();
        assertThat(json.has("gammaGamma")).isTrue();
        assertThat(json.has("holdout")).isFalse();
    }

    @Test
    void readsDatesInTheGivenFormat() throws IOException {
        Path log = dir.resolve("dmy.csv");
        StringBuilder csv = new StringBuilder("who;x,day\n");
        Sampler random = new Sampler(3);
        for (int c = 0; c < 400; c++) {
            int visits = 1 + random.poisson(2);
            for (int v = 0; v < visits; v++) {
                LocalDate day = LocalDate.of(2025, 1, 1).plusDays(random.uniformInt(300));
                csv.append(
                        "\"k%d\",%02d/%02d/%d%n".formatted(c, day.getDayOfMonth(), day.getMonthValue(), day.getYear()));
            }
        }
        Files.writeString(log, csv);
        Run run = run(
                "--transactions",
                log.toString(),
                "--customer-column",
                "who;x",
                "--date-column",
                "day",
                "--date-format",
                "dd/MM/yyyy",
                "--period",
                "week",
                "--model",
                "paretonbd");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().get("period").asString()).isEqualTo("week");
        assertThat(run.json().get("customers").asInt()).isEqualTo(400);
        assertThat(run.json().has("gammaGamma")).isFalse();
    }

    @Test
    void badInputEndsWithOneLineAndExitCode1() throws IOException {
        Path log = dir.resolve("bad.csv");
        Files.writeString(log, "customer,date\nA,2025-01-01\nA,2025-02-01\nB,01/03/2025\n");
        Run missing = run("--transactions", log.toString(), "--customer-column", "client", "--date-column", "date");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().strip())
                .contains("column client is not in")
                .contains("customer, date")
                .doesNotContain("\n");
        assertThat(missing.out()).isEmpty();

        Run badDate = run("--transactions", log.toString(), "--customer-column", "customer", "--date-column", "date");
        assertThat(badDate.exitCode()).isEqualTo(1);
        assertThat(badDate.err()).contains("line 4").contains("'01/03/2025'").contains("column date");

        Files.writeString(log, "customer,date\nA,2025-01-01\nB,2025-02-01\nC,2025-03-01\n");
        Run oneTimers = run("--transactions", log.toString(), "--customer-column", "customer", "--date-column", "date");
        assertThat(oneTimers.exitCode()).isEqualTo(1);
        assertThat(oneTimers
                        .err()
                        .lines()
                        .filter(l -> l.startsWith("clientele clv fit:"))
                        .toList())
                .singleElement()
                .asString()
                .contains("one-time buyers");

        Run neither = run("--model", "bgnbd");
        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(neither.err()).contains("--transactions FILE or --summary FILE");

        Files.writeString(log, "frequency,recency,T\n1,2,3\nx,2,3\n");
        Run notANumber = run("--summary", log.toString());
        assertThat(notANumber.exitCode()).isEqualTo(1);
        assertThat(notANumber.err()).contains("line 3: cannot read the number 'x' in column frequency");

        Run noFile = run("--summary", dir.resolve("nope.csv").toString());
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err()).contains("no such file");
    }

    @Test
    void anUnnamedColumnIsFineAndLinesCountQuotedLineBreaks() throws IOException {
        // pandas writes its unnamed index column with a blank name
        Path summary = dir.resolve("pandas.csv");
        Files.writeString(summary, ",frequency,recency,T\n\"a, \"\"b\"\"\",1,2,3\n\"two\nlines\",1,2,3\nc,x,2,3\n");
        Run run = run("--summary", summary.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("line 5: cannot read the number 'x' in column frequency");
    }

    @Test
    void brokenQuotingAndEmptyFilesAreBadInput() throws IOException {
        Path summary = dir.resolve("broken.csv");
        Files.writeString(summary, "frequency,recency,T\n1,2,3\n\"1,2,3\n");
        Run broken = run("--summary", summary.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains("line 3 of " + summary + ": unterminated quoted field");

        Files.writeString(summary, "\uFEFF\n\n");
        Run empty = run("--summary", summary.toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains(summary + " is empty");
    }

    @Test
    void recoversThePlantedParetoNbdParametersFromTheDemoData() throws IOException {
        LocalDate asOf = LocalDate.of(2026, 3, 31);
        Path demo = dir.resolve("demo");
        new DemoDataGenerator().writeCsv(demo, new DemoSpec(20_000, 42L, asOf), (done, total) -> {});
        // regular card holders (the planted Pareto/NBD group, (37 n) mod 100 >= 21) who joined inside the window, so
        // their whole history is in the data
        LocalDate windowStart = asOf.minusYears(2).plusDays(1);
        Set<String> cards = new HashSet<>();
        try (CsvReader csv = CsvReader.open(demo.resolve("customers.csv"), CsvReadOptions.defaults())) {
            List<String> header = csv.header();
            int id = header.indexOf("external_id"),
                    card = header.indexOf("card_number"),
                    created = header.indexOf("created_at");
            while (csv.next()) {
                List<String> f = csv.record().toList();
                long n = Long.parseLong(f.get(id).substring(1));
                if ((37 * n) % 100 >= 21
                        && !LocalDate.parse(f.get(created).substring(0, 10)).isBefore(windowStart)) {
                    cards.add(f.get(card));
                }
            }
        }
        Path log = dir.resolve("regulars.csv");
        try (CsvReader csv = CsvReader.open(demo.resolve("sales.csv"), CsvReadOptions.defaults());
                BufferedWriter out = Files.newBufferedWriter(log)) {
            List<String> h = csv.header();
            int kind = h.indexOf("kind"), soldAt = h.indexOf("sold_at"), card = h.indexOf("card_number");
            int quantity = h.indexOf("quantity"), price = h.indexOf("unit_price"), discount = h.indexOf("discount");
            out.write("card,sold_at,amount\n");
            while (csv.next()) {
                List<String> f = csv.record().toList();
                if (!f.get(kind).equals("SALE") || !cards.contains(f.get(card))) continue;
                BigDecimal amount = new BigDecimal(f.get(price))
                        .multiply(new BigDecimal(f.get(quantity)))
                        .subtract(new BigDecimal(f.get(discount)));
                out.write(f.get(card) + "," + f.get(soldAt) + "," + amount + "\n");
            }
        }
        Run run = run(
                "--transactions",
                log.toString(),
                "--customer-column",
                "card",
                "--date-column",
                "sold_at",
                "--amount-column",
                "amount",
                "--model",
                "paretonbd",
                "--period",
                "day");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode p = run.json().get("parameters");
        // Measured (20,000 card holders, seed 42, 10,374 regulars who joined in the window): r 0.88, alpha 55.8,
        // s 0.55, beta 318; planted r 0.9, alpha 60, s 0.8, beta 500. The purchase side (r, alpha) comes back within
        // 10%. s and beta are weakly identified one by one from at most two years of history (their likelihood has
        // a long ridge along a constant s/beta, the mean dropout rate), and the refill visits of coffee-machine and
        // printer owners are extra, regular purchases outside the model that make customers look alive for longer.
        // So: r and alpha within 15%, the mean dropout rate s/beta within 15% (measured 0.00171, planted 0.0016),
        // s and beta each within 50%.
        assertThat(p.get("r").asDouble()).isCloseTo(0.9, within(0.9 * 0.15));
        assertThat(p.get("alpha").asDouble()).isCloseTo(60, within(60 * 0.15));
        double meanDropout = p.get("s").asDouble() / p.get("beta").asDouble();
        assertThat(meanDropout).isCloseTo(0.8 / 500, within(0.8 / 500 * 0.15));
        assertThat(p.get("s").asDouble()).isCloseTo(0.8, within(0.8 * 0.5));
        assertThat(p.get("beta").asDouble()).isCloseTo(500, within(500 * 0.5));
        assertThat(run.json().get("gammaGamma").get("populationMeanSpend").asDouble())
                .isFinite()
                .isPositive();
    }
}
