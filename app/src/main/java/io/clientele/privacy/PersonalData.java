package io.clientele.privacy;

import io.clientele.audit.AuditTrail;
import io.clientele.customer.Customers;
import io.clientele.platform.DataSubject;
import io.clientele.platform.NotFoundException;
import io.clientele.platform.PersonalDataParticipant;
import io.clientele.platform.csv.CsvWriteOptions;
import io.clientele.platform.csv.CsvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports and erases everything held about a customer, through every {@link PersonalDataParticipant} in their order
 * (the customer's own row last). Both are audited without personal data: the customer's id and, for an erasure, their
 * customer number.
 */
@Service
class PersonalData {
    private final Customers customers;
    private final List<PersonalDataParticipant> participants;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Clock clock;

    PersonalData(
            Customers customers,
            List<PersonalDataParticipant> participants,
            AuditTrail audit,
            JsonMapper json,
            Clock clock) {
        this.customers = customers;
        this.participants = participants;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One ZIP: {@code customer-<id>.json} with every kind of data (complete, structured) and one CSV file per kind
     * ({@code <kind>.csv}, formulas neutralised for spreadsheets).
     */
    @Transactional
    byte[] export(long customerId) {
        DataSubject person = subject(customerId);
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        for (PersonalDataParticipant participant : participants) {
            participant.export(person).forEach((kind, rows) -> kinds.put(kind, plain(rows)));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", 1);
        document.put("customerId", customerId);
        document.put("exportedAt", clock.instant().toString());
        document.put("data", kinds);
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("customer-" + customerId + ".json"));
            zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
            zip.closeEntry();
            for (var kind : kinds.entrySet()) {
                zip.putNextEntry(new ZipEntry(kind.getKey() + ".csv"));
                writeCsv(zip, kind.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record("customer.exported", "customer", customerId, Map.of("files", kinds.size() + 1));
        return bytes.toByteArray();
    }

    /**
     * Removes or irreversibly anonymises the customer in every feature, in one transaction; the customer stays as an
     * anonymous tombstone (see docs/security.md). Audited with the customer number only.
     */
    @Transactional
    void erase(long customerId) {
        erase(subject(customerId), "request");
    }

    /**
     * Erases those of the customers that are not erased yet, in one transaction; {@code reason} is audited with each
     * ({@code retention}). Answers how many were erased.
     */
    @Transactional
    int eraseAll(List<Long> customerIds, String reason) {
        int erased = 0;
        for (long id : customerIds) {
            var person = customers.subject(id);
            if (person.isPresent()) {
                erase(person.get(), reason);
                erased++;
            }
        }
        return erased;
    }

    private void erase(DataSubject person, String reason) {
        for (PersonalDataParticipant participant : participants) {
            participant.erase(person);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("customerNumber", person.customerNumber());
        details.put("reason", reason);
        audit.record("customer.erased", "customer", person.id(), details);
    }

    private DataSubject subject(long customerId) {
        return customers.subject(customerId).orElseThrow(() -> new NotFoundException("No customer " + customerId));
    }

    private static void writeCsv(ZipOutputStream zip, List<Map<String, Object>> rows) throws IOException {
        var writer = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        var csv = new CsvWriter(writer, CsvWriteOptions.forSpreadsheets());
        if (!rows.isEmpty()) {
            csv.writeRow(new ArrayList<>(rows.getFirst().keySet()));
            for (Map<String, Object> row : rows) {
                for (Object value : row.values()) {
                    csv.text(value == null ? null : value.toString());
                }
                csv.endRow();
            }
        }
        csv.flush();
    }

    /** Database values as JSON-friendly ones: times as ISO-8601 text, dates and other types as their text. */
    private static List<Map<String, Object>> plain(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(row -> {
                    Map<String, Object> plain = new LinkedHashMap<>();
                    row.forEach((column, value) -> plain.put(column, plain(value)));
                    return plain;
                })
                .toList();
    }

    private static @Nullable Object plain(@Nullable Object value) {
        return switch (value) {
            case null -> null;
            case Number n -> n;
            case Boolean b -> b;
            case String s -> s;
            case Timestamp t -> t.toInstant().toString();
            default -> value.toString();
        };
    }
}
