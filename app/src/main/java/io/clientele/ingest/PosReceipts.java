package io.clientele.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/v1/sales}: receipts from a POS, in the shape of the sales file. */
public record PosReceipts(@Nullable String source, @Nullable List<Receipt> receipts) {

    public record Receipt(
            @Nullable String receiptId,
            @Nullable String kind,
            @Nullable String storeCode,
            @Nullable String salespersonCode,
            @Nullable Instant soldAt,
            @Nullable String cardNumber,
            @Nullable List<Line> lines) {}

    public record Line(
            @Nullable Integer lineNo,
            @Nullable String sku,
            @Nullable Integer quantity,
            @Nullable BigDecimal unitPrice,
            @Nullable BigDecimal discount,
            @Nullable String couponCode) {}

    /** What happened to each receipt of a request. */
    public record Result(int imported, int unchanged, int rejected, List<ReceiptResult> receipts) {}

    public record ReceiptResult(String receiptId, Status status, List<Problem> problems) {}

    public enum Status {
        IMPORTED,
        UNCHANGED,
        REJECTED
    }

    /** A problem with a receipt: {@code line} is the index of its line (from 1), or 0 for the receipt itself. */
    public record Problem(int line, @Nullable String field, String reason) {}
}
