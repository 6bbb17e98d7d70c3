package io.clientele.segment;

import io.clientele.segment.SegmentField.Column;
import io.clientele.segment.SegmentField.Receipt;
import io.clientele.segment.SegmentField.SetColumn;
import io.clientele.segment.SegmentField.TermColumn;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything a condition can ask about one customer, in memory: what {@link SegmentEvaluator} reads, by the
 * descriptions of the fields' storage. {@code columns} holds each scalar column's value (absent: null, as SQL's);
 * receipts leave cancelled ones out.
 */
public record CustomerFacts(
        long id,
        Map<Column, Object> columns,
        Map<SetColumn, Set<String>> sets,
        Map<String, Object> attributes,
        List<Receipt> receipts,
        Map<TermColumn, List<Held>> terms) {

    /** A value of a {@link TermColumn} the customer came to hold, and the day. */
    public record Held(String value, LocalDate day) {}

    @Nullable
    Object column(Column column) {
        return columns.get(column);
    }
}
