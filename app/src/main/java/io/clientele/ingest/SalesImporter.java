package io.clientele.ingest;

import io.clientele.customer.PurchaseDates;
import io.clientele.platform.db.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * POS receipts, one row per line with the receipt's columns repeated. A receipt is stored whole or not at all: a bad
 * line rejects its receipt. Receipts are keyed by (source, receipt id): one already stored counts as unchanged, one
 * repeated later in the same file is rejected. Unknown cards make anonymous sales that keep the card number.
 */
final class SalesImporter implements Importer {
    static final Set<String> KINDS = Set.of("SALE", "RETURN", "CANCELLED", "REFUND", "CANCELED", "VOID");
    private static final ImportKind KIND = ImportKind.SALES;
    private static final int RECEIPT_ID = KIND.index("receipt_id");
    private static final int RECEIPT_KIND = KIND.index("kind");
    private static final int STORE = KIND.index("store_code");
    private static final int SALESPERSON = KIND.index("salesperson_code");
    private static final int SOLD_AT = KIND.index("sold_at");
    private static final int CARD = KIND.index("card_number");
    private static final int LINE_NO = KIND.index("line_no");
    private static final int SKU = KIND.index("sku");
    private static final int QUANTITY = KIND.index("quantity");
    private static final int UNIT_PRICE = KIND.index("unit_price");
    private static final int DISCOUNT = KIND.index("discount");
    private static final int COUPON = KIND.index("coupon_code");

    private final Connection connection;
    private final ReferenceData reference;
    private final int[] columns;
    private final int[] headerFields;
    private final ZoneId zone;
    private final String source;
    private final @Nullable Long jobId;
    private final List<ReceiptsParticipant> participants;
    private final Set<String> storedByLastChunk = new HashSet<>();
    private final Map<Long, Instant[]> purchasesOfLastChunk = new HashMap<>();

    record Line(
            int lineNo,
            int productId,
            int quantity,
            long unitPrice,
            long discount,
            long unitCost,
            @Nullable String coupon) {
        long amount() {
            return quantity * unitPrice - discount;
        }
    }

    record Receipt(
            String receiptId,
            String kind,
            int storeId,
            @Nullable Integer salespersonId,
            @Nullable String card,
            Instant soldAt,
            List<Line> lines,
            List<SourceLine> source) {}

    SalesImporter(
            Connection connection,
            ReferenceData reference,
            int[] columns,
            ZoneId zone,
            String source,
            @Nullable Long jobId,
            List<ReceiptsParticipant> participants) {
        this.connection = connection;
        this.participants = participants;
        this.reference = reference;
        this.zone = zone;
        this.source = source;
        this.jobId = jobId;
        // sales as two files: the header fields the lines file lacks are appended to each line from receipt_header
        this.headerFields = columns[STORE] < 0 || columns[SOLD_AT] < 0
                ? new int[] {RECEIPT_KIND, STORE, SALESPERSON, SOLD_AT, CARD}
                : new int[0];
        int width = java.util.Arrays.stream(columns).max().orElse(-1) + 1;
        this.columns = columns.clone();
        for (int i = 0; i < headerFields.length; i++) {
            this.columns[headerFields[i]] = width + i;
        }
    }

    private @Nullable String receiptId(SourceLine line) {
        int column = columns[RECEIPT_ID];
        String value = line.field(column);
        return value == null ? null : value.strip();
    }

    @Override
    public boolean canSplitBetween(SourceLine previous, SourceLine next) {
        String id = receiptId(next);
        return id == null || !id.equals(receiptId(previous));
    }

    /** The receipt ids the last chunk stored (the others were rejected or already there). */
    Set<String> storedByLastChunk() {
        return storedByLastChunk;
    }

