package io.clientele.merchandising;

import io.clientele.merchandising.SalesExplorer.Cell;
import io.clientele.merchandising.SalesExplorer.Dimension;
import io.clientele.merchandising.SalesExplorer.Measure;
import io.clientele.merchandising.SalesExplorer.Pivot;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import io.clientele.platform.web.FormErrors;
import io.clientele.segment.SavedSegments;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The sales explorer page: the pivot of one measure with its totals and the year before beside each figure, a chart
 * (heat map, bars of the rows, a line across the columns), drills from a row or column to its next level and from a
 * cell to its receipts, and the pivot as CSV.
 */
@Controller
class ExplorerController {
    enum Chart {
        HEATMAP,
        BAR,
        LINE
    }

    /** The page's choices as they came, to fill the form again and to build the links. */
    record Form(
            String rows,
            String columns,
            String measure,
            String chart,
            String from,
            String to,
            List<String> stores,
            String segment,
            List<String> filters,
            boolean compare) {
        static Form of(
                @Nullable String rows,
                @Nullable String columns,
                @Nullable String measure,
                @Nullable String chart,
                @Nullable String from,
                @Nullable String to,
                @Nullable List<String> stores,
                @Nullable String segment,
                @Nullable List<String> filters,
                @Nullable String compare) {
            return new Form(
                    rows == null ? Dimension.BRAND.name() : rows,
                    columns == null ? Dimension.MONTH.name() : columns,
                    measure == null ? Measure.REVENUE.name() : measure,
                    chart == null ? Chart.HEATMAP.name() : chart,
                    from == null ? "" : from,
                    to == null ? "" : to,
                    stores == null ? List.of() : stores,
                    segment == null ? "" : segment,
                    filters == null
                            ? List.of()
                            : filters.stream().filter(f -> !f.isBlank()).toList(),
                    !"false".equalsIgnoreCase(compare));
        }

        SalesExplorer.Question question() {
            return new SalesExplorer.Question(rows, columns, from, to, stores, segment, filters);
        }

        public String link(String path) {
            return link(path, Map.of());
        }

        /** A link to {@code path} with these choices, and the overrides. */
        public String link(String path, Map<String, Object> overrides) {
            Map<String, @Nullable Object> params = new LinkedHashMap<>();
            params.put("rows", rows);
            params.put("columns", columns);
            params.put("measure", measure);
            params.put("chart", chart);
            params.put("from", from);
            params.put("to", to);
            params.put("stores", stores);
            params.put("segment", segment);
            params.put("filter", filters);
            params.put("compare", compare ? null : "false");
            params.putAll(overrides);
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
            params.forEach((name, value) -> {
                if (value instanceof List<?> values) {
                    values.forEach(v -> link.queryParam(name, v));
                } else if (value != null && !value.toString().isEmpty()) {
                    link.queryParam(name, value);
                }
            });
            return link.build().encode().toUriString();
        }
    }

    /** A figure of the table: the measure now and a year before, and where a click on it leads. */
    record Figure(
            @Nullable Number value,
            @Nullable Number before,
            @Nullable String link) {}

    /** A row or column header: its value, its label, its drill to the next level (if any) and its total. */
    record Header(String value, String label, @Nullable String drill, Figure total, List<Figure> figures) {}

    private final SalesExplorer explorer;
    private final StoreChoices storeChoices;
    private final SavedSegments segments;
    private final MessageSource messages;

    ExplorerController(
            SalesExplorer explorer, StoreChoices storeChoices, SavedSegments segments, MessageSource messages) {
        this.explorer = explorer;
        this.storeChoices = storeChoices;
        this.segments = segments;
        this.messages = messages;
    }

