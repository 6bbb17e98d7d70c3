package io.clientele.segment;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.nullableInstant;
import static io.clientele.platform.db.Rows.timestamptz;

import io.clientele.audit.AuditTrail;
import io.clientele.platform.Actor;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PageResult;
import io.clientele.segment.SavedSegment.Kind;
import io.clientele.segment.sql.SegmentSql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved segments: {@link #create}, {@link #update} and {@link #refreeze}, each a new version kept with who saved it
 * and when, and an entry in the audit trail. A snapshot's members are frozen in the same transaction as its version.
 */
@Service
public class SavedSegments {
    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, name, description, kind, format, condition::text as condition, version,"
            + " created_by, created_at, updated_by, updated_at, snapshot_at, snapshot_count";

    private final JdbcClient jdbc;
    private final FieldRegistry fields;
    private final SegmentQueries queries;
    private final AuditTrail audit;
    private final Clock clock;

    SavedSegments(JdbcClient jdbc, FieldRegistry fields, SegmentQueries queries, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.fields = fields;
        this.queries = queries;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a person or an integration saves: the name is trimmed, an empty description is none. */
    public record Draft(String name, @Nullable String description, Kind kind, Condition condition) {}

    /** The segment, and whether this call created it (false: an equal one existed, nothing changed). */
    public record Saved(SavedSegment segment, boolean created) {}

    /**
     * Creates a segment, version 1 (a snapshot is frozen now). When a segment of that name (any case) exists with the
     * same kind and condition, it is answered and nothing changes, so a retried request creates one segment; with
     * another condition or kind it is a {@link SegmentNameTakenException}.
     */
    @Transactional
    public Saved create(Draft input) {
        Draft draft = checked(input);
        Instant now = clock.instant();
        String actor = Actor.current().name();
        Optional<Long> inserted = jdbc.sql("""
                        insert into segment (name, description, kind, format, condition, version, created_by, created_at,
                                             updated_by, updated_at, snapshot_at, snapshot_count)
                        values (:name, :description, :kind, :format, cast(:condition as jsonb), 1, :actor, :now,
                                :actor, :now, :snapshotAt, :snapshotCount)
                        on conflict ((lower(name))) do nothing
                        returning id""")
                .param("name", draft.name())
                .param("description", draft.description())
                .param("kind", draft.kind().name())
                .param("format", ConditionJson.VERSION)
                .param("condition", ConditionJson.toJson(draft.condition()))
                .param("actor", actor)
                .param("now", timestamptz(now))
                .param("snapshotAt", draft.kind() == Kind.SNAPSHOT ? timestamptz(now) : null)
                .param("snapshotCount", draft.kind() == Kind.SNAPSHOT ? 0L : null)
                .query(Long.class)
                .optional();
        if (inserted.isEmpty()) {
            SavedSegment existing = findByName(draft.name()).orElseThrow();
            if (existing.kind() == draft.kind() && condition(existing).equals(draft.condition())) {
                return new Saved(existing, false);
            }
            throw new SegmentNameTakenException(draft.name());
        }
        long id = inserted.get();
        if (draft.kind() == Kind.SNAPSHOT) {
            freeze(id, draft.condition(), now);
        }
        appendVersion(id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", draft.name());
        details.put("kind", draft.kind().name());
        details.put("condition", ConditionJson.write(draft.condition()));
        audit.record("segment.created", "segment", id, details);
        return new Saved(get(id), true);
    }

    /**
     * Saves a new version with the draft's name, description, kind and condition; a body equal to the current version
     * records nothing. A snapshot whose condition changes, or a dynamic segment that becomes one, is frozen again now;
     * a snapshot that becomes dynamic lets its frozen members go.
     */
    @Transactional
    public SavedSegment update(long id, Draft input) {
        Draft draft = checked(input);
        SavedSegment current = lock(id);
        Condition before = condition(current);
        boolean conditionChanged = !before.equals(draft.condition());
        List<String> changed = new ArrayList<>();
        if (!current.name().equals(draft.name())) {
            changed.add("name");
        }
        if (!Objects.equals(current.description(), draft.description())) {
            changed.add("description");
        }
        if (current.kind() != draft.kind()) {
            changed.add("kind");
        }
        if (conditionChanged) {
            changed.add("condition");
        }
        if (changed.isEmpty()) {
            return current;
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                            update segment set name = :name, description = :description, kind = :kind,
                                   format = :format, condition = cast(:condition as jsonb), version = version + 1,
                                   updated_by = :actor, updated_at = :now,
                                   snapshot_at = case when :kind = 'SNAPSHOT' then coalesce(snapshot_at, :now) end,
                                   snapshot_count = case when :kind = 'SNAPSHOT' then snapshot_count end
                            where id = :id""")
                    .param("id", id)
                    .param("name", draft.name())
                    .param("description", draft.description())
                    .param("kind", draft.kind().name())
                    .param("format", ConditionJson.VERSION)
                    .param("condition", ConditionJson.toJson(draft.condition()))
                    .param("actor", Actor.current().name())
                    .param("now", timestamptz(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new SegmentNameTakenException(draft.name());
        }
        if (draft.kind() == Kind.SNAPSHOT && (conditionChanged || current.kind() == Kind.DYNAMIC)) {
            freeze(id, draft.condition(), now);
        } else if (draft.kind() == Kind.DYNAMIC) {
            jdbc.sql("delete from segment_member where segment_id = :id")
                    .param("id", id)
                    .update();
        }
        appendVersion(id);
        SavedSegment after = get(id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("version", after.version());
        details.put("changed", changed);
        if (conditionChanged) {
            details.put("from", current.condition());
            details.put("to", after.condition());
        }
        audit.record("segment.updated", "segment", id, details);
        return after;
    }

    /** Freezes a snapshot again with the customers its condition selects now: a new version with today's date. */
    @Transactional
    public SavedSegment refreeze(long id) {
        SavedSegment current = lock(id);
        if (current.kind() != Kind.SNAPSHOT) {
            throw new IllegalArgumentException("kind: only a snapshot is frozen; segment " + id + " is dynamic");
        }
        Instant now = clock.instant();
        jdbc.sql("update segment set version = version + 1, updated_by = :actor, updated_at = :now where id = :id")
                .param("id", id)
                .param("actor", Actor.current().name())
                .param("now", timestamptz(now))
                .update();
        long members = freeze(id, condition(current), now);
        appendVersion(id);
        audit.record(
                "segment.refrozen",
                "segment",
                id,
                Map.of("version", current.version() + 1, "before", current.snapshotCount(), "members", members));
        return get(id);
    }

    public Optional<SavedSegment> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from segment where id = :id")
                .param("id", id)
                .query(SavedSegments::segment)
                .optional();
    }

    public SavedSegment get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("No segment " + id));
    }

    public Optional<SavedSegment> findByName(String name) {
        return jdbc.sql("select " + COLUMNS + " from segment where lower(name) = lower(:name)")
                .param("name", name.strip())
                .query(SavedSegments::segment)
                .optional();
    }

    /** Segments by name, a page at a time. */
    public PageResult<SavedSegment> page(int page, int size) {
        long total = jdbc.sql("select count(*) from segment").query(Long.class).single();
        List<SavedSegment> items = jdbc.sql(
                        "select " + COLUMNS + " from segment order by lower(name), id limit :limit offset :offset")
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(SavedSegments::segment)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    /** Every segment's id and name, for pickers (a few hundred at most in practice). */
    public List<SavedSegment> all(int limit) {
        return jdbc.sql("select " + COLUMNS + " from segment order by lower(name), id limit :limit")
                .param("limit", limit)
                .query(SavedSegments::segment)
                .list();
    }

    /** Every version of a segment, the newest first. */
    public List<SavedSegment.Version> versions(long id) {
        get(id);
        return jdbc.sql("""
                        select version, name, description, kind, format, condition::text as condition, saved_by,
                               saved_at, snapshot_at, snapshot_count
                        from segment_version where segment_id = :id order by version desc""")
                .param("id", id)
                .query((rs, row) -> new SavedSegment.Version(
                        rs.getInt("version"),
                        rs.getString("name"),
                        rs.getString("description"),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getInt("format"),
                        JSON.readTree(rs.getString("condition")),
                        rs.getString("saved_by"),
                        instant(rs, "saved_at"),
                        nullableInstant(rs, "snapshot_at"),
                        rs.getObject("snapshot_count", Long.class)))
                .list();
    }

    /** The segment's condition, read back from its JSON. */
    public Condition condition(SavedSegment segment) {
        return ConditionJson.read(segment.condition(), fields);
    }

    /**
     * Who the segment selects, as a predicate over {@code c} and {@code s}: a dynamic segment's condition now, a
     * snapshot's frozen members.
     */
    SegmentPredicate selection(SavedSegment segment) {
        return selection(List.of(segment));
    }

    /** Who all of the segments select (their intersection), as one predicate. */
    SegmentPredicate selection(List<SavedSegment> segments) {
        List<Condition> dynamic = new ArrayList<>();
        List<Long> snapshots = new ArrayList<>();
        for (SavedSegment segment : segments) {
            if (segment.kind() == Kind.SNAPSHOT) {
                snapshots.add(segment.id());
            } else {
                dynamic.add(condition(segment));
            }
        }
        SegmentPredicate compiled =
                queries.compile(dynamic.size() == 1 ? dynamic.getFirst() : new Condition.All(dynamic));
        StringBuilder where = new StringBuilder("(").append(compiled.where()).append(")");
        Map<String, Object> params = new LinkedHashMap<>(compiled.params());
        for (int i = 0; i < snapshots.size(); i++) {
            where.append(" and exists (select 1 from segment_member m where m.segment_id = :snapshot")
                    .append(i)
                    .append(" and m.customer_id = c.id)");
            params.put("snapshot" + i, snapshots.get(i));
        }
        return new SegmentPredicate(where.toString(), params);
    }

    /**
     * Who any of the segments selects (their union), as one predicate over {@link SegmentSql#FROM}: dynamic segments'
     * conditions now, snapshots' frozen members. For campaign audiences, which target several segments at once.
     */
    public SegmentPredicate union(List<SavedSegment> segments) {
        List<Condition> dynamic = new ArrayList<>();
        List<Long> snapshots = new ArrayList<>();
        for (SavedSegment segment : segments) {
            if (segment.kind() == Kind.SNAPSHOT) {
                snapshots.add(segment.id());
            } else {
                dynamic.add(condition(segment));
            }
        }
        SegmentPredicate compiled = queries.compile(new Condition.Any(dynamic));
        if (snapshots.isEmpty()) {
            return compiled;
        }
        Map<String, Object> params = new LinkedHashMap<>(compiled.params());
        params.put("unionSnapshots", snapshots);
        return new SegmentPredicate(
                "(" + compiled.where() + ") or exists (select 1 from segment_member m"
                        + " where m.segment_id in (:unionSnapshots) and m.customer_id = c.id)",
                params);
    }

    /** How many customers the segment holds: a snapshot's frozen members, a dynamic segment's now. */
    public long count(SavedSegment segment) {
        if (segment.kind() == Kind.SNAPSHOT) {
            return jdbc.sql("select count(*) from segment_member where segment_id = :id")
                    .param("id", segment.id())
                    .query(Long.class)
                    .single();
        }
        return queries.count(condition(segment));
    }

    /**
     * Who the segment holds as ascending customer ids: a snapshot's frozen members, a dynamic segment's through the
     * audience index; empty when the index cannot answer for its condition.
     */
    Optional<long[]> ids(SavedSegment segment) {
        if (segment.kind() == Kind.DYNAMIC) {
            return queries.selectedIds(condition(segment));
        }
        return Optional.of(jdbc
                .sql("select customer_id from segment_member where segment_id = :id order by 1")
                .param("id", segment.id())
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray());
    }

    public PageResult<SegmentQueries.Member> members(SavedSegment segment, String sort, int page, int size) {
        if (!SegmentQueries.isSort(sort)) {
            throw new IllegalArgumentException("sort: name, clv, profit, recency, since, grade or alive, not '"
                    + (sort.length() > 40 ? sort.substring(0, 40) : sort) + "'");
        }
        if (segment.kind() == Kind.DYNAMIC) {
            return queries.members(condition(segment), sort, page, size);
        }
        return queries.members(selection(segment), sort, page, size, count(segment));
    }

    private long freeze(long id, Condition condition, Instant at) {
        jdbc.sql("delete from segment_member where segment_id = :id")
                .param("id", id)
                .update();
        SegmentPredicate compiled = queries.compile(condition);
        Map<String, Object> params = new LinkedHashMap<>(compiled.params());
        params.put("segmentId", id);
        long members = jdbc.sql("insert into segment_member (segment_id, customer_id) select :segmentId, c.id"
                        + SegmentPredicate.FROM + " where " + compiled.where())
                .params(params)
                .update();
        jdbc.sql("update segment set snapshot_at = :at, snapshot_count = :count where id = :id")
                .param("id", id)
                .param("at", timestamptz(at))
                .param("count", members)
                .update();
        return members;
    }

    private void appendVersion(long id) {
        jdbc.sql("""
                        insert into segment_version (segment_id, version, name, description, kind, format, condition,
                                                     saved_by, saved_at, snapshot_at, snapshot_count)
                        select id, version, name, description, kind, format, condition, updated_by, updated_at,
                               snapshot_at, snapshot_count
                        from segment where id = :id""").param("id", id).update();
    }

    private SavedSegment lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from segment where id = :id for update")
                .param("id", id)
                .query(SavedSegments::segment)
                .optional()
                .orElseThrow(() -> new NotFoundException("No segment " + id));
    }

    private static Draft checked(Draft draft) {
        String name = draft.name() == null ? "" : draft.name().strip();
        String description =
                draft.description() == null ? null : draft.description().strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (name.isEmpty()) {
            problems.add(FieldProblem.of("name", "validation.required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(FieldProblem.of("name", "validation.length", MAX_NAME));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(FieldProblem.of("description", "validation.length", MAX_DESCRIPTION));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Draft(
                name,
                description == null || description.isEmpty() ? null : description,
                draft.kind(),
                draft.condition());
    }

    private static SavedSegment segment(ResultSet rs, int row) throws SQLException {
        return new SavedSegment(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                Kind.valueOf(rs.getString("kind")),
                rs.getInt("format"),
                JSON.readTree(rs.getString("condition")),
                rs.getInt("version"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                rs.getString("updated_by"),
                instant(rs, "updated_at"),
                nullableInstant(rs, "snapshot_at"),
                rs.getObject("snapshot_count", Long.class));
    }
}
