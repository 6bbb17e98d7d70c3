package io.clientele.sales;

import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import io.clientele.platform.csv.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads from one CSV file (a fair's contact list, another system's export): columns {@code customer_id}, {@code name},
 * {@code email}, {@code phone}, {@code campaign_id}, {@code owner}, {@code note} (any subset, with a header; source
 * IMPORT). Each row is created as through the API, in one transaction: a bad row is named by its number and field,
 * every one at once, and nothing is stored.
 */
@Service
class LeadImport {
    static final int MAX_ROWS = 10_000;
    private static final List<String> COLUMNS =
            List.of("customer_id", "name", "email", "phone", "campaign_id", "owner", "note");

    private final Leads leads;

    LeadImport(Leads leads) {
        this.leads = leads;
    }

    @Transactional
    List<Long> importCsv(InputStream csv, String actor) throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(csv, CsvReadOptions.defaults())) {
            Map<String, Integer> columns = new TreeMap<>();
            List<String> header = reader.header();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (!COLUMNS.contains(name)) {
                    throw new InvalidInputException(
                            FieldProblem.of("header", "validation.oneOf", String.join(", ", COLUMNS)));
                }
                columns.put(name, i);
            }
            int row = 0;
            while (reader.next()) {
                row++;
                if (row > MAX_ROWS) {
                    throw new InvalidInputException(FieldProblem.of("file", "validation.between", 1, MAX_ROWS));
                }
                CsvRecord record = reader.record();
                String prefix = "row " + row + ": ";
                try {
                    Leads.LeadInput input = new Leads.LeadInput(
                            number(record, columns, "customer_id"),
                            text(record, columns, "name"),
                            text(record, columns, "email"),
                            text(record, columns, "phone"),
                            LeadSource.IMPORT.name(),
                            number(record, columns, "campaign_id"),
                            null,
                            null,
                            text(record, columns, "owner"),
                            text(record, columns, "note"));
                    ids.add(leads.create(input, actor, null).lead().id());
                } catch (InvalidInputException e) {
                    e.problems().forEach(p -> problems.add(new FieldProblem(prefix + p.field(), p.code(), p.args())));
                } catch (NumberFormatException e) {
                    problems.add(FieldProblem.of(prefix + "customer_id", "validation.number"));
                }
            }
        }
        if (!problems.isEmpty()) {
            // the rows created before are rolled back with the transaction
            throw new InvalidInputException(problems);
        }
        return ids;
    }

    private static @Nullable String text(CsvRecord record, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= record.size() ? null : Leads.blankToNull(record.get(i));
    }

    private static @Nullable Long number(CsvRecord record, Map<String, Integer> columns, String name) {
        String text = text(record, columns, name);
        return text == null ? null : Long.valueOf(text);
    }
}
