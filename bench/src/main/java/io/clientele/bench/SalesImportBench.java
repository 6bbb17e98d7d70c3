package io.clientele.bench;

import io.clientele.demo.generator.DemoDataGenerator;
import io.clientele.demo.generator.DemoSpec;
import io.clientele.ingest.ImportJob;
import io.clientele.ingest.ImportKind;
import io.clientele.ingest.Imports;
import io.clientele.platform.CommandContext;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bulk sales import at scale: a generated file of about 20M receipt lines for 1M known customers, imported by
 * Clientele (streaming parse, COPY into the final tables) and, into the same emptied tables, by the plain baseline
 * (BufferedReader + split, JDBC batch inserts of 5,000 rows). Same database, same indexes, same run.
 */
final class SalesImportBench {
    private static final long LINES_PER_CUSTOMER_X100 = 1085; // what the generator writes, measured at 1M

    private SalesImportBench() {}

    static void run(Options options) throws Exception {
        long customers = options.number("customers", 1_000_000);
        long lines = options.number("lines", 20_000_000);
        Path work = options.path("work", "/tmp/clientele-bench/sales-import");
        Path data = prepareFiles(work.resolve("csv"), customers, lines);
        Path dbDir = work.resolve("db");
        deleteRecursively(dbDir);
        try (ConfigurableApplicationContext context = CommandContext.start(dbDir)) {
            Imports imports = context.getBean(Imports.class);
            DataSource dataSource = context.getBean(DataSource.class);
            String machine = Machine.describe(dataSource);
            System.err.println("machine: " + machine);
            for (String kind : List.of("stores", "products", "customers")) {
                long start = System.nanoTime();
                ImportJob job = importFile(imports, ImportKind.parse(kind), data.resolve(kind + ".csv"));
                System.err.printf("%s: %,d rows in %.1f s%n", kind, job.imported(), seconds(start));
            }
            long start = System.nanoTime();
            ImportJob sales = importFile(imports, ImportKind.SALES, data.resolve("sales.csv"));
            double ours = seconds(start);
            String oursCheck = checksum(dataSource);
            System.err.printf("clientele: %,d lines in %.1f s; stored %s%n", sales.imported(), ours, oursCheck);

            // --baseline no: only build the database the other scenarios read (the ratio then is not measured)
            if (options.values().getOrDefault("baseline", "yes").equals("no")) {
                System.out.println("{\"lines\": %d, \"seconds\": %.1f}".formatted(sales.imported(), ours));
                return;
            }
            truncateSales(dataSource);
            start = System.nanoTime();
            long baselineLines = PlainBatchInsert.load(dataSource, data.resolve("sales.csv"));
            double baseline = seconds(start);
            String baselineCheck = checksum(dataSource);
            System.err.printf("baseline: %,d lines in %.1f s; stored %s%n", baselineLines, baseline, baselineCheck);

            System.out.println(
                    report(machine, customers, sales, ours, baselineLines, baseline, oursCheck, baselineCheck));
        }
    }

    private static ImportJob importFile(Imports imports, ImportKind kind, Path file) throws IOException {
        Imports.Started started = imports.prepare(kind, file, "POS", null, "bench");
        return imports.run(started.job(), job -> {});
    }

    private static String report(
            String machine,
            long customers,
            ImportJob sales,
            double ours,
            long baselineLines,
            double baseline,
            String oursCheck,
            String baselineCheck) {
        double oursRate = sales.imported() / ours;
        double baselineRate = baselineLines / baseline;
        return """
                ### Bulk sales import (issue 3)

                %s. File: %,d receipt lines for %,d known customers, %,d MB.

                | path | lines | seconds | lines/s |
                |---|---:|---:|---:|
                | Clientele import (stream parse, COPY per 50,000-line chunk, resumable) | %,d | %.1f | %,.0f |
                | plain JDBC batch insert (readLine + split, batches of 5,000) | %,d | %.1f | %,.0f |

                Ratio: %.1f× the baseline. Same totals in both: %s (%s).
                """.formatted(
                        machine,
                        sales.read(),
                        customers,
                        sales.fileSize() >> 20,
                        sales.imported(),
                        ours,
                        oursRate,
                        baselineLines,
                        baseline,
                        baselineRate,
                        oursRate / baselineRate,
                        oursCheck.equals(baselineCheck) ? "yes" : "NO",
                        oursCheck);
    }

