package io.clientele.ingest;

import io.clientele.platform.CommandContext;
import io.clientele.platform.csv.CsvReader;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./clientele import customers|products|stores|sales|receipts|survey-answers FILE}: imports a CSV file in the foreground. Run again
 * after an interruption, it resumes the unfinished import of the same file. Progress on stderr; the last line on
 * stdout is a JSON summary.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import customers, products, stores, sales or survey answers from a CSV file.")
public final class ImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "customers, products, stores, sales, receipts or survey-answers")
    String kind;

    @Parameters(index = "1", description = "the CSV file (UTF-8; comma, semicolon or tab)")
    Path file;

    @Option(names = "--mapping", description = "a column mapping saved in the web UI")
    String mappingName;

    @Option(names = "--map", description = "column=field, e.g. --map \"Cust No=external_id\" (repeatable)")
    List<String> maps = List.of();

    @Option(names = "--rejects", description = "write the rejected rows with line, field and reason to this CSV")
    Path rejectsFile;

    @Option(names = "--source", defaultValue = "POS", description = "source of receipts (default: ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--data-dir", defaultValue = "data", description = "folder of the embedded database")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ImportKind importKind;
        try {
            importKind = ImportKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No such file: " + file);
        }
        Map<String, String> overrides = parseMaps();
        try (ConfigurableApplicationContext context = CommandContext.start(dataDir)) {
            ImportJobs jobs = context.getBean(ImportJobs.class);
            Imports imports = context.getBean(Imports.class);
            ColumnMapping mapping = null;
            if (mappingName != null) {
                mapping = jobs.mappings(importKind).get(mappingName);
                if (mapping == null) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(),
                            "No saved mapping '" + mappingName + "' for " + kind + "; saved: "
                                    + jobs.mappings(importKind).keySet());
                }
            }
            if (!overrides.isEmpty()) {
                List<String> header = CsvReader.headerOf(file);
                mapping = (mapping != null ? mapping : ColumnMapping.automatic(importKind, header)).with(overrides);
            }
            Imports.Started started;
            try {
                started = imports.prepare(importKind, file, source, mapping, user());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "Cannot import " + file + ": " + e.getMessage());
            }
            ImportJob job = started.job();
            if (started.resumed()) {
                System.err.printf("Resuming import %d of %s at line %,d%n", job.id(), file, job.checkpointLine());
            }
            long size = Math.max(1, job.fileSize());
            ImportJob finished;
            try {
                finished = imports.run(
                        job,
                        progress -> System.err.printf(
                                "\r%3d%%  read %,d  imported %,d  unchanged %,d  rejected %,d",
                                progress.checkpointOffset() * 100 / size,
                                progress.read(),
                                progress.imported(),
                                progress.unchanged(),
                                progress.rejected()));
            } catch (ImportBusyException e) {
                System.err.println("clientele: " + e.getMessage());
                return 3;
            }
            System.err.println();
            if (rejectsFile != null) {
                try (Writer out = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8)) {
                    writeRejects(jobs, finished.id(), out);
                }
            }
            System.out.println("{\"read\":" + finished.read() + ",\"imported\":" + finished.imported()
                    + ",\"unchanged\":" + finished.unchanged() + ",\"rejected\":" + finished.rejected()
                    + ",\"job\":" + finished.id() + "}");
            return 0;
        }
    }

    /** {@code column=field} pairs as {@code field -> column}; the column name may itself contain '='. */
    private Map<String, String> parseMaps() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String map : maps) {
            int split = map.lastIndexOf('=');
            if (split <= 0 || split == map.length() - 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--map takes column=field, not '" + map + "'");
            }
            overrides.put(map.substring(split + 1).strip(), map.substring(0, split));
        }
        return overrides;
    }

    /** The rejects as CSV, spreadsheet formulas neutralised (the rows are untrusted input). */
    static void writeRejects(ImportJobs jobs, long jobId, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out, CsvWriteOptions.forSpreadsheets());
        csv.writeRow("line", "field", "reason", "row");
        IOException[] failure = new IOException[1];
        jobs.eachReject(jobId, reject -> {
            try {
                csv.writeRow(
                        String.valueOf(reject.line()),
                        reject.field() == null ? "" : reject.field(),
                        reject.reason(),
                        reject.raw() == null ? "" : reject.raw());
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        csv.flush();
    }

    private static String user() {
        return "cli:" + System.getProperty("user.name", "unknown");
    }
}
