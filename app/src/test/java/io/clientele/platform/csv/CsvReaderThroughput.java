package io.clientele.platform.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A rough throughput check of {@link CsvReader} against the naive {@code readLine()} + {@code split(",")}, timed
 * in alternating rounds of the same run on a 2,000,000-line POS sales file. Both sides turn every field into a
 * string. Not a test (no assertions on a noisy machine); run it by hand:
 *
 * <pre>
 * ./mvnw -B -q -pl analytics,app test-compile
 * java -cp app/target/classes:app/target/test-classes io.clientele.platform.csv.CsvReaderThroughput [lines]
 * </pre>
 */
public final class CsvReaderThroughput {
    private static final int ROUNDS = 5;

    private CsvReaderThroughput() {}

    public static void main(String[] args) throws IOException {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path file = Files.createTempFile("sales", ".csv");
        try {
            write(file, lines);
            double mb = Files.size(file) / 1e6;
            System.out.printf(Locale.ROOT, "%,d lines, %.1f MB, 12 columns%n", lines, mb);
            double[] ours = new double[ROUNDS];
            double[] naive = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ours[round] = time(() -> readWithCsvReader(file), lines);
                naive[round] = time(() -> readWithSplit(file), lines);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: CsvReader %.2fM lines/s, readLine+split %.2fM lines/s%n",
                        round + 1,
                        lines / ours[round] / 1e6,
                        lines / naive[round] / 1e6);
            }
            // the first round warms the JIT up; the median of the others is less sensitive to a noisy neighbour
            report("CsvReader", median(ours), lines, mb);
            report("readLine+split", median(naive), lines, mb);
            System.out.printf(Locale.ROOT, "ratio: %.2fx%n", median(naive) / median(ours));
        } finally {
            Files.delete(file);
        }
    }

    private interface Reading {
        long fieldChars() throws IOException;
    }

    private static double time(Reading reading, int lines) throws IOException {
        long start = System.nanoTime();
        long chars = reading.fieldChars();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (chars < lines) {
            throw new IllegalStateException("read too little: " + chars);
        }
        return seconds;
    }

    private static long readWithCsvReader(Path file) throws IOException {
        long chars = 0;
        try (CsvReader reader = CsvReader.open(file, CsvReadOptions.defaults())) {
            while (reader.next()) {
                CsvRecord record = reader.record();
                if (record.error() != null) {
                    throw new IllegalStateException(record.toString());
                }
                for (int i = 0; i < record.size(); i++) {
                    chars += record.get(i).length();
                }
            }
        }
        return chars;
    }

    private static long readWithSplit(Path file) throws IOException {
        long chars = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                for (String field : line.split(",")) {
                    chars += field.length();
                }
            }
        }
        return chars;
    }

    private static void report(String name, double seconds, int lines, double mb) {
        System.out.printf(
                Locale.ROOT,
                "%-15s %.2fM lines/s  %.0f MB/s  (%.2f s)%n",
                name,
                lines / seconds / 1e6,
                mb / seconds,
                seconds);
    }

    private static double median(double[] rounds) {
        double[] measured = Arrays.copyOfRange(rounds, 1, rounds.length);
        Arrays.sort(measured);
        int m = measured.length / 2;
        return measured.length % 2 == 1 ? measured[m] : (measured[m - 1] + measured[m]) / 2;
    }

    private static void write(Path file, int lines) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        String[] coupons = {"", "", "", "SPRING24", "VIP10", "WELCOME"};
        try (CsvWriter out = CsvWriter.create(file, CsvWriteOptions.rfc4180())) {
            out.writeRow(
                    "receipt_id",
                    "kind",
                    "store_code",
                    "salesperson_code",
                    "sold_at",
                    "card_number",
                    "line_no",
                    "sku",
                    "quantity",
                    "unit_price",
                    "discount",
                    "coupon_code");
            for (int i = 0; i < lines; i++) {
                int receipt = i / 3;
                out.writeRow(
                        String.format(Locale.ROOT, "R%011d", receipt),
                        random.nextInt(50) == 0 ? "RETURN" : "SALE",
                        String.format(Locale.ROOT, "ST%03d", receipt % 120),
                        String.format(Locale.ROOT, "SP%04d", receipt % 1500),
                        String.format(
                                Locale.ROOT,
                                "2024-%02d-%02dT%02d:%02d:%02d+01:00",
                                1 + random.nextInt(12),
                                1 + random.nextInt(28),
                                9 + random.nextInt(12),
                                random.nextInt(60),
                                random.nextInt(60)),
                        random.nextInt(3) == 0 ? "" : String.valueOf(4_000_000_000_000L + random.nextInt(1_000_000)),
                        String.valueOf(1 + i % 3),
                        String.format(Locale.ROOT, "SKU-%06d", random.nextInt(20_000)),
                        String.valueOf(1 + random.nextInt(4)),
                        String.format(Locale.ROOT, "%d.%02d", 1 + random.nextInt(900), random.nextInt(100)),
                        random.nextInt(5) == 0 ? "5.00" : "0.00",
                        coupons[random.nextInt(coupons.length)]);
            }
        }
    }
}