    @GetMapping("/merchandising/sales")
    String page(
            @RequestParam(required = false) @Nullable String rows,
            @RequestParam(required = false) @Nullable String columns,
            @RequestParam(required = false) @Nullable String measure,
            @RequestParam(required = false) @Nullable String chart,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String compare,
            Model page) {
        Form form = Form.of(rows, columns, measure, chart, from, to, stores, segment, filter, compare);
        page.addAttribute("form", form);
        page.addAttribute("dimensions", Dimension.values());
        page.addAttribute("measures", Measure.values());
        page.addAttribute("charts", Chart.values());
        page.addAttribute("storeChoices", storeChoices.visible());
        page.addAttribute("segmentChoices", segments.all(200));
        page.addAttribute("pivot", null);
        page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.NONE);
        try {
            List<FieldProblem> problems = new ArrayList<>();
            Measure shown = InputFields.oneOf("measure", form.measure(), Measure.class, problems);
            Chart drawn = InputFields.oneOf("chart", form.chart(), Chart.class, problems);
            if (!problems.isEmpty() || shown == null || drawn == null) throw new InvalidInputException(problems);
            // distinct customers only when shown: without them the rollup can answer
            Pivot pivot = explorer.pivot(form.question(), form.compare(), shown == Measure.CUSTOMERS);
            page.addAttribute("pivot", pivot);
            page.addAttribute("measure", shown);
            page.addAttribute("format", format(shown));
            page.addAttribute("filterLinks", filterLinks(form, pivot));
            grid(form, pivot, shown, page);
        } catch (InvalidInputException e) {
            page.addAttribute(FormErrors.ATTRIBUTE, FormErrors.of(e.problems()));
        }
        return "merchandising/sales";
    }

    /** How the template writes the measure: money, a share or a count. */
    private static String format(Measure measure) {
        return switch (measure) {
            case REVENUE, GROSS_PROFIT, AVERAGE_BASKET -> "money";
            case MARGIN -> "share";
            default -> "count";
        };
    }

    /** Each filter of the drill path with the link that removes it. */
    private List<Map<String, String>> filterLinks(Form form, Pivot pivot) {
        List<Map<String, String>> links = new ArrayList<>();
        for (SalesExplorer.Filter f : pivot.filters()) {
            List<String> rest = pivot.filters().stream()
                    .filter(other -> other != f)
                    .map(SalesExplorer.Filter::text)
                    .toList();
            links.add(Map.of(
                    "dimension", f.dimension().name(),
                    "label", label(pivot, f.dimension(), f.value()),
                    "remove", form.link("/merchandising/sales", Map.of("filter", rest))));
        }
        return links;
    }

    /** The table's headers and figures, and the chart's data, from the pivot's cells. */
    private void grid(Form form, Pivot pivot, Measure measure, Model page) {
        Map<String, Cell> cells = new HashMap<>();
        pivot.cells().forEach(c -> cells.put(c.row() + "\u0000" + c.column(), c));
        Map<String, Cell> before = new HashMap<>();
        Map<String, Cell> rowsBefore = new HashMap<>();
        Map<String, Cell> columnsBefore = new HashMap<>();
        SalesExplorer.Table yearBefore = pivot.yearBefore();
        if (yearBefore != null) {
            yearBefore.cells().forEach(c -> before.put(c.row() + "\u0000" + c.column(), c));
            yearBefore.rowTotals().forEach(c -> rowsBefore.put(c.row(), c));
            yearBefore.columnTotals().forEach(c -> columnsBefore.put(c.column(), c));
        }
        boolean compare = yearBefore != null;
        List<Header> columns = new ArrayList<>();
        for (Cell c : pivot.columnTotals()) {
            String value = c.column();
            columns.add(new Header(
                    value,
                    label(pivot, pivot.columns(), value),
                    drill(form, pivot, pivot.columns(), value, "columns"),
                    new Figure(measure.of(c), compare ? measure.of(columnsBefore.get(value)) : null, null),
                    List.of()));
        }
        List<Header> rows = new ArrayList<>();
        List<List<Object>> heat = new ArrayList<>();
        for (int r = 0; r < pivot.rowTotals().size(); r++) {
            Cell total = pivot.rowTotals().get(r);
            String value = total.row();
            List<Figure> figures = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c).value();
                Cell cell = cells.get(value + "\u0000" + column);
                Number shown = measure.of(cell);
                figures.add(new Figure(
                        shown,
                        compare ? measure.of(before.get(value + "\u0000" + column)) : null,
                        cell == null
                                ? null
                                : form.link("/merchandising/sales/receipts", Map.of("row", value, "column", column))));
                if (shown != null) heat.add(List.of(c, r, shown.doubleValue()));
            }
            rows.add(new Header(
                    value,
                    label(pivot, pivot.rows(), value),
                    drill(form, pivot, pivot.rows(), value, "rows"),
                    new Figure(measure.of(total), compare ? measure.of(rowsBefore.get(value)) : null, null),
                    figures));
        }
        page.addAttribute("columns", columns);
        page.addAttribute("rows", rows);
        Cell grand = pivot.total();
        page.addAttribute(
                "total",
                new Figure(measure.of(grand), yearBefore == null ? null : measure.of(yearBefore.total()), null));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("kind", form.chart());
        chart.put("measure", message("explorer.measure." + measure));
        chart.put("yearBefore", message("explorer.yearBefore"));
        chart.put("rows", rows.stream().map(Header::label).toList());
        chart.put("columns", columns.stream().map(Header::label).toList());
        chart.put("heat", heat);
        chart.put("rowTotals", rows.stream().map(h -> number(h.total().value())).toList());
        chart.put(
                "rowTotalsBefore",
                rows.stream().map(h -> number(h.total().before())).toList());
        chart.put(
                "columnTotals",
                columns.stream().map(h -> number(h.total().value())).toList());
        chart.put(
                "columnTotalsBefore",
                columns.stream().map(h -> number(h.total().before())).toList());
        chart.put("compare", compare);
        page.addAttribute("chart", chart);
    }

    private static @Nullable Double number(@Nullable Number value) {
        return value == null ? null : value.doubleValue();
    }

    /** The drill from a value to the next level: filtered to the value, the dimension replaced by its next. */
    private static @Nullable String drill(Form form, Pivot pivot, Dimension dimension, String value, String axis) {
        Dimension next = dimension.next().orElse(null);
        Dimension other = axis.equals("rows") ? pivot.columns() : pivot.rows();
        if (next == null || next == other || pivot.filters().size() >= SalesExplorer.MAX_FILTERS) return null;
        List<String> filters = new ArrayList<>(
                pivot.filters().stream().map(SalesExplorer.Filter::text).toList());
        filters.add(new SalesExplorer.Filter(dimension, value).text());
        return form.link("/merchandising/sales", Map.of(axis, next.name(), "filter", filters));
    }

    /** A value as the page shows it: the segment's two values in words, the others as they are. */
    private String label(Pivot pivot, Dimension dimension, String value) {
        if (dimension != Dimension.SEGMENT || pivot.segment() == null) return value;
        return message(
                "explorer.segment." + ("MEMBER".equals(value) ? "member" : "nonMember"),
                pivot.segment().name());
    }

    private String message(String code, Object... args) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(code, args, code, locale);
    }

    @GetMapping("/merchandising/sales/receipts")
    String receipts(
            @RequestParam(required = false) @Nullable String rows,
            @RequestParam(required = false) @Nullable String columns,
            @RequestParam(required = false) @Nullable String measure,
            @RequestParam(required = false) @Nullable String chart,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String compare,
            @RequestParam(required = false) @Nullable String row,
            @RequestParam(required = false) @Nullable String column,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        Form form = Form.of(rows, columns, measure, chart, from, to, stores, segment, filter, compare);
        model.addAttribute("form", form);
        model.addAttribute("row", row);
        model.addAttribute("column", column);
        model.addAttribute("back", form.link("/merchandising/sales"));
        model.addAttribute(
                "base",
                form.link(
                        "/merchandising/sales/receipts",
                        Map.of("row", row == null ? "" : row, "column", column == null ? "" : column)));
        model.addAttribute("result", explorer.receipts(form.question(), row, column, page, 50));
        return "merchandising/sales-receipts";
    }

    @GetMapping("/merchandising/sales.csv")
    void csv(
            @RequestParam(required = false) @Nullable String rows,
            @RequestParam(required = false) @Nullable String columns,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable List<String> stores,
            @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable List<String> filter,
            @RequestParam(required = false) @Nullable String compare,
            HttpServletResponse response)
            throws IOException {
        Form form = Form.of(rows, columns, null, null, from, to, stores, segment, filter, compare);
        Pivot pivot = explorer.pivot(form.question(), form.compare(), true);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"sales-pivot.csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        write(pivot, out);
        out.flush();
    }

    /**
     * The pivot for spreadsheets (formulas neutralised): one line per cell, then the rows' totals (no column), the
     * columns' totals (no row) and the grand total; every measure, and the year before's beside when compared.
     */
    static void write(Pivot pivot, Writer out) throws IOException {
        CsvWriter csv = new CsvWriter(out, CsvWriteOptions.forSpreadsheets());
        List<String> header = new ArrayList<>(List.of(
                pivot.rows().name().toLowerCase(Locale.ROOT),
                pivot.columns().name().toLowerCase(Locale.ROOT)));
        List<String> measures = List.of(Measure.values()).stream()
                .map(m -> m.name().toLowerCase(Locale.ROOT))
                .toList();
        header.addAll(measures);
        SalesExplorer.Table before = pivot.yearBefore();
        if (before != null) measures.forEach(m -> header.add("year_before_" + m));
        csv.writeRow(header);
        Map<String, Cell> previous = new HashMap<>();
        if (before != null) {
            before.cells().forEach(c -> previous.put(c.row() + "\u0000" + c.column(), c));
            before.rowTotals().forEach(c -> previous.put(c.row() + "\u0000" + null, c));
            before.columnTotals().forEach(c -> previous.put(null + "\u0000" + c.column(), c));
            if (before.total() != null) previous.put(null + "\u0000" + null, before.total());
        }
        List<Cell> all = new ArrayList<>(pivot.cells());
        all.addAll(pivot.rowTotals());
        all.addAll(pivot.columnTotals());
        if (pivot.total() != null) all.add(pivot.total());
        for (Cell cell : all) {
            List<String> line = new ArrayList<>();
            line.add(cell.row() == null ? "" : cell.row());
            line.add(cell.column() == null ? "" : cell.column());
            for (Measure m : Measure.values()) line.add(text(m.of(cell)));
            if (before != null) {
                Cell then = previous.get(cell.row() + "\u0000" + cell.column());
                for (Measure m : Measure.values()) line.add(text(m.of(then)));
            }
            csv.writeRow(line);
        }
    }

    private static String text(@Nullable Number value) {
        if (value == null) return "";
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
