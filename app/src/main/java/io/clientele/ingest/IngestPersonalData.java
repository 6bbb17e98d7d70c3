package io.clientele.ingest;

import static io.clientele.platform.PersonalDataParticipant.rows;

import io.clientele.platform.DataSubject;
import io.clientele.platform.PersonalDataParticipant;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Receipts and their lines, and the aspect ratings of surveys. Erasure detaches the receipts from the person (they
 * stay, so revenue and product figures do not change, but name no customer or card), keeps the ratings with the
 * anonymous tombstone, and takes out of import reject reports and stored import files every line that quotes one of
 * the person's identifiers (customer number, card, email or phone key). Files of imports still queued or running are
 * left alone: their checkpoints are byte offsets.
 */
@Component
class IngestPersonalData implements PersonalDataParticipant {
    private final JdbcClient jdbc;

    IngestPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export(DataSubject person) {
        Map<String, List<Map<String, Object>>> kinds = new LinkedHashMap<>();
        kinds.put("receipts", rows(jdbc, """
                select s.source, s.receipt_id, s.kind, st.code as store, s.sold_at, s.card_number, s.total_amount
                from sale s join store st on st.id = s.store_id where s.customer_id = :id order by s.sold_at, s.id""", person.id()));
        kinds.put("receipt_lines", rows(jdbc, """
                select s.source, s.receipt_id, l.line_no, p.sku, p.name as product, l.quantity, l.unit_price,
                       l.discount, l.amount, l.coupon_code
                from sale s join sale_line l on l.sale_id = s.id join product p on p.id = l.product_id
                where s.customer_id = :id order by s.sold_at, s.id, l.line_no""", person.id()));
        kinds.put("aspect_ratings", rows(jdbc, """
                select survey, aspect, perceived, expected, answered_at, source from survey_answer
                where customer_id = :id order by answered_at, survey, aspect""", person.id()));
        return kinds;
    }

    @Override
    public void erase(DataSubject person) {
        jdbc.sql("update sale set customer_id = null, card_number = null where customer_id = :id")
                .param("id", person.id())
                .update();
        if (person.cardNumber() != null) {
            jdbc.sql("update sale set card_number = null where card_number = :card")
                    .param("card", person.cardNumber())
                    .update();
            jdbc.sql("update receipt_header set card_number = null where card_number = :card")
                    .param("card", person.cardNumber())
                    .update();
        }
        List<String> patterns = person.tokenPatterns();
        if (patterns.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update import_reject set raw = null, reason = 'erased'
                        where lower(raw) ~ any(:patterns) or lower(reason) ~ any(:patterns)""").param("patterns", patterns.toArray(String[]::new)).update();
        List<String> files = jdbc.sql("""
                        select file_path from import_job where status in ('UPLOADED', 'COMPLETED', 'FAILED')""").query(String.class).list();
        // files are read and written byte for byte (ISO-8859-1), so a file that is not UTF-8 is no obstacle; the
        // patterns are matched against the same bytes
        Pattern quoting = Pattern.compile(patterns.stream()
                .map(p -> new String(p.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .collect(Collectors.joining("|")));
        for (String file : files) {
            dropLinesQuoting(Path.of(file), quoting);
        }
    }

    /** Rewrites the file without the lines that quote an identifier (in lower case), when there are any. */
    private static void dropLinesQuoting(Path file, Pattern quoting) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Path rewritten = file.resolveSibling(file.getFileName() + ".erasing");
        boolean dropped = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                BufferedWriter out = Files.newBufferedWriter(rewritten, StandardCharsets.ISO_8859_1)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (quoting.matcher(lower).find()) {
                    dropped = true;
                } else {
                    out.write(line);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not take the person out of " + file, e);
        }
        try {
            if (dropped) {
                Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.delete(rewritten);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not take the person out of " + file, e);
        }
    }
}
