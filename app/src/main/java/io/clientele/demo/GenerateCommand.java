package io.clientele.demo;

import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.demo.generator.GenerationSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./clientele generate --customers N --out DIR}: the demo data set at any size as CSV files, in bounded
 * memory. Progress on stderr; a JSON summary as the last line on stdout.
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Write a seeded retail data set (stores, salespeople, products, customers, sales, survey answers,"
                + " complaints) as CSV.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--customers", required = true, description = "Number of customers.")
    int customers;

    @Option(names = "--out", required = true, description = "Folder to write the CSV files into.")
    Path out;

    @Option(names = "--seed", defaultValue = "20261123", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--as-of",
            description = "Last day of data, yyyy-MM-dd (default: yesterday, the last complete day).")
    LocalDate asOf;

    @Option(names = "--data-dir", defaultValue = "data", description = "Accepted for symmetry; not used.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (customers < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--customers must be at least 1, not " + customers);
        }
        Files.createDirectories(out);
        DemoSpec spec = new DemoSpec(
                customers, seed, asOf != null ? asOf : LocalDate.now().minusDays(1));
        long started = System.nanoTime();
        GenerationSummary summary = new DemoDataGenerator()
                .writeCsv(out, spec, (done, total) -> System.err.printf("\rcustomers %,d / %,d", done, total));
        System.err.println();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "{\"out\":\"%s\",\"stores\":%d,\"salespeople\":%d,\"products\":%d,\"customers\":%d,\"receipts\":%d,"
                        + "\"saleLines\":%d,\"surveyAnswers\":%d,\"complaints\":%d,\"seed\":%d,\"asOf\":\"%s\","
                        + "\"seconds\":%.1f}%n",
                out.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""),
                summary.stores(),
                summary.salespeople(),
                summary.products(),
                summary.customers(),
                summary.receipts(),
                summary.saleLines(),
                summary.surveyAnswers(),
                summary.complaints(),
                spec.seed(),
                spec.asOf(),
                seconds);
        return 0;
    }
}
