package io.clientele.segment;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.web.Flash;
import io.clientele.platform.web.FormErrors;
import io.clientele.segment.SavedSegment.Kind;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The segment pages: the list, the builder (new and saved segments, with the live count and the members below),
 * save, export, version history, and the overlap of chosen segments. The builder's script calls the small JSON and
 * fragment endpoints here with the page's CSRF token.
 */
@Controller
class SegmentController {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MEMBERS_PAGE = 25;
    /** Where a choice field's values have their labels (RFM segments and the matrix have theirs already). */
    private final SavedSegments segments;

    private final SegmentQueries queries;
    private final SegmentOverlaps overlaps;
    private final SegmentExport export;
    private final SegmentValues values;
    private final FieldRegistry fields;
    private final MessageSource messages;

    SegmentController(
            SavedSegments segments,
            SegmentQueries queries,
            SegmentOverlaps overlaps,
            SegmentExport export,
            SegmentValues values,
            FieldRegistry fields,
            MessageSource messages) {
        this.segments = segments;
        this.queries = queries;
        this.overlaps = overlaps;
        this.export = export;
        this.values = values;
        this.fields = fields;
        this.messages = messages;
    }

    /** A saved segment as the list shows it. */
    record Row(SavedSegment segment, long count) {}

    /** The save form: name, description, kind, and the builder's condition as JSON. */
    record SegmentForm(String name, String description, String kind, String condition) {}

