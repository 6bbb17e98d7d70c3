package io.clientele.segment.audience;

import io.clientele.analytics.audience.AudienceIndex;
import io.clientele.analytics.audience.ScaledColumn;
import io.clientele.segment.Condition;
import io.clientele.segment.FieldRegistry;
import io.clientele.segment.SegmentContext;
import io.clientele.segment.SegmentField;
import io.clientele.segment.SegmentPredicate;
import io.clientele.segment.sql.SegmentSql;
import java.sql.Array;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The segment summary held in memory as an {@link AudienceIndex}: a count is a few scans of arrays instead of a scan
 * of the summary table. Exact in the same way as the summary: it answers only while the summary in the database is
 * the one it was read from, and customers marked changed since are taken out of its answer and tested against the
 * base tables, in one statement that also checks the summary's version. Rows folded into the summary since the index
 * was read are held beside it as a small second index (the delta) that answers for those customers; when the delta
 * grows past a tenth of the index, the whole summary is read again. When it cannot answer (not loaded yet, another
 * run, a field it does not hold), {@link #select} is empty and the SQL paths answer.
 */
@Service
public class SegmentAudience {
    private static final Logger log = LoggerFactory.getLogger(SegmentAudience.class);

    /** A delta larger than this share of the index (1/n) makes the next reload read the whole summary. */
    private static final int WHOLE_READ_AT = 10;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FieldRegistry fields;
    private final TransactionTemplate snapshot;
    private final boolean enabled;
    private volatile @Nullable Held current;

    /**
     * What counts read: the index of the last whole read, the delta folded since (null: none), the index's positions
     * the delta does not replace, and the summary version all of it is.
     */
    private record Held(
            AudienceLoader.Loaded base,
            AudienceLoader.@Nullable Loaded delta,
            BitSet unchanged,
            AudienceLoader.Version version) {
        int folded() {
            return delta == null ? 0 : delta.index().size();
        }

        long bytes() {
            return base.index().bytes() + (delta == null ? 0 : delta.index().bytes());
        }
    }

    SegmentAudience(
            JdbcClient jdbc,
            DataSource dataSource,
            FieldRegistry fields,
            PlatformTransactionManager transactions,
            @org.springframework.beans.factory.annotation.Value("${clientele.segments.audience.enabled:true}")
                    boolean enabled) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.fields = fields;
        this.enabled = enabled;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * The customers a condition selects: the index's positions, and the ids of the customers it answered for
     * otherwise (from the delta, or from the base tables for those changed since the last fold).
     */
    public record Selection(AudienceIndex index, BitSet positions, long[] changed) {
        public long count() {
            return positions.cardinality() + changed.length;
        }

        /** Every selected customer id, ascending. */
        public long[] ids() {
            return join(index.ids(positions));
        }

        /**
         * Customers among whom the first {@code k} by a number the index holds (largest first, as {@link
         * ScaledColumn#top}) are sure to be: the index's first k by it, and every customer it answered for otherwise
         * (whose number it does not hold). All of them when it does not hold the number.
         */
        public long[] firstBy(SegmentField.Column number, int k) {
            return index.scaled(number.name())
                    .map(column -> {
                        int[] top = column.top(positions, k);
                        long[] ids = new long[top.length];
                        for (int i = 0; i < top.length; i++) {
                            ids[i] = index.id(top[i]);
                        }
                        return join(ids);
                    })
                    .orElseGet(this::ids);
        }

        private long[] join(long[] fromIndex) {
            long[] ids = Arrays.copyOf(fromIndex, fromIndex.length + changed.length);
            System.arraycopy(changed, 0, ids, fromIndex.length, changed.length);
            Arrays.sort(ids);
            return ids;
        }
    }

    /**
     * What is loaded: the summary's build time and revision, the customers of the whole read and of the delta, the
     * arrays' size; empty when nothing is.
     */
    public record State(OffsetDateTime summaryBuiltAt, long revision, int customers, int folded, long bytes) {}

    public Optional<State> state() {
        Held held = current;
        return held == null
                ? Optional.empty()
                : Optional.of(new State(
                        held.version().builtAt(),
                        held.version().revision(),
                        held.base().index().size(),
                        held.folded(),
                        held.bytes()));
    }

    /** The index of the last whole read with its dictionaries. */
    public AudienceLoader.@Nullable Loaded held() {
        Held held = current;
        return held == null ? null : held.base();
    }

    public Optional<Selection> select(Condition condition, SegmentContext context) {
        Held held = current;
        if (held == null
                || !Objects.equals(held.version().runId(), context.runId())
                || !held.version().zone().equals(context.zone())) {
            return Optional.empty();
        }
        AudienceQuery query = new AudienceQuery(held.base(), fields, context.today());
        if (!query.answers(condition)) {
            return Optional.empty();
        }
        BitSet positions = query.select(condition, held.unchanged());
        AudienceLoader.Loaded delta = held.delta();
        long[] folded = delta == null
                ? new long[0]
                : delta.index()
                        .ids(new AudienceQuery(delta, fields, context.today())
                                .select(condition, delta.index().all()));
        SegmentPredicate plain = SegmentSql.compile(condition, fields, context);
        // offset 0 keeps the planner from turning the plain predicate into joins over all receipts
        Optional<long[][]> marks = jdbc.sql("select g.built_at = :builtAt and g.revision = :revision"
                        + " and not g.stale as current,"
                        + " array(select distinct customer_id from segment_dirty order by 1) as dirty,"
                        + " array(select d.customer_id from (select distinct customer_id from segment_dirty) d"
                        + " where exists (select 1" + SegmentPredicate.FROM + " where c.id = d.customer_id and "
                        + plain.where() + " offset 0) order by 1) as matched"
                        + " from segment_summary g")
                .params(plain.params())
                .param("builtAt", held.version().builtAt())
                .param("revision", held.version().revision())
                .query((rs, row) -> rs.getBoolean("current")
                        ? new long[][] {longs(rs.getArray("dirty")), longs(rs.getArray("matched"))}
                        : null)
                .optional();
        if (marks.isEmpty()) {
            return Optional.empty();
        }
        long[] dirty = marks.get()[0];
        for (long id : dirty) {
            int position = held.base().index().position(id);
            if (position >= 0) {
                positions.clear(position);
            }
        }
        long[] changed = LongStream.concat(
                        Arrays.stream(folded).filter(id -> Arrays.binarySearch(dirty, id) < 0),
                        Arrays.stream(marks.get()[1]))
                .toArray();
        return Optional.of(new Selection(held.base().index(), positions, changed));
    }

    /**
     * Forgets what is held and reads the whole summary again: after a person's erasure, whose values the index and
     * its dictionaries must no longer hold. Counts are answered by SQL until the read is done.
     */
    public synchronized void reloadWhole() {
        current = null;
        reloadIfChanged();
    }

    /**
     * Reads the summary again when the one in the database is not the one held (a refresh or a fold, here or on
     * another node): after a fold only the rows folded since the last whole read, unless they are more than a tenth
     * of it. True when something new is now held. One load at a time; counts keep using the old index until then.
     */
    public synchronized boolean reloadIfChanged() {
        if (!enabled) {
            return false;
        }
        long started = System.nanoTime();
        Held loaded = snapshot.execute(status -> {
            var connection = DataSourceUtils.getConnection(dataSource);
            try {
                return read(connection, fields, current);
            } catch (SQLException e) {
                throw new IllegalStateException("the segment summary could not be read into memory", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
        if (loaded == null) {
            return false;
        }
        current = loaded;
        log.info(
                "Audience index loaded: {} customers and {} folded since, {} MB of arrays, in {} ms",
                loaded.base().index().size(),
                loaded.folded(),
                loaded.bytes() >> 20,
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** What to hold now, read in the caller's snapshot; null when what is held is still current. */
    private static @Nullable Held read(java.sql.Connection connection, FieldRegistry fields, @Nullable Held held)
            throws SQLException {
        AudienceLoader.Version version = AudienceLoader.version(connection);
        if (version == null || (held != null && held.version().equals(version))) {
            return null;
        }
        if (held != null && held.base().version().sameBuild(version)) {
            long since = held.base().version().revision();
            long[] changed = AudienceLoader.changedSince(connection, since);
            AudienceIndex index = held.base().index();
            if ((long) changed.length * WHOLE_READ_AT <= index.size()) {
                BitSet unchanged = index.all();
                for (long id : changed) {
                    int position = index.position(id);
                    if (position >= 0) {
                        unchanged.clear(position);
                    }
                }
                return new Held(
                        held.base(),
                        AudienceLoader.loadChanged(connection, fields, version, since, changed.length),
                        unchanged,
                        version);
            }
        }
        AudienceLoader.Loaded whole = AudienceLoader.load(connection, fields);
        return whole == null ? null : new Held(whole, null, whole.index().all(), whole.version());
    }

    private static long[] longs(@Nullable Array array) throws SQLException {
        if (array == null) {
            return new long[0];
        }
        Long[] boxed = (Long[]) array.getArray();
        long[] out = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }
}