    /** Lines and revenue, to show both paths stored the same thing. */
    private static String checksum(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "select count(*), sum(amount), (select count(*) from sale) from sale_line")) {
            rows.next();
            return "%,d lines, %,d receipts, amount %s"
                    .formatted(rows.getLong(1), rows.getLong(3), rows.getBigDecimal(2));
        }
    }

    private static void truncateSales(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("truncate sale_line, sale");
            statement.execute("vacuum analyze sale, sale_line");
        }
    }

    /**
     * Generates enough customers' receipts for about {@code lines} lines, then keeps the first {@code customers}
     * customers in customers.csv: the other receipts are anonymous sales with a card Clientele does not know.
     */
    static Path prepareFiles(Path dir, long customers, long lines) throws IOException {
        Path done = dir.resolve(".complete-" + customers + "-" + lines);
        if (Files.exists(done)) {
            return dir;
        }
        deleteRecursively(dir);
        long generated = Math.max(customers, lines * 100 / LINES_PER_CUSTOMER_X100);
        System.err.printf("generating %,d customers' receipts into %s%n", generated, dir);
        new DemoDataGenerator()
                .writeCsv(
                        dir,
                        new DemoSpec((int) generated, 20261123L, LocalDate.now().minusDays(1)),
                        (d, t) -> {});
        Path all = dir.resolve("customers-all.csv");
        Files.move(dir.resolve("customers.csv"), all);
        try (BufferedReader in = Files.newBufferedReader(all, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(dir.resolve("customers.csv"), StandardCharsets.UTF_8)) {
            String line;
            for (long n = 0; n <= customers && (line = in.readLine()) != null; n++) {
                out.write(line);
                out.write('\n');
            }
        }
        Files.delete(all);
        Files.createFile(done);
        return dir;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The straightforward loader a developer writes first; the baseline of this benchmark. */
    static final class PlainBatchInsert {
        private static final int BATCH = 5_000;

        static long load(DataSource dataSource, Path sales) throws IOException, SQLException {
            try (Connection connection = dataSource.getConnection();
                    BufferedReader reader = Files.newBufferedReader(sales, StandardCharsets.UTF_8)) {
                connection.setAutoCommit(false);
                Map<String, Integer> stores = lookup(connection, "select code, id from store");
                Map<String, Integer> salespeople = lookup(connection, "select code, id from salesperson");
                Map<String, Integer> products = lookup(connection, "select sku, id from product");
                Map<String, BigDecimal> costs = new HashMap<>();
                try (var rows = connection.createStatement().executeQuery("select sku, cost from product")) {
                    while (rows.next()) {
                        costs.put(rows.getString(1), rows.getBigDecimal(2));
                    }
                }
                Map<String, Long> customers = new HashMap<>();
                try (var rows = connection
                        .createStatement()
                        .executeQuery("select card_number, id from customer where card_number is not null")) {
                    while (rows.next()) {
                        customers.put(rows.getString(1), rows.getLong(2));
                    }
                }
                List<String> header = List.of(reader.readLine().split(","));
                int receiptId = header.indexOf("receipt_id");
                int kind = header.indexOf("kind");
                int store = header.indexOf("store_code");
                int salesperson = header.indexOf("salesperson_code");
                int soldAt = header.indexOf("sold_at");
                int card = header.indexOf("card_number");
                int lineNo = header.indexOf("line_no");
                int sku = header.indexOf("sku");
                int quantity = header.indexOf("quantity");
                int unitPrice = header.indexOf("unit_price");
                int discount = header.indexOf("discount");
                int coupon = header.indexOf("coupon_code");
                try (PreparedStatement insertSale = connection.prepareStatement(
                                "insert into sale (id, source, receipt_id, kind, store_id, salesperson_id, customer_id, "
                                        + "card_number, sold_at, total_amount, total_cost) "
                                        + "values (?, 'POS', ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement insertLine = connection.prepareStatement(
                                "insert into sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, "
                                        + "amount, unit_cost, coupon_code) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    long count = 0;
                    long pending = 0;
                    List<String[]> receipt = new ArrayList<>();
                    IdBlock ids = new IdBlock(connection);
                    String line;
                    while (true) {
                        line = reader.readLine();
                        String[] fields = line == null ? null : line.split(",", -1);
                        if (!receipt.isEmpty()
                                && (fields == null || !fields[receiptId].equals(receipt.get(0)[receiptId]))) {
                            String[] head = receipt.get(0);
                            long id = ids.next();
                            BigDecimal total = BigDecimal.ZERO;
                            BigDecimal totalCost = BigDecimal.ZERO;
                            for (String[] row : receipt) {
                                BigDecimal qty = new BigDecimal(row[quantity]);
                                BigDecimal amount = qty.multiply(new BigDecimal(row[unitPrice]))
                                        .subtract(
                                                row[discount].isEmpty()
                                                        ? BigDecimal.ZERO
                                                        : new BigDecimal(row[discount]));
                                BigDecimal cost = costs.get(row[sku]);
                                total = total.add(amount);
                                totalCost = totalCost.add(qty.multiply(cost));
                                insertLine.setLong(1, id);
                                insertLine.setInt(2, Integer.parseInt(row[lineNo]));
                                insertLine.setInt(3, products.get(row[sku]));
                                insertLine.setInt(4, qty.intValue());
                                insertLine.setBigDecimal(5, new BigDecimal(row[unitPrice]));
                                insertLine.setBigDecimal(
                                        6, row[discount].isEmpty() ? BigDecimal.ZERO : new BigDecimal(row[discount]));
                                insertLine.setBigDecimal(7, amount);
                                insertLine.setBigDecimal(8, cost);
                                insertLine.setString(9, row[coupon].isEmpty() ? null : row[coupon]);
                                insertLine.addBatch();
                                count++;
                                pending++;
                            }
                            insertSale.setLong(1, id);
                            insertSale.setString(2, head[receiptId]);
                            insertSale.setString(3, head[kind]);
                            insertSale.setInt(4, stores.get(head[store]));
                            insertSale.setObject(
                                    5, head[salesperson].isEmpty() ? null : salespeople.get(head[salesperson]));
                            insertSale.setObject(6, head[card].isEmpty() ? null : customers.get(head[card]));
                            insertSale.setString(7, head[card].isEmpty() ? null : head[card]);
                            insertSale.setTimestamp(8, Timestamp.from(Instant.parse(head[soldAt])));
                            insertSale.setBigDecimal(9, total);
                            insertSale.setBigDecimal(10, totalCost);
                            insertSale.addBatch();
                            receipt.clear();
                            if (pending >= BATCH || fields == null) {
                                insertSale.executeBatch();
                                insertLine.executeBatch();
                                connection.commit();
                                pending = 0;
                            }
                        }
                        if (fields == null) {
                            return count;
                        }
                        receipt.add(fields);
                    }
                }
            }
        }

        private static Map<String, Integer> lookup(Connection connection, String sql) throws SQLException {
            Map<String, Integer> map = new HashMap<>();
            try (var rows = connection.createStatement().executeQuery(sql)) {
                while (rows.next()) {
                    map.put(rows.getString(1), rows.getInt(2));
                }
            }
            return map;
        }

        /** Sale ids from the sequence, 10,000 at a time. */
        private static final class IdBlock {
            private final Connection connection;
            private final long[] ids = new long[10_000];
            private int next = ids.length;

            IdBlock(Connection connection) {
                this.connection = connection;
            }

            long next() throws SQLException {
                if (next == ids.length) {
                    try (var rows = connection
                            .createStatement()
                            .executeQuery(
                                    "select nextval(pg_get_serial_sequence('sale', 'id')) from generate_series(1, 10000)")) {
                        for (int i = 0; rows.next(); i++) {
                            ids[i] = rows.getLong(1);
                        }
                    }
                    next = 0;
                }
                return ids[next++];
            }
        }
    }
}
