package io.clientele.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.platform.db.Database;
import io.clientele.platform.db.DatabaseSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Crash drill: {@code ./clientele import sales} of a 1,000,000-line file (the demo generator's, cut at a receipt
 * boundary) killed with its embedded PostgreSQL by SIGKILL at random (seeded) moments, run again on the same data
 * directory each time until it completes. After every kill the database is started from the outside (crash
 * recovery) and the import's checkpoint must agree with what is stored: every receipt line committed with its
 * chunk, none without. At the end every line of the file is stored exactly once: the same count of lines and
 * receipts, the same total amount and quantity as the file, no reject.
 *
 * <p>Chunks commit asynchronously ({@code SET LOCAL synchronous_commit = off} in the import runner): a kill may take
 * back the last chunks that the command had already reported as imported; the report counts the lines so taken back
 * and then imported again.
 *
 * <p>{@code -Ddrill.import.kills} (default 10), {@code -Ddrill.seed}, {@code -Ddrill.durability=fast},
 * {@code -Ddrill.import.lines} (default 1,000,000; fewer to try the drill out).
 */
class ImportDrillTest {
    private static final int MAX_LINES = Integer.getInteger("drill.import.lines", 1_000_000);
    // the generator writes about 10.85 lines per card holder: enough of them for MAX_LINES, and a little more
    private static final int GENERATED_CUSTOMERS = (int) (MAX_LINES * 95L / 1_000);
    private static final int KNOWN_CUSTOMERS = 20_000;
    private static final int CHUNK_ROWS = 10_000;
    private static final Path WORK = Path.of("target/drills/import");
    private static final Path FILES = Path.of("target/drills/import-files");
    private static final Pattern READ = Pattern.compile("read ([0-9,]+)");

    /** What the file holds, computed from its text alone. */
    record Expected(long lines, long receipts, BigDecimal amount, long quantity) {}

    /** What the database holds. */
    record Stored(
            String status,
            long read,
            long imported,
            long rejected,
            long lines,
            long receipts,
            BigDecimal amount,
            long quantity,
            long rejectRows) {}

