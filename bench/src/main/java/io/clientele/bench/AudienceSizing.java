package io.clientele.bench;

import io.clientele.segment.Condition;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.audience.AudienceLoader;
import io.clientele.segment.audience.AudienceQuery;
import io.clientele.segment.audience.SegmentAudience;
import java.time.LocalDate;

/**
 * The audience index held by {@link SegmentAudience}, repeated to a size the bench database does not reach, and
 * conditions selected on it as the count path selects them (without the changed customers, which a repeated index
 * has none of). In the bench module: sizing is not something the application does.
 */
final class AudienceSizing {
    private final AudienceLoader.Loaded loaded;
    private final FieldRegistry fields;

    private AudienceSizing(AudienceLoader.Loaded loaded, FieldRegistry fields) {
        this.loaded = loaded;
        this.fields = fields;
    }

    /** The held index {@code times} over; once is the held index itself. */
    public static AudienceSizing of(SegmentAudience audience, FieldRegistry fields, int times) {
        AudienceLoader.Loaded held = audience.held();
        if (held == null) {
            throw new IllegalStateException("no audience index is loaded");
        }
        return of(new AudienceSizing(held, fields), times);
    }

    /** This index {@code times} over. */
    public static AudienceSizing of(AudienceSizing sizing, int times) {
        AudienceLoader.Loaded from = sizing.loaded;
        return times == 1
                ? sizing
                : new AudienceSizing(
                        new AudienceLoader.Loaded(
                                from.index().repeat(times), from.version(), from.terms(), from.setCodes()),
                        sizing.fields);
    }

    public int customers() {
        return loaded.index().size();
    }

    public long bytes() {
        return loaded.index().bytes();
    }

    public long count(Condition condition, LocalDate today) {
        AudienceQuery query = new AudienceQuery(loaded, fields, today);
        if (!query.answers(condition)) {
            throw new IllegalArgumentException("the audience index cannot answer " + condition);
        }
        return query.select(condition, loaded.index().all()).cardinality();
    }
}
