package io.clientele.segment;

import io.clientele.analytics.audience.AudienceIndex;
import java.sql.Array;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;
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
 * base tables, in one statement that also checks the summary's version. When it cannot answer (not loaded yet, another
 * run, a field it does not hold), {@link #select} is empty and the SQL paths answer.
 */
@Service
public class SegmentAudience {
    private static final Logger log = LoggerFactory.getLogger(SegmentAudience.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final FieldRegistry fields;
    private final TransactionTemplate snapshot;
    private final boolean enabled;
    private volatile AudienceLoader.@Nullable Loaded current;

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

    /** The customers a condition selects: the index's positions and the changed customers the base tables gave. */
    public record Selection(AudienceIndex index, BitSet positions, long[] changed) {
        public long count() {
            return positions.cardinality() + changed.length;
        }

        /** Every selected customer id, ascending. */
        public long[] ids() {
            long[] ids = Arrays.copyOf(index.ids(positions), (int) count());
            System.arraycopy(changed, 0, ids, positions.cardinality(), changed.length);
            Arrays.sort(ids);
            return ids;
        }
    }

    /** What is loaded: the summary's build time, customers and the arrays' size; empty when nothing is. */
    public record State(OffsetDateTime summaryBuiltAt, int customers, long bytes) {}

    public Optional<State> state() {
        AudienceLoader.Loaded loaded = current;
        return loaded == null
                ? Optional.empty()
                : Optional.of(new State(
                        loaded.version().builtAt(),
                        loaded.index().size(),
                        loaded.index().bytes()));
    }

    /** The loaded index with its dictionaries, as the last reload left it. */
    AudienceLoader.@Nullable Loaded held() {
        return current;
    }

    public Optional<Selection> select(Condition condition, SegmentSql.Context context) {
        AudienceLoader.Loaded loaded = current;
        if (loaded == null
                || !Objects.equals(loaded.version().runId(), context.runId())
                || !loaded.version().zone().equals(context.zone())) {
            return Optional.empty();
        }
        AudienceQuery query = new AudienceQuery(loaded, fields, context.today());
        if (!query.answers(condition)) {
            return Optional.empty();
        }
        BitSet positions = query.select(condition, loaded.index().all());
        SegmentSql.Compiled plain = SegmentSql.compile(condition, fields, context);
        // offset 0 keeps the planner from turning the plain predicate into joins over all receipts
        Optional<long[][]> marks = jdbc.sql("select g.built_at = :builtAt and not g.stale as current,"
                        + " array(select distinct customer_id from segment_dirty) as dirty,"
                        + " array(select d.customer_id from (select distinct customer_id from segment_dirty) d"
                        + " where exists (select 1" + SegmentSql.FROM + " where c.id = d.customer_id and "
                        + plain.where() + " offset 0) order by 1) as matched"
                        + " from segment_summary g")
                .params(plain.params())
                .param("builtAt", loaded.version().builtAt())
                .query((rs, row) -> rs.getBoolean("current")
                        ? new long[][] {longs(rs.getArray("dirty")), longs(rs.getArray("matched"))}
                        : null)
                .optional();
        if (marks.isEmpty()) {
            return Optional.empty();
        }
        for (long id : marks.get()[0]) {
            int position = loaded.index().position(id);
            if (position >= 0) {
                positions.clear(position);
            }
        }
        return Optional.of(new Selection(loaded.index(), positions, marks.get()[1]));
    }

    /**
     * Reads the summary again when the one in the database is not the one held (a refresh, here or on another
     * node); true when a new index is now held. One load at a time; counts keep using the old index until then.
     */
    public synchronized boolean reloadIfChanged() {
        if (!enabled) {
            return false;
        }
        long started = System.nanoTime();
        AudienceLoader.Loaded loaded = snapshot.execute(status -> {
            var connection = DataSourceUtils.getConnection(dataSource);
            try {
                AudienceLoader.Version version = AudienceLoader.version(connection);
                AudienceLoader.Loaded held = current;
                if (version == null || (held != null && held.version().equals(version))) {
                    return null;
                }
                return AudienceLoader.load(connection);
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
                "Audience index loaded: {} customers, {} MB of arrays, in {} ms",
                loaded.index().size(),
                loaded.index().bytes() >> 20,
                (System.nanoTime() - started) / 1_000_000);
        return true;
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
