package io.clientele.insight;

import io.clientele.analytics.value.ScoringParameters;
import io.clientele.platform.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The scoring runs: queued, claimed, their progress, their end, and which is the latest that completed. */
@Service
public class ScoreRuns {
    /**
     * Summaries stay readable across versions: a run stored before a figure existed reads it as its default (false,
     * 0) rather than failing every page and worker that reads the latest run.
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final String SELECT = "select * from score_run ";

    private final JdbcClient jdbc;
    private final Clock clock;

    ScoreRuns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Queues a run for a worker (or for the caller to run at once: the command line). A run of the same date and
     * parameters that is still queued or running is answered instead, so a repeated click or request queues once.
     */
    public ScoreRun queue(ScoreRun.Trigger trigger, LocalDate asOf, ScoringParameters parameters, String requestedBy) {
        String json = JSON.writeValueAsString(parameters);
        Optional<ScoreRun> pending = jdbc.sql(SELECT + """
                        where status in ('QUEUED', 'RUNNING') and as_of = :asOf and parameters = cast(:parameters as jsonb)
                        order by id limit 1""")
                .param("asOf", asOf)
                .param("parameters", json)
                .query(ScoreRuns::run)
                .optional();
        if (pending.isPresent()) {
            return pending.get();
        }
        long id = jdbc.sql("""
                        insert into score_run (status, trigger, as_of, parameters, requested_by, created_at)
                        values ('QUEUED', :trigger, :asOf, cast(:parameters as jsonb), :by, :now)
                        returning id""")
                .param("trigger", trigger.name())
                .param("asOf", asOf)
                .param("parameters", json)
                .param("by", requestedBy)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    /** The nightly run of a day: queued once, whichever node asks first. */
    Optional<ScoreRun> queueNightly(LocalDate asOf, ScoringParameters parameters) {
        List<Long> ids = jdbc.sql("""
                        insert into score_run (status, trigger, as_of, parameters, requested_by, created_at)
                        values ('QUEUED', 'SCHEDULE', :asOf, cast(:parameters as jsonb), 'schedule', :now)
                        on conflict (as_of) where trigger = 'SCHEDULE' do nothing
                        returning id""")
                .param("asOf", asOf)
                .param("parameters", JSON.writeValueAsString(parameters))
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .list();
        return ids.stream().findFirst().flatMap(this::find);
    }

    public Optional<ScoreRun> find(long id) {
        return jdbc.sql(SELECT + "where id = :id")
                .param("id", id)
                .query(ScoreRuns::run)
                .optional();
    }

    /**
     * The run whose scores the pages and segments use: of the completed runs, the one as of the latest date, and of
     * those the last to finish — a run as of a past date (a backfill, a what-if) does not replace the current one.
     */
    public Optional<ScoreRun> latestCompleted() {
        return jdbc.sql(SELECT + "where status = 'COMPLETED' order by as_of desc, finished_at desc, id desc limit 1")
                .query(ScoreRuns::run)
                .optional();
    }

    /** Runs a worker may take: queued, or left running by a process that died (its lock is gone). */
    List<ScoreRun> runnable() {
        return jdbc.sql(SELECT + "where status in ('QUEUED', 'RUNNING') order by id")
                .query(ScoreRuns::run)
                .list();
    }

    public PageResult<ScoreRun> page(int page, int size) {
        long total =
                jdbc.sql("select count(*) from score_run").query(Long.class).single();
        List<ScoreRun> runs = jdbc.sql(SELECT + "order by id desc limit :size offset :offset")
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ScoreRuns::run)
                .list();
        return new PageResult<>(runs, page, size, total);
    }

    /** The latest completed runs, newest first: the history the trend charts draw, the periods pages offer. */
    public List<ScoreRun> completed(int limit) {
        return jdbc.sql(SELECT + "where status = 'COMPLETED' order by as_of desc, id desc limit :limit")
                .param("limit", limit)
                .query(ScoreRuns::run)
                .list()
                .reversed();
    }

    void start(long id) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update score_run set status = 'RUNNING', started_at = :now, heartbeat_at = :now, phase = null,
                                             progress_done = 0, progress_total = 0, error = null
                        where id = :id""").param("now", Timestamp.from(now)).param("id", id).update();
    }

    void progress(long id, String phase, long done, long total) {
        jdbc.sql("""
                        update score_run set phase = :phase, progress_done = :done, progress_total = :total,
                                             heartbeat_at = :now
                        where id = :id""")
                .param("phase", phase)
                .param("done", done)
                .param("total", total)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    void fail(long id, String error) {
        jdbc.sql("""
                        update score_run set status = 'FAILED', error = :error, finished_at = :now,
                                             duration_ms = (extract(epoch from (:now - started_at)) * 1000)::bigint
                        where id = :id""")
                .param("error", error)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    private static ScoreRun run(ResultSet rs, int row) throws SQLException {
        String summary = rs.getString("summary");
        return new ScoreRun(
                rs.getLong("id"),
                ScoreRun.Status.valueOf(rs.getString("status")),
                ScoreRun.Trigger.valueOf(rs.getString("trigger")),
                rs.getObject("as_of", LocalDate.class),
                JSON.readValue(rs.getString("parameters"), ScoringParameters.class),
                rs.getString("requested_by"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getObject("duration_ms", Long.class),
                rs.getString("phase"),
                rs.getLong("progress_done"),
                rs.getLong("progress_total"),
                rs.getObject("customers_scored", Long.class),
                summary == null ? null : JSON.readValue(summary, RunSummary.class),
                rs.getString("error"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
