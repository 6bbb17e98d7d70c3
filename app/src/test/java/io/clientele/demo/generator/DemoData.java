package io.clientele.demo.generator;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A generated data set read back from its CSV files, the way an importer or analyst would see it. */
final class DemoData {
    record Line(int lineNo, String sku, int quantity, long unitPriceCents, long discountCents, String coupon) {
        long grossCents() {
            return quantity * unitPriceCents;
        }

        long amountCents() {
            return grossCents() - discountCents;
        }
    }

    record Receipt(
            String id, String kind, String store, String salesperson, Instant soldAt, String card, List<Line> lines) {
        boolean isSale() {
            return kind.equals("SALE");
        }

        boolean isAnonymous() {
            return card.isEmpty();
        }

        LocalDate date() {
            return LocalDate.ofInstant(soldAt, ZoneOffset.UTC);
        }

        long amountCents() {
            return lines.stream().mapToLong(Line::amountCents).sum();
        }
    }

    final CsvTable stores;
    final CsvTable salespeople;
    final CsvTable products;
    final CsvTable customers;
    final CsvTable sales;
    final CsvTable surveyAnswers;
    final CsvTable complaints;
    final List<Receipt> receipts = new ArrayList<>();
    final Map<String, String> categoryBySku = new HashMap<>();
    final Map<String, List<String>> customerByCard = new HashMap<>();

    private DemoData(Path dir) throws IOException {
        stores = CsvTable.read(dir.resolve("stores.csv"));
        salespeople = CsvTable.read(dir.resolve("salespeople.csv"));
        products = CsvTable.read(dir.resolve("products.csv"));
        customers = CsvTable.read(dir.resolve("customers.csv"));
        sales = CsvTable.read(dir.resolve("sales.csv"));
        surveyAnswers = CsvTable.read(dir.resolve("survey_answers.csv"));
        complaints = CsvTable.read(dir.resolve("complaints.csv"));
        for (List<String> product : products.rows()) {
            categoryBySku.put(product.get(products.column("sku")), product.get(products.column("category")));
        }
        for (List<String> customer : customers.rows()) {
            customerByCard.put(customer.get(customers.column("card_number")), customer);
        }
        Receipt current = null;
        for (List<String> row : sales.rows()) {
            String id = row.get(0);
            if (current == null || !current.id().equals(id)) {
                current = new Receipt(
                        id,
                        row.get(1),
                        row.get(2),
                        row.get(3),
                        Instant.parse(row.get(4)),
                        row.get(5),
                        new ArrayList<>());
                receipts.add(current);
            }
            current.lines()
                    .add(new Line(
                            Integer.parseInt(row.get(6)),
                            row.get(7),
                            Integer.parseInt(row.get(8)),
                            cents(row.get(9)),
                            cents(row.get(10)),
                            row.get(11)));
        }
    }

    static DemoData read(Path dir) throws IOException {
        return new DemoData(dir);
    }

    static long cents(String money) {
        return new BigDecimal(money).movePointRight(2).longValueExact();
    }

    String category(Line line) {
        return categoryBySku.get(line.sku());
    }

    boolean contains(Receipt receipt, String category) {
        return receipt.lines().stream().anyMatch(line -> category(line).equals(category));
    }

    List<Receipt> sales() {
        return receipts.stream().filter(Receipt::isSale).toList();
    }

    /** The customer number of an external id: C0000123 is 123. */
    static long customerNumber(List<String> customer) {
        return Long.parseLong(customer.get(0).substring(1));
    }
}