    /** Tells the customers' purchase dates the sales the last chunk stored, without reading them back. */
    void tellPurchasesOfLastChunk() throws SQLException {
        PurchaseDates dates = new PurchaseDates(connection);
        for (var purchase : purchasesOfLastChunk.entrySet()) {
            dates.add(purchase.getKey(), purchase.getValue()[0], purchase.getValue()[1]);
        }
        dates.flush();
    }

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        storedByLastChunk.clear();
        purchasesOfLastChunk.clear();
        if (headerFields.length > 0) {
            lines = withHeaders(lines, rejects);
        }
        List<Receipt> receipts = new ArrayList<>();
        Map<String, Long> firstLineOf = new HashMap<>();
        int start = 0;
        while (start < lines.size()) {
            String id = receiptId(lines.get(start));
            int end = start + 1;
            while (end < lines.size() && id != null && id.equals(receiptId(lines.get(end)))) {
                end++;
            }
            List<SourceLine> group = lines.subList(start, end);
            Long earlier =
                    id == null ? null : firstLineOf.putIfAbsent(id, group.get(0).number());
            if (earlier != null) {
                rejectAll(
                        group,
                        rejects,
                        "receipt_id",
                        "receipt " + id + " already appeared at line " + earlier
                                + "; the lines of a receipt must be consecutive");
            } else {
                Receipt receipt = parse(group, rejects);
                if (receipt != null) {
                    receipts.add(receipt);
                }
            }
            start = end;
        }
        return store(receipts, rejects);
    }

    /** The lines with their receipt's header fields appended; lines of a receipt without a header are rejected. */
    private List<SourceLine> withHeaders(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        String[] ids = lines.stream()
                .map(this::receiptId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        Map<String, String[]> headers = new HashMap<>();
        try (var query = connection.prepareStatement("""
                select receipt_id, kind, store_code, salesperson_code, sold_at, card_number from receipt_header
                where source = ? and receipt_id = any(?)""")) {
            query.setString(1, source);
            query.setArray(2, connection.createArrayOf("text", ids));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    headers.put(rows.getString(1), new String[] {
                        rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6)
                    });
                }
            }
        }
        List<SourceLine> joined = new ArrayList<>(lines.size());
        for (SourceLine line : lines) {
            String id = receiptId(line);
            String[] header = id == null ? null : headers.get(id);
            if (id != null && header == null) {
                rejects.add(new Reject(
                        line.number(),
                        "receipt_id",
                        "no header for receipt " + id + " from source " + source + "; import the receipts file first",
                        line.raw()));
                continue;
            }
            int width = columns[headerFields[0]];
            String[] fields = java.util.Arrays.copyOf(line.fields(), width + headerFields.length);
            if (header != null) {
                System.arraycopy(header, 0, fields, width, header.length);
            }
            joined.add(new SourceLine(line.number(), fields, line.error(), line.delimiter(), line.rawText()));
        }
        return joined;
    }

    /** The receipt of these consecutive lines, or null with every line rejected. */
    private @Nullable Receipt parse(List<SourceLine> group, List<Reject> rejects) throws SQLException {
        List<Reject> problems = new ArrayList<>();
        List<Line> parsed = new ArrayList<>(group.size());
        Set<Integer> lineNumbers = new HashSet<>();
        SourceLine first = group.get(0);
        Row head = new Row(KIND, columns, first, problems, zone);
        String receiptId = head.required(RECEIPT_ID);
        String storeCode = head.required(STORE);
        String salespersonCode = head.text(SALESPERSON);
        String card = head.text(CARD);
        String soldAtText = head.text(SOLD_AT);
        Instant soldAt = head.instant(SOLD_AT, true);
        String kind = normaliseKind(head.oneOf(RECEIPT_KIND, KINDS));
        Integer storeId = storeCode == null ? null : reference.store(storeCode);
        String storeProblem = storeCode == null ? null : reference.storeProblem(storeCode);
        if (storeProblem != null) {
            head.reject("store_code", storeProblem);
        }
        if (soldAt != null && soldAt.isAfter(Instant.now().plusSeconds(86_400))) {
            head.reject("sold_at", "in the future: " + soldAtText);
        }
        boolean allNegative = true;
        for (int position = 0; position < group.size(); position++) {
            SourceLine source = group.get(position);
            Row row = source == first ? head : new Row(KIND, columns, source, problems, zone);
            if (source.error() != null) {
                row.reject(null, source.error());
                continue;
            }
            if (source != first) {
                sameAsFirst(row, STORE, storeCode, "store_code");
                sameAsFirst(row, SOLD_AT, soldAtText, "sold_at");
                sameAsFirst(row, CARD, card, "card_number");
                sameAsFirst(row, SALESPERSON, salespersonCode, "salesperson_code");
            }
            Line line = parseLine(row, position + 1, lineNumbers);
            if (line != null) {
                parsed.add(line);
                allNegative &= line.quantity() < 0;
            }
        }
        if (kind == null && problems.isEmpty()) {
            kind = allNegative ? "RETURN" : "SALE";
        }
        if ("RETURN".equals(kind)) {
            for (int i = 0; i < parsed.size(); i++) {
                if (parsed.get(i).quantity() > 0) {
                    new Row(KIND, columns, group.get(i), problems, zone)
                            .reject("quantity", "a return's quantities must be negative");
                }
            }
        }
        if (!problems.isEmpty()) {
            Set<Long> faulty = new HashSet<>();
            problems.forEach(p -> faulty.add(p.line()));
            rejects.addAll(problems);
            for (SourceLine source : group) {
                if (!faulty.contains(source.number())) {
                    rejects.add(new Reject(
                            source.number(),
                            null,
                            "receipt " + receiptId + " not imported: another of its lines has an error",
                            source.raw()));
                }
            }
            return null;
        }
        Integer salespersonId = salespersonCode == null ? null : reference.salesperson(salespersonCode, storeId);
        return new Receipt(receiptId, kind, storeId, salespersonId, card, soldAt, parsed, group);
    }

    private void sameAsFirst(Row row, int field, @Nullable String expected, String name) {
        String value = row.text(field);
        if (!java.util.Objects.equals(value, expected)) {
            row.reject(name, "'" + value + "' differs from '" + expected + "' on the receipt's first line");
        }
    }

    private @Nullable Line parseLine(Row row, int defaultLineNo, Set<Integer> lineNumbers) {
        String sku = row.required(SKU);
        Integer quantity = row.integer(QUANTITY, true);
        Long unitPrice = row.cents(UNIT_PRICE, true);
        Long discount = row.cents(DISCOUNT, false);
        Integer lineNo = row.mapped(LINE_NO) ? row.integer(LINE_NO, false) : null;
        String coupon = row.maxLength(COUPON, 60);
        ReferenceData.ProductRef product = sku == null ? null : reference.products.get(sku);
        if (sku != null && product == null) {
            row.reject("sku", "unknown product '" + sku + "'; import products first");
        }
        if (quantity != null && quantity == 0) {
            row.reject("quantity", "must not be zero");
        }
        if (unitPrice != null && unitPrice < 0) {
            row.reject("unit_price", "must not be negative");
        }
        int number = lineNo == null ? defaultLineNo : lineNo;
        if (number < 1 || number > Short.MAX_VALUE) {
            row.reject("line_no", "must be between 1 and " + Short.MAX_VALUE);
        } else if (!lineNumbers.add(number)) {
            row.reject("line_no", "line " + number + " appears twice in the receipt");
        }
        if (!row.valid()) {
            return null;
        }
        long gross = (long) quantity * unitPrice;
        long off = discount == null ? 0 : discount;
        // a discount reduces the line's amount towards zero, whatever its sign (returns carry negative discounts)
        if (off != 0 && (Long.signum(off) != Long.signum(gross) || Math.abs(off) > Math.abs(gross))) {
            row.reject("discount", "must have the sign of quantity × unit_price and not exceed it");
            return null;
        }
        return new Line(number, product.id(), quantity, unitPrice, off, product.costCents(), coupon);
    }

    private static @Nullable String normaliseKind(@Nullable String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "REFUND" -> "RETURN";
            case "CANCELED", "VOID" -> "CANCELLED";
            default -> kind;
        };
    }

    private static void rejectAll(List<SourceLine> group, List<Reject> rejects, String field, String reason) {
        for (SourceLine line : group) {
            rejects.add(new Reject(line.number(), field, reason, line.raw()));
        }
    }

    /** Inserts the receipts not stored yet with COPY; counts lines. */
    private Counts store(List<Receipt> receipts, List<Reject> rejects) throws SQLException {
        if (receipts.isEmpty()) {
            return new Counts(0, 0);
        }
        Map<String, Long> existing = new HashMap<>();
        Map<String, Long> customers = new HashMap<>();
        existingAndCustomers(receipts, existing, customers);
        List<Receipt> fresh = new ArrayList<>(receipts.size());
        long unchanged = 0;
        for (Receipt receipt : receipts) {
            Long writtenBy = existing.get(receipt.receiptId());
            if (writtenBy == null) {
                fresh.add(receipt);
                storedByLastChunk.add(receipt.receiptId());
            } else if (jobId != null && writtenBy.equals(jobId)) {
                rejectAll(
                        receipt.source(),
                        rejects,
                        "receipt_id",
                        "receipt " + receipt.receiptId() + " appeared earlier in this file");
            } else {
                unchanged += receipt.lines().size();
            }
        }
        long[] ids = allocateIds(fresh.size());
        CopyRows headers = new CopyRows();
        CopyRows lines = new CopyRows();
        long imported = 0;
        for (int i = 0; i < fresh.size(); i++) {
            Receipt receipt = fresh.get(i);
            long amount = 0;
            long cost = 0;
            for (Line line : receipt.lines()) {
                amount += line.amount();
                cost += line.quantity() * line.unitCost();
                lines.add(ids[i]).add(line.lineNo()).add(line.productId()).add(line.quantity());
                lines.cents(line.unitPrice())
                        .cents(line.discount())
                        .cents(line.amount())
                        .cents(line.unitCost());
                lines.add(line.coupon());
                lines.endRow();
            }
            imported += receipt.lines().size();
            Long customer = receipt.card() == null ? null : customers.get(receipt.card());
            if (jobId == null && customer != null && receipt.kind().equals("SALE")) {
                // a POS request's (an import tells them once at its end): per customer the first and last, as
                // Purchases.SPANS gives them
                purchasesOfLastChunk.merge(customer, new Instant[] {receipt.soldAt(), receipt.soldAt()}, (a, b) ->
                        new Instant[] {a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
            }
            headers.add(ids[i])
                    .add(source)
                    .add(receipt.receiptId())
                    .add(receipt.kind())
                    .add(receipt.storeId());
            headers.add(receipt.salespersonId()).add(customer);
            headers.add(receipt.card())
                    .add(receipt.soldAt().toString())
                    .cents(amount)
                    .cents(cost)
                    .add(jobId);
            headers.endRow();
        }
        headers.copyInto(
                connection,
                "copy sale (id, source, receipt_id, kind, store_id, salesperson_id, customer_id, card_number, sold_at, "
                        + "total_amount, total_cost, import_job_id) from stdin");
        lines.copyInto(
                connection,
                "copy sale_line (sale_id, line_no, product_id, quantity, unit_price, discount, amount, unit_cost, "
                        + "coupon_code) from stdin");
        for (ReceiptsParticipant participant : participants) {
            participant.receiptsStored(connection, ids);
        }
        return new Counts(imported, unchanged);
    }

    /**
     * The receipts already stored (with the job that wrote them, -1 for none) and the customers of the cards, in one
     * statement: a POS request is a receipt or two, and each statement a round trip.
     */
    private void existingAndCustomers(List<Receipt> receipts, Map<String, Long> existing, Map<String, Long> customers)
            throws SQLException {
        String[] ids = receipts.stream().map(Receipt::receiptId).toArray(String[]::new);
        String[] cards = receipts.stream()
                .map(Receipt::card)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        // the card of a customer merged away belongs to the survivor
        try (var query = connection.prepareStatement("""
                select true, receipt_id, coalesce(import_job_id, -1) from sale where source = ? and receipt_id = any(?)
                union all
                select false, card_number, id from customer where card_number = any(?)
                union all
                select false, m.merged_card_number, m.survivor_id from customer_merge m
                where m.merged_card_number = any(?)
                  and not exists (select 1 from customer c where c.card_number = m.merged_card_number)""")) {
            var array = connection.createArrayOf("text", cards);
            query.setString(1, source);
            query.setArray(2, connection.createArrayOf("text", ids));
            query.setArray(3, array);
            query.setArray(4, array);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    (rows.getBoolean(1) ? existing : customers).put(rows.getString(2), rows.getLong(3));
                }
            }
        }
    }

    /**
     * Takes {@code count} consecutive receipt ids with one move of the sequence. Every writer of receipts comes
     * through here, and holds the same lock for the two statements only, so blocks never overlap. One id (a POS
     * request's receipt) is a plain {@code nextval} under the lock shared until the commit: POS requests do not wait
     * for each other, and a block is never taken between them.
     */
    private long[] allocateIds(int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        if (count == 1) {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("""
                            select nextval(pg_get_serial_sequence('sale', 'id'))
                            from (select pg_advisory_xact_lock_shared(hashtextextended('sale_id_seq', 0)) offset 0) l""")) {
                rows.next();
                ids[0] = rows.getLong(1);
                return ids;
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(hashtextextended('sale_id_seq', 0))");
            try (var rows = statement.executeQuery("select setval(pg_get_serial_sequence('sale', 'id'), "
                    + "nextval(pg_get_serial_sequence('sale', 'id')) + " + (count - 1) + ")")) {
                rows.next();
                long last = rows.getLong(1);
                for (int i = 0; i < count; i++) {
                    ids[i] = last - count + 1 + i;
                }
            } finally {
                statement.execute("select pg_advisory_unlock(hashtextextended('sale_id_seq', 0))");
            }
        }
        return ids;
    }

    /**
     * Customers' first and last purchase dates, from the receipts this import wrote: once at the end (also of a
     * resumed import), not per chunk, so that a customer buying in every chunk is updated once.
     */
    @Override
    public void finish() throws SQLException {
        if (jobId == null) {
            return;
        }
        try (var spans = connection.prepareStatement(Purchases.SPANS.formatted(
                "(select customer_id, kind, sold_at from sale where import_job_id = ?) receipts"))) {
            spans.setLong(1, jobId);
            Purchases.tellCustomers(connection, spans);
        }
    }
}
