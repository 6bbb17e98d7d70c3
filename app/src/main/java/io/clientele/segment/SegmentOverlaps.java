package io.clientele.segment;

import io.clientele.segment.SavedSegment.Kind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * How saved segments overlap: for each pair, the customers in both, each segment as it is counted on its own (a
 * snapshot's frozen members, a dynamic segment's now). Pairs whose members are both known as ids (snapshots, and
 * dynamic segments the audience index answers for) are intersected in memory; the others are counted in the database,
 * one query per pair.
 */
@Service
public class SegmentOverlaps {
    public static final int MAX_SEGMENTS = 10;

    private final SavedSegments segments;
    private final SegmentQueries queries;

    SegmentOverlaps(SavedSegments segments, SegmentQueries queries) {
        this.segments = segments;
        this.queries = queries;
    }

    public record Segment(long id, String name, Kind kind, long count) {}

    /** The customers in both the row's and the column's segment, and their share of the row segment (0–1). */
    public record Cell(long count, @Nullable Double share) {}

    /** {@code matrix.get(i).get(j)}: segments i and j; the diagonal is each segment itself. */
    public record Overlap(List<Segment> segments, List<List<Cell>> matrix) {}

    public Overlap of(List<Long> ids) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.size() < 2 || distinct.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException(
                    "segments: 2 to " + MAX_SEGMENTS + " different segment ids, not " + distinct.size());
        }
        List<SavedSegment> saved = distinct.stream().map(segments::get).toList();
        int n = saved.size();
        List<Optional<long[]>> members = saved.stream().map(segments::ids).toList();
        long[][] counts = new long[n][n];
        for (int i = 0; i < n; i++) {
            SavedSegment segment = saved.get(i);
            counts[i][i] = members.get(i).map(held -> (long) held.length).orElseGet(() -> segments.count(segment));
            for (int j = 0; j < i; j++) {
                long both = members.get(i).isPresent() && members.get(j).isPresent()
                        ? common(members.get(i).get(), members.get(j).get())
                        : queries.count(segments.selection(List.of(segment, saved.get(j))));
                counts[i][j] = both;
                counts[j][i] = both;
            }
        }
        List<Segment> rows = new ArrayList<>();
        List<List<Cell>> matrix = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SavedSegment s = saved.get(i);
            rows.add(new Segment(s.id(), s.name(), s.kind(), counts[i][i]));
            List<Cell> row = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                row.add(new Cell(counts[i][j], counts[i][i] == 0 ? null : (double) counts[i][j] / counts[i][i]));
            }
            matrix.add(row);
        }
        return new Overlap(rows, matrix);
    }

    /** How many ids two ascending arrays have in common. */
    public static long common(long[] a, long[] b) {
        long count = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                count++;
                i++;
                j++;
            }
        }
        return count;
    }
}
