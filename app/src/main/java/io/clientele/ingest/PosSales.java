package io.clientele.ingest;

import io.clientele.ingest.PosReceipts.Problem;
import io.clientele.ingest.PosReceipts.ReceiptResult;
import io.clientele.ingest.PosReceipts.Status;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receipts posted by a POS. They go through the same validation and storage as a sales file. A request carries an
 * idempotency key: the first answer to a key is kept with a hash of the body, a retry with the same body gets that
 * answer again without storing anything twice, and a different body under a used key is refused.
 */
@Service
public class PosSales {
    static final int MAX_RECEIPTS = 1000;
    private static final String SCOPE = "sales";
    private static final JsonMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    private final DataSource dataSource;
    private final Clock clock;
    private final List<ReceiptsParticipant> participants;

    PosSales(DataSource dataSource, Clock clock, List<ReceiptsParticipant> participants) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.participants = participants;
    }

    /** The answer to a request: fresh, replayed, or refused because the key was used for another body. */
    public sealed interface Outcome {
        record Answered(PosReceipts.Result result, boolean replayed) implements Outcome {}

        record KeyReused(String key) implements Outcome {}
    }

    public Outcome record(String idempotencyKey, byte[] body, PosReceipts request) throws SQLException {
        byte[] hash = sha256(body);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Outcome earlier = earlierAnswer(connection, idempotencyKey, hash);
                if (earlier != null) {
                    connection.rollback();
                    return earlier;
                }
                PosReceipts.Result result = store(connection, request);
                try (var save = connection.prepareStatement(
                        "insert into idempotency_key (scope, key, request_hash, status, response) "
                                + "values (?, ?, ?, 200, cast(? as jsonb))")) {
                    save.setString(1, SCOPE);
                    save.setString(2, idempotencyKey);
                    save.setBytes(3, hash);
                    save.setString(4, JSON.writeValueAsString(result));
                    save.executeUpdate();
                }
                connection.commit();
                return new Outcome.Answered(result, false);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * The answer kept for the key, after waiting for any request with the same key (so that a retry racing the
     * original is a replay): statements sent together, the lookup after the lock (with a snapshot of after it). The
     * transaction's statements use generic plans: a prepared statement (the earning's points query among them) is
     * then planned once per connection, not on every request (planning it was more than executing it).
     */
    private static @Nullable Outcome earlierAnswer(Connection connection, String key, byte[] hash) throws SQLException {
        try (var query = connection.prepareStatement("""
                set local plan_cache_mode = force_generic_plan;
                select pg_advisory_xact_lock(hashtextextended(?, 0));
                select request_hash, response from idempotency_key where scope = ? and key = ?""")) {
            query.setString(1, SCOPE + ":" + key);
            query.setString(2, SCOPE);
            query.setString(3, key);
            query.execute();
            // the SET, the lock, then the lookup
            query.getMoreResults();
            if (!query.getMoreResults()) {
                throw new IllegalStateException("the lookup after the lock answered nothing");
            }
            try (var rows = query.getResultSet()) {
                if (!rows.next()) {
                    return null;
                }
                if (!Arrays.equals(rows.getBytes(1), hash)) {
                    return new Outcome.KeyReused(key);
                }
                return new Outcome.Answered(JSON.readValue(rows.getString(2), PosReceipts.Result.class), true);
            }
        }
    }

    private PosReceipts.Result store(Connection connection, PosReceipts request) throws SQLException {
        List<PosReceipts.Receipt> receipts = request.receipts() == null ? List.of() : request.receipts();
        if (receipts.isEmpty() || receipts.size() > MAX_RECEIPTS) {
            throw new IllegalArgumentException("receipts: 1 to " + MAX_RECEIPTS + " receipts, not " + receipts.size());
        }
        String source = request.source() == null || request.source().isBlank()
                ? "POS"
                : request.source().strip();
        Map<String, ReceiptResult> results = new LinkedHashMap<>();
        List<SourceLine> lines = new ArrayList<>();
        Map<Long, int[]> lineOrigin = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (int r = 0; r < receipts.size(); r++) {
            PosReceipts.Receipt receipt = receipts.get(r);
            String id = receipt.receiptId() == null
                    ? "#" + (r + 1)
                    : receipt.receiptId().strip();
            if (!ids.add(id)) {
                results.put(
                        id + "@" + r,
                        new ReceiptResult(
                                id,
                                Status.REJECTED,
                                List.of(new Problem(0, "receiptId", "appears twice in the request"))));
                continue;
            }
            List<PosReceipts.Line> receiptLines = receipt.lines() == null ? List.of() : receipt.lines();
            if (receiptLines.isEmpty()) {
                results.put(
                        id,
                        new ReceiptResult(
                                id,
                                Status.REJECTED,
                                List.of(new Problem(0, "lines", "a receipt needs at least one line"))));
                continue;
            }
            results.put(id, null);
            for (int l = 0; l < receiptLines.size(); l++) {
                long number = lines.size() + 1L;
                lines.add(new SourceLine(number, fields(receipt, receiptLines.get(l)), ','));
                lineOrigin.put(number, new int[] {r, l + 1});
            }
        }
        List<Reject> rejects = new ArrayList<>();
        int[] identity = new int[ImportKind.SALES.fields().size()];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        SalesImporter importer = new SalesImporter(
                connection, named(connection, receipts), identity, clock.getZone(), source, null, participants);
        importer.importChunk(lines, rejects);

        Map<String, List<Problem>> problems = new HashMap<>();
        for (Reject reject : rejects) {
            int[] origin = lineOrigin.get(reject.line());
            String id = receiptIdOf(receipts.get(origin[0]), origin[0]);
            problems.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new Problem(origin[1], camel(reject.field()), reject.reason()));
        }
        Set<String> stored = importer.storedByLastChunk();
        List<ReceiptResult> outcome = new ArrayList<>();
        int imported = 0;
        int unchanged = 0;
        int rejected = 0;
        for (var entry : results.entrySet()) {
            ReceiptResult known = entry.getValue();
            if (known != null) {
                outcome.add(known);
                rejected++;
            } else if (problems.containsKey(entry.getKey())) {
                outcome.add(new ReceiptResult(entry.getKey(), Status.REJECTED, problems.get(entry.getKey())));
                rejected++;
            } else if (stored.contains(entry.getKey())) {
                outcome.add(new ReceiptResult(entry.getKey(), Status.IMPORTED, List.of()));
                imported++;
            } else {
                outcome.add(new ReceiptResult(entry.getKey(), Status.UNCHANGED, List.of()));
                unchanged++;
            }
        }
        importer.tellPurchasesOfLastChunk();
        return new PosReceipts.Result(imported, unchanged, rejected, outcome);
    }

    /** The stores, products and salespeople the receipts name, as given and stripped (the file's validation strips). */
    private static ReferenceData named(Connection connection, List<PosReceipts.Receipt> receipts) throws SQLException {
        Set<String> stores = new HashSet<>();
        Set<String> skus = new HashSet<>();
        Set<String> salespeople = new HashSet<>();
        for (PosReceipts.Receipt receipt : receipts) {
            if (receipt == null) {
                continue;
            }
            addCode(stores, receipt.storeCode());
            addCode(salespeople, receipt.salespersonCode());
            for (PosReceipts.Line line : receipt.lines() == null ? List.<PosReceipts.Line>of() : receipt.lines()) {
                if (line != null) {
                    addCode(skus, line.sku());
                }
            }
        }
        return new ReferenceData(connection, stores, skus, salespeople);
    }

    private static void addCode(Set<String> codes, @Nullable String code) {
        if (code != null) {
            codes.add(code);
            codes.add(code.strip());
        }
    }

    /** A receipt's values in the order of the sales file's fields, so that the file's validation applies. */
    private static String[] fields(PosReceipts.Receipt receipt, PosReceipts.Line line) {
        List<ImportField> fields = ImportKind.SALES.fields();
        String[] values = new String[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (fields.get(i).name()) {
                case "receipt_id" -> receipt.receiptId();
                case "kind" -> receipt.kind();
                case "store_code" -> receipt.storeCode();
                case "salesperson_code" -> receipt.salespersonCode();
                case "sold_at" ->
                    receipt.soldAt() == null ? null : receipt.soldAt().toString();
                case "card_number" -> receipt.cardNumber();
                case "line_no" -> line.lineNo() == null ? null : line.lineNo().toString();
                case "sku" -> line.sku();
                case "quantity" ->
                    line.quantity() == null ? null : line.quantity().toString();
                case "unit_price" ->
                    line.unitPrice() == null ? null : line.unitPrice().toPlainString();
                case "discount" ->
                    line.discount() == null ? null : line.discount().toPlainString();
                case "coupon_code" -> line.couponCode();
                default ->
                    throw new IllegalStateException(
                            "unmapped sales field " + fields.get(i).name());
            };
        }
        return values;
    }

    private static String receiptIdOf(PosReceipts.Receipt receipt, int index) {
        return receipt.receiptId() == null
                ? "#" + (index + 1)
                : receipt.receiptId().strip();
    }

    /** The file's field name as the JSON property it came from: {@code store_code -> storeCode}. */
    private static @Nullable String camel(@Nullable String field) {
        if (field == null) {
            return null;
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : field.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