    @Test
    void aKilledImportResumesToEveryLineExactlyOnce() throws Exception {
        int kills = Integer.getInteger("drill.import.kills", 10);
        long seed = Long.getLong("drill.seed", 20261207L) + 1;
        String durability = System.getProperty("drill.durability", "durable");
        Random random = new Random(seed);
        Path sales = prepareFiles();
        Expected expected = expected(sales);
        SendDrillTest.deleteTree(WORK);
        Path data = WORK.resolve("data");

        DrillReport report = new DrillReport("import-" + durability);
        report.line("### Import drill (%s)", durability)
                .line("")
                .line(
                        "%s. Seed %d, %d kills; `import sales` of %,d lines (%,d receipts, %,d MB; the first %,d of"
                                + " %,d generated card holders imported as customers), chunks of %,d lines.",
                        DrillReport.machine(),
                        seed,
                        kills,
                        expected.lines(),
                        expected.receipts(),
                        Files.size(sales) >> 20,
                        KNOWN_CUSTOMERS,
                        GENERATED_CUSTOMERS,
                        CHUNK_ROWS)
                .line("")
                .line("| kill | killed after | lines reported imported at the kill | lines stored after restart"
                        + " (= checkpoint) | taken back | processes killed |")
                .line("|---:|---:|---:|---:|---:|---:|");

        for (String kind : List.of("stores", "products", "customers")) {
            AppProcess setup = importer(kind, FILES.resolve(kind + ".csv"), durability, "setup-" + kind);
            assertThat(setup.waitForExit(600)).as(setup.tail()).isZero();
        }

        long takenBack = 0;
        int done = 0;
        for (int kill = 1; kill <= kills; kill++) {
            AppProcess run = importer("sales", sales, durability, "sales-" + kill);
            int earlier = progressLines(run);
            run.await("a chunk imported by this run", 600, () -> progressLines(run) > earlier);
            long delay = random.nextInt(2_000);
            Thread.sleep(delay);
            if (!run.alive()) {
                // finished before its kill: the file is too small for so many kills
                throw new AssertionError("the import ended before kill " + kill + "\n" + run.tail());
            }
            int killed = run.crash();
            long reported = lastReported(run);
            Stored stored = inspect(data);
            assertThat(stored.rejected()).as("rejects after kill %d", kill).isZero();
            assertThat(stored.lines())
                    .as("lines stored after kill %d: exactly those of the committed chunks", kill)
                    .isEqualTo(stored.imported())
                    .isEqualTo(stored.read());
            assertThat(stored.status()).isIn("RUNNING", "FAILED");
            long back = Math.max(0, reported - stored.read());
            takenBack += back;
            report.line("| %d | %,d ms | %,d | %,d | %,d | %d |", kill, delay, reported, stored.read(), back, killed);
            report.save();
            done = kill;
        }

        AppProcess last = importer("sales", sales, durability, "sales-last");
        assertThat(last.waitForExit(1_800)).as(last.tail()).isZero();
        String[] out = last.stdout().strip().split("\n");
        String summary = out[out.length - 1];
        Stored stored = inspect(data);

        report.line("")
                .line(
                        "Kills %d. After the last run (`%s`): %,d lines and %,d receipts stored of %,d and %,d in"
                                + " the file; amount %s of %s; quantity %,d of %,d; rejects %d; status %s. Lines"
                                + " reported imported, then taken back by a kill and imported again: %,d.",
                        done,
                        summary,
                        stored.lines(),
                        stored.receipts(),
                        expected.lines(),
                        expected.receipts(),
                        stored.amount().toPlainString(),
                        expected.amount().toPlainString(),
                        stored.quantity(),
                        expected.quantity(),
                        stored.rejectRows(),
                        stored.status(),
                        takenBack);
        report.save();
        report.print();

        assertThat(stored.status()).isEqualTo("COMPLETED");
        assertThat(stored.lines()).as("lines stored").isEqualTo(expected.lines());
        assertThat(stored.read()).as("lines read").isEqualTo(expected.lines());
        assertThat(stored.receipts()).as("receipts stored").isEqualTo(expected.receipts());
        assertThat(stored.amount()).as("total amount").isEqualByComparingTo(expected.amount());
        assertThat(stored.quantity()).as("total quantity").isEqualTo(expected.quantity());
        assertThat(stored.rejected()).as("rejected").isZero();
        assertThat(stored.rejectRows()).as("reject rows").isZero();
    }

    private static AppProcess importer(String kind, Path file, String durability, String name) throws IOException {
        return AppProcess.start(
                name,
                WORK.resolve("data"),
                WORK.resolve("logs"),
                List.of("-Xmx1g", "-Dclientele.import.chunk-rows=" + CHUNK_ROWS),
                List.of(
                        "import",
                        kind,
                        file.toAbsolutePath().toString(),
                        "--data-dir",
                        WORK.resolve("data").toString()),
                Map.of("CLIENTELE_DB_DURABILITY", durability));
    }

    /** How many progress lines the run printed (one per committed chunk). */
    private static int progressLines(AppProcess run) {
        Matcher read = READ.matcher(run.stderr());
        int count = 0;
        while (read.find()) {
            count++;
        }
        return count;
    }

    /** The lines the run last reported as imported (the progress line after a committed chunk). */
    private static long lastReported(AppProcess run) {
        Matcher read = READ.matcher(run.stderr());
        long last = 0;
        while (read.find()) {
            last = Long.parseLong(read.group(1).replace(",", ""));
        }
        return last;
    }

    /** Starts the embedded PostgreSQL of the data directory in this JVM (recovering from the crash) and reads. */
    private static Stored inspect(Path data) throws SQLException {
        try (Database database = Database.open(new DatabaseSettings(data, null, null, null));
                Connection connection = database.connect();
                var rows = connection.createStatement().executeQuery("""
                        select j.status, j.read_rows, j.imported_rows, j.rejected_rows,
                               (select count(*) from sale_line), (select count(*) from sale),
                               (select coalesce(sum(amount), 0) from sale_line),
                               (select coalesce(sum(quantity), 0) from sale_line),
                               (select count(*) from import_reject r where r.job_id = j.id)
                        from import_job j where j.kind = 'SALES'""")) {
            assertThat(rows.next()).as("one sales import job").isTrue();
            Stored stored = new Stored(
                    rows.getString(1),
                    rows.getLong(2),
                    rows.getLong(3),
                    rows.getLong(4),
                    rows.getLong(5),
                    rows.getLong(6),
                    rows.getBigDecimal(7),
                    rows.getLong(8),
                    rows.getLong(9));
            assertThat(rows.next()).as("one sales import job").isFalse();
            return stored;
        }
    }

