package io.clientele.segment;

import io.clientele.platform.PageResult;
import io.clientele.segment.SavedSegment.Kind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Saved segments, their versions, counts, members and exports; overlaps; the fields and values for builders. */
@RestController
@Tag(name = "Segments")
class SavedSegmentApi {
    private final SavedSegments segments;
    private final SegmentOverlaps overlaps;
    private final SegmentExport export;
    private final SegmentValues values;
    private final FieldRegistry fields;

    SavedSegmentApi(
            SavedSegments segments,
            SegmentOverlaps overlaps,
            SegmentExport export,
            SegmentValues values,
            FieldRegistry fields) {
        this.segments = segments;
        this.overlaps = overlaps;
        this.export = export;
        this.values = values;
        this.fields = fields;
    }

    @GetMapping("/api/v1/segments")
    @Operation(summary = "Saved segments by name, a page at a time (size 1 to 200)")
    PageResult<SavedSegment> list(
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, PageResult.MAX_SIZE);
        return segments.page(page, size);
    }

    @PostMapping("/api/v1/segments")
    @Operation(
            summary = "Saves a segment (scope segments:write)",
            description = "Body: {\"name\", \"description\", \"kind\": \"DYNAMIC\"|\"SNAPSHOT\", \"condition\": {...}}."
                    + " 201 with the segment; 200 with the existing one when a segment of that name has the same kind"
                    + " and condition (a retried request creates one); 409 naming `name` when it has another.")
    ResponseEntity<SavedSegment> create(@RequestBody @Nullable JsonNode body) {
        SavedSegments.Saved saved = segments.create(draft(body));
        if (!saved.created()) {
            return ResponseEntity.ok(saved.segment());
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/segments/" + saved.segment().id()))
                .body(saved.segment());
    }

    @GetMapping("/api/v1/segments/{id:\\d+}")
    @Operation(summary = "A saved segment in its current version")
    SavedSegment get(@PathVariable long id) {
        return segments.get(id);
    }

    @PutMapping("/api/v1/segments/{id:\\d+}")
    @Operation(
            summary = "Saves a new version of a segment (scope segments:write)",
            description = "Same body as POST. A body equal to the current version changes nothing. A snapshot whose"
                    + " condition changes is frozen again, with a new date.")
    SavedSegment update(@PathVariable long id, @RequestBody @Nullable JsonNode body) {
        return segments.update(id, draft(body));
    }

    @PostMapping("/api/v1/segments/{id:\\d+}/refreeze")
    @Operation(summary = "Freezes a snapshot again with the customers its condition selects now (segments:write)")
    SavedSegment refreeze(@PathVariable long id) {
        return segments.refreeze(id);
    }

    @GetMapping("/api/v1/segments/{id:\\d+}/versions")
    @Operation(summary = "Every saved version of a segment, the newest first")
    List<SavedSegment.Version> versions(@PathVariable long id) {
        return segments.versions(id);
    }

    @GetMapping("/api/v1/segments/{id:\\d+}/count")
    @Operation(summary = "How many customers the segment holds: a snapshot's frozen members, a dynamic one's now")
    Map<String, Object> count(@PathVariable long id) {
        SavedSegment segment = segments.get(id);
        return Map.of("id", id, "version", segment.version(), "kind", segment.kind(), "count", segments.count(segment));
    }

    @GetMapping("/api/v1/segments/{id:\\d+}/members")
    @Operation(
            summary = "A page of the segment's members with their key scores",
            description = "sort: name (default), clv, profit, recency, since, grade or alive; size 1 to 500")
    PageResult<SegmentQueries.Member> members(
            @PathVariable long id,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        PageResult.check(page, size, 500);
        return segments.members(segments.get(id), sort, page, size);
    }

    @GetMapping("/api/v1/segments/{id:\\d+}/export")
    @Operation(
            summary = "The segment's members as CSV (scope segments:write)",
            description = "UTF-8, comma-separated, CRLF; cells that a spreadsheet would run as a formula start with '")
    void export(@PathVariable long id, HttpServletResponse response) throws IOException {
        SavedSegment segment = segments.get(id);
        csv(response, "segment-" + id + ".csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            export.write(segment, out);
        }
    }

    @PostMapping("/api/v1/segments/overlap")
    @Operation(
            summary = "The pairwise overlaps of 2 to 10 saved segments",
            description = "Body: {\"segments\": [ids]}. matrix[i][j] is the customers in both segment i and segment j,"
                    + " with their share of segment i (the row); the diagonal is each segment's count.")
    SegmentOverlaps.Overlap overlap(@RequestBody @Nullable JsonNode body) {
        if (body == null || !body.isObject() || !body.path("segments").isArray()) {
            throw new IllegalArgumentException("segments: a list of segment ids, e.g. {\"segments\": [1, 2]}");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : body.get("segments")) {
            if (!id.isIntegralNumber()) {
                throw new IllegalArgumentException("segments: segment ids are whole numbers");
            }
            ids.add(id.asLong());
        }
        return overlaps.of(ids);
    }

    @GetMapping("/api/v1/segments/fields")
    @Operation(summary = "The fields conditions may use, with their operators, value types, windows and pickers")
    List<Map<String, Object>> fields() {
        return fields.fields().stream().map(SavedSegmentApi::describe).toList();
    }

    @GetMapping("/api/v1/segments/values/{picker}")
    @Operation(
            summary = "Searches a picker's values (at most 20)",
            description = "picker: products, brands, categories, stores, cities, regions, tags, occupations, owners,"
                    + " campaigns, surveys or survey-ratings;"
                    + " q: text"
                    + " contained in the value or its name, case-insensitive")
    List<SegmentValues.Choice> values(@PathVariable String picker, @RequestParam(defaultValue = "") String q) {
        return values.search(picker, q);
    }

    static Map<String, Object> describe(SegmentField field) {
        return Map.of(
                "key", field.key(),
                "category", field.category(),
                "type", field.type(),
                "operators", field.operators().stream().map(Operator::code).toList(),
                "windowed", field.windowed(),
                "picker", field.picker() == null ? "" : field.picker(),
                "choices", field.choices());
    }

    static void csv(HttpServletResponse response, String filename) {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
    }

    private SavedSegments.Draft draft(@Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("body: {\"name\": ..., \"kind\": \"DYNAMIC\", \"condition\": {...}}");
        }
        String kind = body.path("kind").asString("DYNAMIC");
        Kind parsed;
        try {
            parsed = Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: DYNAMIC or SNAPSHOT");
        }
        Condition condition = ConditionJson.read(body.get("condition"), fields);
        JsonNode description = body.get("description");
        return new SavedSegments.Draft(
                body.path("name").asString(""),
                description == null || description.isNull() ? null : description.asString(),
                parsed,
                condition);
    }
}