    @GetMapping("/segments")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PageResult.check(page);
        var result = segments.page(Math.max(0, page), 25);
        model.addAttribute("result", result);
        model.addAttribute(
                "rows",
                result.items().stream().map(s -> new Row(s, segments.count(s))).toList());
        return "segment/list";
    }

    @GetMapping("/segments/new")
    String create(Model model) {
        return builder(null, new SegmentForm("", "", Kind.DYNAMIC.name(), "{\"all\":[]}"), model);
    }

    @GetMapping("/segments/{id:\\d+}")
    String show(@PathVariable long id, Model model) {
        SavedSegment segment = segments.get(id);
        return builder(
                segment,
                new SegmentForm(
                        segment.name(),
                        segment.description() == null ? "" : segment.description(),
                        segment.kind().name(),
                        segment.condition().toString()),
                model);
    }

    @PostMapping("/segments")
    String save(SegmentForm form, Model model, RedirectAttributes redirect) {
        try {
            SavedSegments.Saved saved = segments.create(draft(form));
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE,
                    Flash.of(
                            saved.created() ? "segments.flash.created" : "segments.flash.unchanged",
                            saved.segment().name()));
            return "redirect:/segments/" + saved.segment().id();
        } catch (InvalidInputException | SegmentNameTakenException | InvalidConditionException e) {
            return formError(null, form, e, model);
        }
    }

    @PostMapping("/segments/{id:\\d+}")
    String update(@PathVariable long id, SegmentForm form, Model model, RedirectAttributes redirect) {
        SavedSegment before = segments.get(id);
        try {
            SavedSegment after = segments.update(id, draft(form));
            redirect.addFlashAttribute(
                    Flash.ATTRIBUTE,
                    after.version() == before.version()
                            ? Flash.of("segments.flash.unchanged", after.name())
                            : Flash.of("segments.flash.updated", after.name(), after.version()));
            return "redirect:/segments/" + id;
        } catch (InvalidInputException | SegmentNameTakenException | InvalidConditionException e) {
            return formError(before, form, e, model);
        }
    }

    @PostMapping("/segments/{id:\\d+}/refreeze")
    String refreeze(@PathVariable long id, RedirectAttributes redirect) {
        SavedSegment segment = segments.refreeze(id);
        redirect.addFlashAttribute(
                Flash.ATTRIBUTE, Flash.of("segments.flash.refrozen", segment.name(), segment.snapshotCount()));
        return "redirect:/segments/" + id;
    }

    /** The live count: the count, or where and why the condition is wrong (never a count then). */
    @PostMapping("/segments/count")
    @ResponseBody
    Map<String, Object> count(@RequestBody JsonNode body) {
        try {
            Condition condition = ConditionJson.read(body.get("condition"), fields);
            return Map.of("count", queries.count(condition));
        } catch (InvalidConditionException e) {
            return Map.of("error", e.getMessage(), "path", e.path());
        }
    }

    /** The members of the condition being built, as the table fragment. */
    @PostMapping("/segments/members")
    String members(
            @RequestBody JsonNode body,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        try {
            Condition condition = ConditionJson.read(body.get("condition"), fields);
            model.addAttribute("result", queries.members(condition, sortOrName(sort), Math.max(0, page), MEMBERS_PAGE));
        } catch (InvalidConditionException e) {
            model.addAttribute("result", null);
        }
        model.addAttribute("sort", sortOrName(sort));
        model.addAttribute("frozen", null);
        return "segment/builder :: members";
    }

    /** A saved segment's own members (a snapshot's frozen ones), as the table fragment. */
    @GetMapping("/segments/{id:\\d+}/members")
    String savedMembers(
            @PathVariable long id,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PageResult.check(page);
        SavedSegment segment = segments.get(id);
        model.addAttribute("result", segments.members(segment, sortOrName(sort), Math.max(0, page), MEMBERS_PAGE));
        model.addAttribute("sort", sortOrName(sort));
        model.addAttribute("frozen", segment.kind() == Kind.SNAPSHOT ? segment : null);
        return "segment/builder :: members";
    }

    @GetMapping("/segments/values/{picker}")
    @ResponseBody
    List<SegmentValues.Choice> values(@PathVariable String picker, @RequestParam(defaultValue = "") String q) {
        if (!values.isPicker(picker)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no value picker '" + picker + "'");
        }
        return values.search(picker, q);
    }

    @GetMapping("/segments/{id:\\d+}/export")
    void exportSaved(@PathVariable long id, HttpServletResponse response) throws IOException {
        SavedSegment segment = segments.get(id);
        SavedSegmentApi.csv(response, fileName(segment.name()));
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            export.write(segment, out);
        }
    }

    /** Exports the condition being built (a form post from the builder). */
    @PostMapping("/segments/export")
    void exportCondition(@RequestParam String condition, HttpServletResponse response) throws IOException {
        Condition parsed;
        try {
            parsed = ConditionJson.parse(condition, fields);
        } catch (InvalidConditionException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage(), e);
        }
        SavedSegmentApi.csv(response, "segment.csv");
        try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
            export.write(parsed, out);
        }
    }

    @GetMapping("/segments/overlap")
    String overlap(@RequestParam(required = false) @Nullable List<Long> ids, Model model) {
        List<Long> chosen = ids == null ? List.of() : ids;
        model.addAttribute("segments", segments.all(500));
        model.addAttribute("chosen", chosen);
        model.addAttribute("max", SegmentOverlaps.MAX_SEGMENTS);
        if (chosen.size() >= 2) {
            try {
                SegmentOverlaps.Overlap overlap = overlaps.of(chosen);
                model.addAttribute("overlap", overlap);
                model.addAttribute("overlapJson", JSON.writeValueAsString(overlap));
            } catch (IllegalArgumentException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "segment/overlap";
    }

    private String builder(@Nullable SavedSegment segment, SegmentForm form, Model model) {
        model.addAttribute("segment", segment);
        model.addAttribute("form", form);
        model.addAttribute("builderJson", builderJson(segment, form));
        if (segment != null) {
            model.addAttribute("versions", segments.versions(segment.id()));
            model.addAttribute("count", segments.count(segment));
        }
        return "segment/builder";
    }

    private String formError(@Nullable SavedSegment segment, SegmentForm form, RuntimeException e, Model model) {
        switch (e) {
            case InvalidInputException invalid ->
                model.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(invalid.problems()));
            case SegmentNameTakenException taken ->
                model.addAttribute(
                        FormErrors.ATTRIBUTE,
                        FormErrors.of(List.of(FieldProblem.of("name", "segments.nameTaken", taken.name()))));
            default -> model.addAttribute("conditionError", e.getMessage());
        }
        return builder(segment, form, model);
    }

    private SavedSegments.Draft draft(SegmentForm form) {
        Kind kind = "SNAPSHOT".equalsIgnoreCase(form.kind()) ? Kind.SNAPSHOT : Kind.DYNAMIC;
        return new SavedSegments.Draft(
                form.name() == null ? "" : form.name(),
                form.description(),
                kind,
                ConditionJson.parse(form.condition() == null ? "" : form.condition(), fields));
    }

    private static String sortOrName(String sort) {
        return SegmentQueries.isSort(sort) ? sort : "name";
    }

    private static String fileName(String name) {
        String safe =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return (safe.isEmpty() ? "segment" : safe) + ".csv";
    }

    /** What the builder's script needs: the fields with their labels, operator labels, texts, the condition. */
    private String builderJson(@Nullable SavedSegment segment, SegmentForm form) {
        Locale locale = LocaleContextHolder.getLocale();
        List<Map<String, Object>> list = new ArrayList<>();
        for (SegmentField field : fields.fields()) {
            Map<String, Object> f = new LinkedHashMap<>(SavedSegmentApi.describe(field));
            f.put("label", messages.getMessage(field.labelKey(), null, field.key(), locale));
            String prefix = field.choiceLabels();
            List<Map<String, String>> choices = field.choices().stream()
                    .map(c -> Map.of(
                            "value", c, "label", prefix == null ? c : messages.getMessage(prefix + c, null, c, locale)))
                    .toList();
            f.put("choices", choices);
            list.add(f);
        }
        Map<String, String> operators = new LinkedHashMap<>();
        for (Operator operator : Operator.values()) {
            operators.put(operator.code(), messages.getMessage("segop." + operator.code(), null, locale));
        }
        Map<String, String> categories = new LinkedHashMap<>();
        for (SegmentField.Category category : SegmentField.Category.values()) {
            categories.put(category.name(), messages.getMessage("segcat." + category.name(), null, locale));
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (String key : List.of(
                "all",
                "any",
                "not",
                "addCondition",
                "addGroup",
                "remove",
                "ever",
                "lastDays",
                "between",
                "days",
                "from",
                "to",
                "yes",
                "no",
                "add",
                "search",
                "emptyGroup",
                "counting",
                "customers")) {
            text.put(key, messages.getMessage("segments.builder." + key, null, locale));
        }
        Map<String, Object> builder = new LinkedHashMap<>();
        builder.put("fields", list);
        builder.put("operators", operators);
        builder.put("categories", categories);
        builder.put("text", text);
        JsonNode condition;
        try {
            condition = JSON.readTree(form.condition());
        } catch (RuntimeException e) {
            condition = JSON.readTree("{\"all\":[]}");
        }
        builder.put("condition", condition);
        builder.put("segmentId", segment == null ? null : segment.id());
        builder.put("snapshot", segment != null && segment.kind() == Kind.SNAPSHOT);
        builder.put("savedCondition", segment == null ? null : segment.condition());
        return JSON.writeValueAsString(builder);
    }
}