    /**
     * The demo generator's files for about a million lines, sales.csv cut at the last receipt that ends within
     * {@value #MAX_LINES} lines, customers.csv cut to the first {@value #KNOWN_CUSTOMERS} card holders. Kept between
     * runs (the same spec gives the same files).
     */
    private static Path prepareFiles() throws IOException {
        Path done = FILES.resolve(".complete-" + MAX_LINES);
        Path sales = FILES.resolve("sales.csv");
        if (Files.exists(done)) {
            return sales;
        }
        SendDrillTest.deleteTree(FILES);
        new DemoDataGenerator()
                .writeCsv(
                        FILES, new DemoSpec(GENERATED_CUSTOMERS, 20261207L, LocalDate.of(2026, 11, 30)), (d, t) -> {});
        cut(sales, FILES.resolve("sales-cut.csv"), MAX_LINES, true);
        Files.move(FILES.resolve("sales-cut.csv"), sales, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        cut(FILES.resolve("customers.csv"), FILES.resolve("customers-cut.csv"), KNOWN_CUSTOMERS, false);
        Files.move(
                FILES.resolve("customers-cut.csv"),
                FILES.resolve("customers.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.createFile(done);
        return sales;
    }

    /** The header and at most {@code rows} rows; with {@code wholeReceipts}, only receipts that fit entirely. */
    private static void cut(Path from, Path to, int rows, boolean wholeReceipts) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(from, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            out.write(in.readLine());
            out.write('\n');
            StringBuilder receipt = new StringBuilder();
            String receiptId = null;
            int written = 0;
            int pending = 0;
            String line;
            while ((line = in.readLine()) != null) {
                if (!wholeReceipts) {
                    if (written++ == rows) {
                        return;
                    }
                    out.write(line);
                    out.write('\n');
                    continue;
                }
                String id = line.substring(0, line.indexOf(','));
                if (!id.equals(receiptId)) {
                    if (written + pending > rows) {
                        return;
                    }
                    out.write(receipt.toString());
                    written += pending;
                    receipt.setLength(0);
                    pending = 0;
                    receiptId = id;
                }
                receipt.append(line).append('\n');
                pending++;
            }
            if (written + pending <= rows) {
                out.write(receipt.toString());
            }
        }
    }

    /** Lines, receipts, amount (quantity × unit price − discount) and quantity, read from the file's text. */
    private static Expected expected(Path sales) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(sales, StandardCharsets.UTF_8)) {
            List<String> header = List.of(in.readLine().split(","));
            int receiptId = header.indexOf("receipt_id");
            int quantity = header.indexOf("quantity");
            int unitPrice = header.indexOf("unit_price");
            int discount = header.indexOf("discount");
            long lines = 0;
            long receipts = 0;
            long quantities = 0;
            BigDecimal amount = BigDecimal.ZERO;
            String previous = null;
            String line;
            while ((line = in.readLine()) != null) {
                String[] fields = line.split(",", -1);
                lines++;
                if (!fields[receiptId].equals(previous)) {
                    receipts++;
                    previous = fields[receiptId];
                }
                long qty = Long.parseLong(fields[quantity]);
                quantities += qty;
                BigDecimal off = fields[discount].isEmpty() ? BigDecimal.ZERO : new BigDecimal(fields[discount]);
                amount = amount.add(BigDecimal.valueOf(qty)
                        .multiply(new BigDecimal(fields[unitPrice]))
                        .subtract(off));
            }
            assertThat(lines)
                    .as("lines in the file")
                    .isLessThanOrEqualTo(MAX_LINES)
                    .isGreaterThan(MAX_LINES * 99L / 100);
            return new Expected(lines, receipts, amount, quantities);
        }
    }
}
