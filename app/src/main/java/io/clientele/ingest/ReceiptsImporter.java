package io.clientele.ingest;

import io.clientele.platform.db.CopyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers file of sales that come as two files. Headers are checked (store, time, kind) and kept by (source,
 * receipt id); the lines file, imported next as sales, takes each receipt's header from here.
 */
record ReceiptsImporter(
        Connection connection, ReferenceData reference, int[] columns, ZoneId zone, String source, long jobId)
        implements Importer {
    private static final ImportKind KIND = ImportKind.RECEIPTS;

    @Override
    public Counts importChunk(List<SourceLine> lines, List<Reject> rejects) throws SQLException {
        Staging.create(connection, """
                create temp table if not exists stg_receipt (receipt_id text, kind text, store_code text,
                    salesperson_code text, sold_at text, card_number text)
                on commit delete rows""");
        CopyRows staged = new CopyRows();
        Map<String, Long> seen = new HashMap<>();
        for (Row row : Row.readable(KIND, columns, lines, rejects, zone)) {
            String receiptId = row.required(KIND.index("receipt_id"));
            row.firstOccurrence(KIND.index("receipt_id"), receiptId, seen, "receipt");
            String store = row.required(KIND.index("store_code"));
            String storeProblem = store == null ? null : reference.storeProblem(store);
            if (storeProblem != null) {
                row.reject("store_code", storeProblem);
            }
            row.instant(KIND.index("sold_at"), true);
            String kind = row.oneOf(KIND.index("kind"), SalesImporter.KINDS);
            if (row.valid()) {
                staged.add(receiptId).add(kind).add(store).add(row.text(KIND.index("salesperson_code")));
                staged.add(row.text(KIND.index("sold_at"))).add(row.text(KIND.index("card_number")));
                staged.endRow();
            }
        }
        staged.copyInto(connection, "copy stg_receipt from stdin");
        try (var upsert = connection.prepareStatement("""
                insert into receipt_header (source, receipt_id, kind, store_code, salesperson_code, sold_at,
                                            card_number, import_job_id)
                select ?, receipt_id, kind, store_code, salesperson_code, sold_at, card_number, ? from stg_receipt
                on conflict (source, receipt_id) do update
                set kind = excluded.kind, store_code = excluded.store_code,
                    salesperson_code = excluded.salesperson_code, sold_at = excluded.sold_at,
                    card_number = excluded.card_number, import_job_id = excluded.import_job_id
                where (receipt_header.kind, receipt_header.store_code, receipt_header.salesperson_code,
                       receipt_header.sold_at, receipt_header.card_number)
                      is distinct from (excluded.kind, excluded.store_code, excluded.salesperson_code,
                                        excluded.sold_at, excluded.card_number)""");
                var statement = connection.createStatement()) {
            upsert.setString(1, source);
            upsert.setLong(2, jobId);
            long written = upsert.executeUpdate();
            return new Counts(written, Staging.count(connection, "stg_receipt") - written);
        }
    }
}
