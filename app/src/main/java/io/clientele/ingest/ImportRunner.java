package io.clientele.ingest;

import io.clientele.customer.Timeline;
import io.clientele.platform.DataScopes;
import io.clientele.platform.StorableText;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import io.clientele.platform.csv.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs an import job from its checkpoint to the end of its file, a chunk at a time. Each chunk's rows, rejects and
 * the new checkpoint commit in one transaction, so a process killed at any moment resumes at the first row not yet
 * committed: nothing is lost and nothing is stored twice. Chunks commit asynchronously (the next chunk is read and
 * written while the last one's commit reaches the disk): a crash of the database may take the last chunks back, and
 * their checkpoint with them, so the resumed import stores them again. The job's completion commits synchronously,
 * and with it every chunk before it.
 */
@Component
class ImportRunner {
    /** The first key of the advisory locks that mark an import as being run. */
    private static final int LOCK_SPACE = 0x1A9F;

    private final DataSource dataSource;
    private final ImportJobs jobs;
    private final Timeline timeline;
    private final Clock clock;
    private final List<ReceiptsParticipant> participants;
    private final int chunkRows;

    ImportRunner(
            DataSource dataSource,
            ImportJobs jobs,
            Timeline timeline,
            Clock clock,
            DataScopes scopes,
            List<ReceiptsParticipant> participants,
            @Value("${clientele.import.chunk-rows:50000}") int chunkRows) {
        this.scopes = scopes;
        this.participants = participants;
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.timeline = timeline;
        this.clock = clock;
        this.chunkRows = chunkRows;
    }

    /** Told after every committed chunk; may throw to stop the run (the job then resumes later). */
    interface Progress {
        void chunkCommitted(ImportJob job);
    }

    /** Runs the job unless another process holds it. */
    ImportJob run(ImportJob job, Progress progress) {
        try {
            return runChunks(job, progress);
        } catch (ImportBusyException e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            jobs.fail(job.id(), describe(e));
            throw new ImportFailedException("Import " + job.id() + " failed: " + describe(e), e);
        }
    }

    /** A chunk of rows and where the file stands after it: the checkpoint committed with it. */
    private record Chunk(List<SourceLine> lines, long endOffset, long endLine, boolean last) {}

    private ImportJob runChunks(ImportJob job, Progress progress) throws IOException, SQLException {
        Path file = Path.of(job.filePath());
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the file of the import is gone");
        }
        try (Connection connection = dataSource.getConnection()) {
            // the lock lives as long as this connection: a process killed mid-import releases it at once
            if (!lock(connection, job.id(), "pg_try_advisory_lock")) {
                throw new ImportBusyException(job.id());
            }
            try {
                return runLocked(job, progress, file, connection);
            } finally {
                connection.setAutoCommit(true);
                lock(connection, job.id(), "pg_advisory_unlock");
            }
        }
    }

    private static boolean lock(Connection connection, long jobId, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select " + function + "(?, ?)")) {
            lock.setInt(1, LOCK_SPACE);
            lock.setInt(2, (int) jobId);
            try (var rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private ImportJob runLocked(ImportJob claimed, Progress progress, Path file, Connection connection)
            throws IOException, SQLException {
        ImportJob job = jobs.start(claimed.id());
        {
            connection.setAutoCommit(false);
            Importer importer = importer(job, connection);
            // the file is read and split into chunks on another thread while this one writes the previous chunk
            BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(2);
            Thread reader = Thread.ofPlatform()
                    .name("import-" + job.id() + "-reader")
                    .daemon()
                    .start(() -> readChunks(job, file, importer, chunks));
            try {
                while (true) {
                    Object next = chunks.take();
                    if (next instanceof Throwable failure) {
                        throw new IOException("reading " + file + ": " + describe(failure), failure);
                    }
                    Chunk chunk = (Chunk) next;
                    commit(connection, job.id(), importer, chunk.lines(), chunk.endOffset(), chunk.endLine());
                    if (chunk.last()) {
                        break;
                    }
                    progress.chunkCommitted(jobs.find(job.id()).orElseThrow());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                reader.interrupt();
            }
            importer.finish();
            try (PreparedStatement done = connection.prepareStatement(
                    "update import_job set status = 'COMPLETED', finished_at = now(), heartbeat_at = now() where id = ?")) {
                done.setLong(1, job.id());
                done.executeUpdate();
            }
            connection.commit();
            ImportJob finished = jobs.find(job.id()).orElseThrow();
            progress.chunkCommitted(finished);
            return finished;
        }
    }

    /** Reads the file from the job's checkpoint into chunks; a failure is handed over as the last element. */
    private void readChunks(ImportJob job, Path file, Importer importer, BlockingQueue<Object> chunks) {
        CsvReadOptions options = CsvReadOptions.defaults().withDelimiter(job.delimiter());
        try (CsvReader reader = job.checkpointOffset() == 0
                ? CsvReader.open(file, options)
                : CsvReader.resume(
                        file, job.checkpointOffset(), job.checkpointLine(), job.header(), job.delimiter(), options)) {
            if (!reader.header().equals(job.header())) {
                throw new IllegalStateException("the file changed since the import was created: its header differs");
            }
            List<SourceLine> chunk = new ArrayList<>(chunkRows + 1000);
            long chunkEnd = reader.position();
            long chunkEndLine = reader.lineNumberAtPosition();
            while (reader.next()) {
                SourceLine line = copy(reader.record(), reader.header(), reader.delimiter());
                if (chunk.size() >= chunkRows && importer.canSplitBetween(chunk.get(chunk.size() - 1), line)) {
                    chunks.put(new Chunk(chunk, chunkEnd, chunkEndLine, false));
                    chunk = new ArrayList<>(chunkRows + 1000);
                }
                chunk.add(line);
                chunkEnd = reader.position();
                chunkEndLine = reader.lineNumberAtPosition();
            }
            chunks.put(new Chunk(chunk, chunkEnd, chunkEndLine, true));
        } catch (InterruptedException e) {
            // the writer stopped: nothing more to read
        } catch (IOException | RuntimeException e) {
            chunks.offer(e);
        }
    }

    /**
     * The record as kept for its chunk. A field PostgreSQL cannot store (a NUL character) makes the line a reject
     * that names the column, as a reader error does, so that one such line does not fail the whole chunk.
     */
    private static SourceLine copy(CsvRecord record, List<String> header, char delimiter) {
        String[] fields = new String[record.size()];
        String unstorable = null;
        for (int i = 0; i < fields.length; i++) {
            fields[i] = record.get(i);
            String problem = unstorable == null ? StorableText.problem(fields[i]) : null;
            if (problem != null) {
                unstorable = "column " + (i < header.size() ? header.get(i) : String.valueOf(i + 1)) + " " + problem;
            }
        }
        String error = record.error() != null ? record.error() : unstorable;
        return error == null
                ? new SourceLine(record.lineNumber(), fields, delimiter)
                : new SourceLine(record.lineNumber(), fields, error, delimiter, StorableText.shown(record.raw()));
    }

    private void commit(
            Connection connection, long jobId, Importer importer, List<SourceLine> chunk, long checkpoint, long line)
            throws SQLException {
        List<Reject> rejects = new ArrayList<>();
        try {
            try (var statement = connection.createStatement()) {
                // safe: a chunk commits with its checkpoint, so one lost in a crash is read and stored again on resume
                statement.execute("set local synchronous_commit = off");
            }
            Importer.Counts counts = importer.importChunk(chunk, rejects);
            Set<Long> rejectedLines = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into import_reject (job_id, line_no, field, reason, raw) values (?, ?, ?, ?, ?)")) {
                for (Reject reject : rejects) {
                    rejectedLines.add(reject.line());
                    insert.setLong(1, jobId);
                    insert.setLong(2, reject.line());
                    insert.setString(3, reject.field());
                    // a reject's reason and raw text may quote the value: shown without what cannot be stored
                    insert.setString(4, StorableText.shown(reject.reason()));
                    insert.setString(5, StorableText.shown(reject.raw()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    update import_job set checkpoint_offset = ?, checkpoint_line = ?, read_rows = read_rows + ?,
                           imported_rows = imported_rows + ?, unchanged_rows = unchanged_rows + ?,
                           rejected_rows = rejected_rows + ?, heartbeat_at = now()
                    where id = ?""")) {
                update.setLong(1, checkpoint);
                update.setLong(2, line);
                update.setLong(3, chunk.size());
                update.setLong(4, counts.imported());
                update.setLong(5, counts.unchanged());
                update.setLong(6, rejectedLines.size());
                update.setLong(7, jobId);
                update.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private final DataScopes scopes;

    private Importer importer(ImportJob job, Connection connection) throws SQLException {
        int[] columns = job.mapping().indexes(job.kind(), job.header());
        var zone = clock.getZone();
        return switch (job.kind()) {
            case CUSTOMERS ->
                new CustomersImporter(
                        connection, new ReferenceData(connection), columns, zone, job.id(), job.createdBy());
            case PRODUCTS -> new ProductsImporter(connection, columns, zone);
            case STORES -> new StoresImporter(connection, columns, zone);
            // a store manager's file records the receipts of their own stores only
            case RECEIPTS ->
                new ReceiptsImporter(
                        connection,
                        new ReferenceData(connection).within(scopes.of(job.createdBy())),
                        columns,
                        zone,
                        job.source(),
                        job.id());
            case SALES ->
                new SalesImporter(
                        connection,
                        new ReferenceData(connection).within(scopes.of(job.createdBy())),
                        columns,
                        zone,
                        job.source(),
                        job.id(),
                        participants);
            case SURVEY_ANSWERS ->
                new SurveyAnswersImporter(connection, columns, zone, job.id(), job.createdBy(), timeline);
        };
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
