package io.clientele.ingest;

import static io.clientele.platform.db.Rows.instant;
import static io.clientele.platform.db.Rows.nullableInstant;

import io.clientele.platform.PageResult;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The import jobs: created from a file, given a mapping, queued, claimed by a worker, and their rejects. */
@Service
public class ImportJobs {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SELECT = "select * from import_job ";

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Registers a file for import: reads its header (a file that is not CSV, not UTF-8 or empty is refused here with
     * the reason) and proposes the automatic mapping. The job waits for {@link #queue} unless {@code queueNow}.
     */
    @Transactional
    public ImportJob create(
            ImportKind kind, String source, Path file, String fileName, @Nullable ColumnMapping mapping, String user)
            throws IOException {
        List<String> header;
        char delimiter;
        try (CsvReader reader = CsvReader.open(file, CsvReadOptions.defaults())) {
            header = reader.header();
            delimiter = reader.delimiter();
        }

        ColumnMapping columns = mapping != null ? mapping : ColumnMapping.automatic(kind, header);
        long id = jdbc.sql("""
                        insert into import_job (kind, source, file_name, file_path, file_size, fingerprint, delimiter,
                                                header, columns, status, created_by)
                        values (:kind, :source, :fileName, :filePath, :fileSize, :fingerprint, :delimiter, :header,
                                cast(:columns as jsonb), 'UPLOADED', :user)
                        returning id""")
                .param("kind", kind.name())
                .param("source", source)
                .param("fileName", fileName)
                .param("filePath", file.toAbsolutePath().toString())
                .param("fileSize", Files.size(file))
                .param("fingerprint", fingerprint(file))
                .param("delimiter", String.valueOf(delimiter))
                .param("header", header.toArray(String[]::new))
                .param("columns", JSON.writeValueAsString(columns.columns()))
                .param("user", user)
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    /** Sets the mapping and queues the job for a worker; refuses a mapping that misses fields or columns. */
    @Transactional
    public ImportJob queue(long id, ColumnMapping mapping) {
        return map(id, mapping, ImportJob.Status.QUEUED);
    }

    /** Sets the mapping of a job that this process will run itself (workers leave it alone). */
    @Transactional
    public ImportJob mapForForeground(long id, ColumnMapping mapping) {
        return map(id, mapping, ImportJob.Status.UPLOADED);
    }

    private ImportJob map(long id, ColumnMapping mapping, ImportJob.Status status) {
        ImportJob job = find(id).orElseThrow(() -> new IllegalArgumentException("No import " + id));
        if (job.status() != ImportJob.Status.UPLOADED) {
            throw new IllegalStateException(
                    "Import " + id + " is already " + job.status().name().toLowerCase());
        }
        List<String> problems = mapping.problems(job.kind(), job.header());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        jdbc.sql("update import_job set columns = cast(:columns as jsonb), status = :status where id = :id")
                .param("columns", JSON.writeValueAsString(mapping.columns()))
                .param("status", status.name())
                .param("id", id)
                .update();
        return find(id).orElseThrow();
    }

    public Optional<ImportJob> find(long id) {
        return jdbc.sql(SELECT + "where id = :id")
                .param("id", id)
                .query(ImportJobs::job)
                .optional();
    }

    public PageResult<ImportJob> recent(int page, int size) {
        int pageSize = PageResult.clampSize(size);
        long total =
                jdbc.sql("select count(*) from import_job").query(Long.class).single();
        List<ImportJob> items = jdbc.sql(SELECT + "order by id desc limit :limit offset :offset")
                .param("limit", pageSize)
                .param("offset", (long) Math.max(0, page) * pageSize)
                .query(ImportJobs::job)
                .list();
        return new PageResult<>(items, Math.max(0, page), pageSize, total);
    }

    /** An unfinished job for the same kind of data from the same file (same path, size and fingerprint). */
    public Optional<ImportJob> unfinished(ImportKind kind, Path file) throws IOException {
        return jdbc.sql(SELECT
                        + "where kind = :kind and file_path = :path and file_size = :size and fingerprint = :fingerprint "
                        + "and status in ('UPLOADED', 'QUEUED', 'RUNNING', 'FAILED') order by id desc limit 1")
                .param("kind", kind.name())
                .param("path", file.toAbsolutePath().toString())
                .param("size", Files.size(file))
                .param("fingerprint", fingerprint(file))
                .query(ImportJobs::job)
                .optional();
    }

    /**
     * Jobs a worker may run: queued ones, and running ones — a running job whose process died is taken over at
     * once, because the runner's lock on a job dies with its process (see {@link ImportRunner}).
     */
    public List<ImportJob> runnable() {
        return jdbc.sql(SELECT + "where status in ('QUEUED', 'RUNNING') order by id limit 20")
                .query(ImportJobs::job)
                .list();
    }

    /** Marks a job running in the process that holds its lock (see {@link ImportRunner}). */
    @Transactional
    public ImportJob start(long id) {
        jdbc.sql("""
                        update import_job set status = 'RUNNING', heartbeat_at = now(),
                               started_at = coalesce(started_at, now()), error = null
                        where id = :id""").param("id", id).update();
        return find(id).orElseThrow();
    }

    void fail(long id, String error) {
        jdbc.sql("update import_job set status = 'FAILED', error = :error, finished_at = now() where id = :id")
                .param("error", error)
                .param("id", id)
                .update();
    }

    public PageResult<Reject> rejects(long jobId, int page, int size) {
        int pageSize = PageResult.clampSize(size);
        long total = jdbc.sql("select count(*) from import_reject where job_id = :id")
                .param("id", jobId)
                .query(Long.class)
                .single();
        List<Reject> items = jdbc.sql("""
                        select line_no, field, reason, raw from import_reject where job_id = :id
                        order by line_no, id limit :limit offset :offset""")
                .param("id", jobId)
                .param("limit", pageSize)
                .param("offset", (long) Math.max(0, page) * pageSize)
                .query((rs, n) -> new Reject(
                        rs.getLong("line_no"), rs.getString("field"), rs.getString("reason"), rs.getString("raw")))
                .list();
        return new PageResult<>(items, Math.max(0, page), pageSize, total);
    }

    /** Streams every reject of a job in line order, for the downloadable report. */
    public void eachReject(long jobId, java.util.function.Consumer<Reject> consumer) {
        jdbc.sql("select line_no, field, reason, raw from import_reject where job_id = :id order by line_no, id")
                .param("id", jobId)
                .query((ResultSet rs) -> {
                    consumer.accept(new Reject(
                            rs.getLong("line_no"), rs.getString("field"), rs.getString("reason"), rs.getString("raw")));
                });
    }

    /** Saved mappings of a kind, by name. */
    public Map<String, ColumnMapping> mappings(ImportKind kind) {
        Map<String, ColumnMapping> mappings = new java.util.TreeMap<>();
        jdbc.sql("select name, columns from import_mapping where kind = :kind")
                .param("kind", kind.name())
                .query((ResultSet rs) -> {
                    mappings.put(rs.getString("name"), new ColumnMapping(columns(rs.getString("columns"))));
                });
        return mappings;
    }

    @Transactional
    public void saveMapping(ImportKind kind, String name, ColumnMapping mapping, String user) {
        if (name.isBlank() || name.length() > 80) {
            throw new IllegalArgumentException("mapping name: 1 to 80 characters");
        }
        jdbc.sql("""
                        insert into import_mapping (kind, name, columns, created_by)
                        values (:kind, :name, cast(:columns as jsonb), :user)
                        on conflict (kind, name) do update set columns = excluded.columns""")
                .param("kind", kind.name())
                .param("name", name.strip())
                .param("columns", JSON.writeValueAsString(mapping.columns()))
                .param("user", user)
                .update();
    }

    private static Map<String, String> columns(String json) {
        return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    }

    private static ImportJob job(ResultSet rs, int row) throws SQLException {
        return new ImportJob(
                rs.getLong("id"),
                ImportKind.valueOf(rs.getString("kind")),
                rs.getString("source"),
                rs.getString("file_name"),
                rs.getString("file_path"),
                rs.getLong("file_size"),
                rs.getString("fingerprint"),
                rs.getString("delimiter").charAt(0),
                Arrays.asList((String[]) rs.getArray("header").getArray()),
                new ColumnMapping(columns(rs.getString("columns"))),
                ImportJob.Status.valueOf(rs.getString("status")),
                rs.getLong("checkpoint_offset"),
                rs.getLong("checkpoint_line"),
                rs.getLong("read_rows"),
                rs.getLong("imported_rows"),
                rs.getLong("unchanged_rows"),
                rs.getLong("rejected_rows"),
                rs.getString("error"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                nullableInstant(rs, "started_at"),
                nullableInstant(rs, "finished_at"));
    }

    /** SHA-256 of the first and last MiB and the size: cheap on a 2 GB file, and changes when the file is replaced. */
    static String fingerprint(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = Files.size(file);
            digest.update(Long.toString(size).getBytes());
            try (InputStream in = Files.newInputStream(file)) {
                digest.update(in.readNBytes(1 << 20));
                if (size > 2L << 20) {
                    in.skipNBytes(size - (2L << 20));
                    digest.update(in.readNBytes(1 << 20));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
