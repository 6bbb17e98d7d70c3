package io.clientele.ingest;

import io.clientele.platform.ClienteleProperties;
import io.clientele.platform.PageResult;
import io.clientele.platform.csv.CsvFileException;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Imports in the browser: upload a file, map its columns with a preview of its first rows (or pick a saved
 * mapping), watch the progress, read or download the rejected rows.
 */
@Controller
@RequestMapping("/imports")
class ImportController {
    private static final int PREVIEW_ROWS = 10;

    private final ImportJobs jobs;
    private final Path uploads;

    ImportController(ImportJobs jobs, ClienteleProperties properties) {
        this.jobs = jobs;
        this.uploads = properties.dataDir().resolve("imports");
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("jobs", jobs.recent(page, 20));
        model.addAttribute("kinds", ImportKind.values());
        return "ingest/imports";
    }

    @PostMapping
    String upload(
            @RequestParam String kind,
            @RequestParam(defaultValue = "POS") String source,
            @RequestParam("file") MultipartFile file,
            Principal principal,
            RedirectAttributes redirect)
            throws IOException {
        if (file.isEmpty()) {
            redirect.addFlashAttribute("error", "file: choose a CSV file to upload");
            return "redirect:/imports";
        }
        Files.createDirectories(uploads);
        String original = file.getOriginalFilename() == null
                ? "upload.csv"
                : Path.of(file.getOriginalFilename()).getFileName().toString();
        Path stored = uploads.resolve(UUID.randomUUID() + ".csv");
        file.transferTo(stored);
        try {
            ImportJob job = jobs.create(
                    ImportKind.parse(kind),
                    source.isBlank() ? "POS" : source.strip(),
                    stored,
                    original,
                    null,
                    principal.getName());
            return "redirect:/imports/" + job.id() + "/mapping";
        } catch (CsvFileException | IllegalArgumentException e) {
            Files.deleteIfExists(stored);
            redirect.addFlashAttribute("error", original + ": " + e.getMessage());
            return "redirect:/imports";
        }
    }

    @GetMapping("/{id}/mapping")
    String mapping(@PathVariable long id, @RequestParam(required = false) @Nullable String saved, Model model)
            throws IOException {
        ImportJob job = job(id);
        if (job.status() != ImportJob.Status.UPLOADED) {
            return "redirect:/imports/" + id;
        }
        Map<String, ColumnMapping> savedMappings = jobs.mappings(job.kind());
        ColumnMapping mapping =
                saved != null && savedMappings.containsKey(saved) ? savedMappings.get(saved) : job.mapping();
        model.addAttribute("job", job);
        model.addAttribute("mapping", mapping.columns());
        model.addAttribute("saved", savedMappings.keySet());
        model.addAttribute("preview", preview(job));
        return "ingest/mapping";
    }

    @PostMapping("/{id}/mapping")
    String start(
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            Principal principal,
            RedirectAttributes redirect) {
        ImportJob job = job(id);
        Map<String, String> columns = new HashMap<>();
        for (ImportField field : job.kind().fields()) {
            String column = form.get("field." + field.name());
            if (column != null && !column.isBlank()) {
                columns.put(field.name(), column);
            }
        }
        ColumnMapping mapping = new ColumnMapping(columns);
        try {
            jobs.queue(id, mapping);
            String saveAs = form.getOrDefault("saveAs", "").strip();
            if (!saveAs.isEmpty()) {
                jobs.saveMapping(job.kind(), saveAs, mapping, principal.getName());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/imports/" + id + "/mapping";
        }
        return "redirect:/imports/" + id;
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, @RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        model.addAttribute("job", job(id));
        model.addAttribute("rejects", jobs.rejects(id, page, 50));
        return "ingest/import";
    }

    /** The progress fragment that the import page polls while the import runs. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable long id, Model model, jakarta.servlet.http.HttpServletResponse response) {
        ImportJob job = job(id);
        if (job.status().finished()) {
            // the whole page again, now with the rejected rows (a finished import is not polled, so this is once)
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("job", job);
        return "ingest/import :: progress";
    }

    @GetMapping("/{id}/rejects.csv")
    org.springframework.http.ResponseEntity<StreamingResponseBody> rejectsCsv(@PathVariable long id) {
        job(id);
        StreamingResponseBody body = out -> {
            var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ImportCommand.writeRejects(jobs, id, writer);
            writer.flush();
        };
        return org.springframework.http.ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-rejects.csv\"")
                .body(body);
    }

    private ImportJob job(long id) {
        return jobs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No import " + id));
    }

    private static List<List<String>> preview(ImportJob job) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(
                Path.of(job.filePath()), CsvReadOptions.defaults().withDelimiter(job.delimiter()))) {
            while (rows.size() < PREVIEW_ROWS && reader.next()) {
                rows.add(reader.record().toList());
            }
        }
        return rows;
    }
}
