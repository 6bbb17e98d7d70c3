package io.clientele.demo.generator;

import io.clientele.platform.csv.CsvWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * sales.csv: one row per line carrying its receipt's columns, a receipt's lines on consecutive rows. Receipt ids are
 * numbered in the order receipts are written.
 */
final class SalesFile implements Closeable {
    private static final String NAME = "sales.csv";

    private final CsvWriter csv;
    private final DataWindow window;
    private final PlantedPair pair;
    private final PlantedElasticity elasticity;
    private long receipts;
    private long lines;

    SalesFile(Path outDir, DataWindow window, PlantedPair pair, PlantedElasticity elasticity) throws IOException {
        this.window = window;
        this.pair = pair;
        this.elasticity = elasticity;
        csv = DemoDataGenerator.csvFile(
                outDir.resolve(NAME),
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
    }

    /** Writes a receipt; {@code cardNumber} is null for an anonymous one. */
    void write(Receipt receipt, String cardNumber) throws IOException {
        String id = Codes.receiptId(++receipts);
        String kind = receipt.isReturn() ? "RETURN" : "SALE";
        String soldAt = window.timestamp(receipt.time());
        int lineNo = 0;
        for (SaleLine line : elasticity.lines(receipt, pair.lines(receipt))) {
            csv.text(id)
                    .text(kind)
                    .text(receipt.store().code())
                    .text(receipt.salesperson().code())
                    .text(soldAt)
                    .text(cardNumber)
                    .integer(++lineNo)
                    .text(line.product().sku())
                    .integer(line.quantity())
                    .cents(line.product().priceCents())
                    .cents(line.discountCents())
                    .text(line.coupon() == null ? null : line.coupon().name())
                    .endRow();
        }
        lines += lineNo;
    }

    long receipts() {
        return receipts;
    }

    long lines() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
