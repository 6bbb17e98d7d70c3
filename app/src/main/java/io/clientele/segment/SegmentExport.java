package io.clientele.segment;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Writes the members of a segment or a condition as CSV for spreadsheets (formulas neutralised), walking them by id in chunks so that memory stays bounded
 * whatever the size. Every export is in the audit trail: it is personal data leaving the system.
 */
@Service
public class SegmentExport {
    static final List<String> HEADER = List.of(
            "id",
            "customer_number",
            "name",
            "email",
            "city",
            "grade",
            "rfm_segment",
            "clv_12m",
            "p_alive",
            "last_purchase",
            "p_alive_withheld");
    private static final int CHUNK = 5_000;

    private final SegmentQueries queries;
    private final SavedSegments segments;
    private final AuditTrail audit;

    SegmentExport(SegmentQueries queries, SavedSegments segments, AuditTrail audit) {
        this.queries = queries;
        this.segments = segments;
        this.audit = audit;
    }

    /** A saved segment's members: a snapshot's frozen ones, a dynamic segment's now. */
    public long write(SavedSegment segment, Writer out) throws IOException {
        long rows = segment.kind() == SavedSegment.Kind.DYNAMIC
                ? rows(segments.condition(segment), out)
                : rows(segments.selection(segment), out);
        audit.record("segment.exported", "segment", segment.id(), Map.of("version", segment.version(), "rows", rows));
        return rows;
    }

    /** The customers a condition selects now. */
    public long write(Condition condition, Writer out) throws IOException {
        long rows = rows(condition, out);
        audit.record(
                "segment.exported",
                "condition",
                "-",
                Map.of("condition", ConditionJson.write(condition), "rows", rows));
        return rows;
    }

    /** By the ids the audience index selects when it can answer, else by the predicate. */
    private long rows(Condition condition, Writer out) throws IOException {
        SegmentPredicate compiled = queries.compile(condition);
        Optional<long[]> ids = queries.selectedIds(condition);
        if (ids.isEmpty()) {
            return rows(compiled, out);
        }
        CsvWriter csv = header(out);
        long rows = 0;
        for (int from = 0; from < ids.get().length; from += CHUNK) {
            long[] chunk = Arrays.copyOfRange(ids.get(), from, Math.min(ids.get().length, from + CHUNK));
            rows += write(csv, queries.membersAfter(SegmentQueries.byIds(compiled, chunk), 0, CHUNK));
        }
        out.flush();
        return rows;
    }

    /** Walks the customers the predicate selects by id. */
    private long rows(SegmentPredicate selection, Writer out) throws IOException {
        CsvWriter csv = header(out);
        long rows = 0;
        long after = 0;
        while (true) {
            List<SegmentQueries.Member> chunk = queries.membersAfter(selection, after, CHUNK);
            rows += write(csv, chunk);
            if (chunk.size() < CHUNK) {
                break;
            }
            after = chunk.getLast().id();
        }
        out.flush();
        return rows;
    }

    private static CsvWriter header(Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out, CsvWriteOptions.forSpreadsheets());
        csv.writeRow(HEADER);
        return csv;
    }

    private static int write(CsvWriter csv, List<SegmentQueries.Member> members) throws IOException {
        for (SegmentQueries.Member m : members) {
            csv.writeRow(List.of(
                    Long.toString(m.id()),
                    text(m.externalId()),
                    m.name(),
                    text(m.email()),
                    text(m.city()),
                    text(m.grade()),
                    text(m.rfmSegment()),
                    number(m.lifetimeValue()),
                    number(m.probabilityAlive()),
                    m.lastPurchase() == null ? "" : m.lastPurchase().toString(),
                    text(m.probabilityAliveWithheld())));
        }
        return members.size();
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String number(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
