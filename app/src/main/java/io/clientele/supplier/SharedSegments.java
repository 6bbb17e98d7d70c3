package io.clientele.supplier;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.segment.SavedSegment;
import io.clientele.segment.SavedSegments;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved segments a manager shares with a supplier: the supplier sees how many customers each holds, never who, and
 * a count under {@link #THRESHOLD} only as "fewer than" it, so that a narrow segment cannot single a person out.
 */
@Service
public class SharedSegments {
    /** The smallest count a supplier sees as a number (k-anonymity). */
    public static final int THRESHOLD = 10;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Suppliers suppliers;
    private final SavedSegments segments;
    private final AuditTrail audit;

    SharedSegments(JdbcClient jdbc, Clock clock, Suppliers suppliers, SavedSegments segments, AuditTrail audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.suppliers = suppliers;
        this.segments = segments;
        this.audit = audit;
    }

    /** A shared segment's size: {@code customers} null and {@code fewerThan} the threshold when it is small. */
    public record SegmentCount(
            long segmentId,
            String name,
            @Nullable Long customers,
            @Nullable Integer fewerThan) {}

    /** The segments shared with the supplier, by name, with their sizes now. */
    public List<SegmentCount> of(long supplierId) {
        suppliers.get(supplierId);
        List<Long> ids = jdbc.sql("select segment_id from supplier_segment where supplier_id = :id")
                .param("id", supplierId)
                .query(Long.class)
                .list();
        return ids.stream()
                .flatMap(id -> segments.find(id).stream())
                .sorted(java.util.Comparator.comparing(s -> s.name().toLowerCase(java.util.Locale.ROOT)))
                .map(this::count)
                .toList();
    }

    private SegmentCount count(SavedSegment segment) {
        long customers = segments.count(segment);
        return customers < THRESHOLD
                ? new SegmentCount(segment.id(), segment.name(), null, THRESHOLD)
                : new SegmentCount(segment.id(), segment.name(), customers, null);
    }

    /** Shares a saved segment with the supplier; sharing it again changes nothing. */
    @Transactional
    public void share(long supplierId, @Nullable Long segmentId, String actor) {
        suppliers.get(supplierId);
        if (segmentId == null) {
            throw new InvalidInputException(FieldProblem.of("segmentId", "validation.required"));
        }
        if (segments.find(segmentId).isEmpty()) {
            throw new InvalidInputException(FieldProblem.of("segmentId", "supplier.segment.unknown", segmentId));
        }
        int shared = jdbc.sql("""
                        insert into supplier_segment (supplier_id, segment_id, shared_by, shared_at)
                        values (:supplier, :segment, :actor, :now) on conflict do nothing""")
                .param("supplier", supplierId)
                .param("segment", segmentId)
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (shared > 0) {
            audit.recordAs(actor, "supplier.segment", "supplier", supplierId, Map.of("segment", segmentId));
        }
    }

    /** The saved segments a manager may share, for the form. */
    public List<SavedSegment> shareable() {
        return segments.all(500);
    }
}
