package io.clientele.campaign.audience;

import io.clientele.audit.AuditTrail;
import io.clientele.campaign.StepChannel;
import io.clientele.campaign.SuppressionReason;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.PageResult;
import io.clientele.platform.csv.CsvFileException;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import io.clientele.platform.csv.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suppression list. An address is kept as the key customers' addresses are matched on (an email in lower case,
 * a phone number's digits), so a launch compares it with {@code customer.email_key} or {@code phone_key}.
 */
@Service
public class Suppressions {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String SELECT = """
            select x.*, concat_ws(' ', c.first_name, c.last_name) as customer_name
            from suppression x left join customer c on c.id = x.customer_id""";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    Suppressions(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** As the form and the API send it: an address or a customer id, a channel (blank: all), the reason, a note. */
    public record Input(
            @Nullable String address,
            @Nullable String customerId,
            @Nullable String channel,
            @Nullable String reason,
            @Nullable String note) {}

    /** The key an address is matched on: an email in lower case, a phone number's digits; null when it is neither. */
    static @Nullable String addressKey(String address) {
        String value = address.strip();
        if (value.contains("@")) {
            return EMAIL.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : null;
        }
        String digits = value.replaceAll("\\D", "");
        return value.matches("[0-9 +()\\-.]+") && digits.length() >= 6 && digits.length() <= 20 ? digits : null;
    }

    /**
     * Adds the entry; one equal to an entry already listed (the same customer or address and channel) answers that
     * one and changes nothing.
     *
     * @throws InvalidInputException naming every wrong field
     */
    @Transactional
    public Suppression add(Input input, String actor) {
        return added(input, actor).entry();
    }

    /** An entry, and whether this call added it (false: it was listed already). */
    private record Added(Suppression entry, boolean created) {}

    private Added added(Input input, String actor) {
        List<FieldProblem> problems = new ArrayList<>();
        String address = blank(input.address()) ? null : addressKey(input.address());
        Long customer = null;
        if (blank(input.address()) == blank(input.customerId())) {
            problems.add(FieldProblem.of("address", "suppression.addressOrCustomer"));
        } else if (!blank(input.address()) && address == null) {
            problems.add(FieldProblem.of("address", "suppression.address"));
        } else if (!blank(input.customerId())) {
            try {
                customer = Long.valueOf(input.customerId().strip());
                if (jdbc.sql("select count(*) from customer where id = :id")
                                .param("id", customer)
                                .query(Long.class)
                                .single()
                        == 0) {
                    problems.add(FieldProblem.of("customerId", "validation.unknown", customer));
                }
            } catch (NumberFormatException e) {
                problems.add(FieldProblem.of("customerId", "validation.number"));
            }
        }
        StepChannel channel = null;
        if (!blank(input.channel())) {
            try {
                channel = StepChannel.valueOf(input.channel().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("channel", "validation.oneOf", List.of(StepChannel.values())));
            }
        }
        SuppressionReason reason = SuppressionReason.MANUAL;
        if (!blank(input.reason())) {
            try {
                reason = SuppressionReason.valueOf(input.reason().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(FieldProblem.of("reason", "validation.oneOf", List.of(SuppressionReason.values())));
            }
        }
        String note = blank(input.note()) ? null : input.note().strip();
        if (note != null && note.length() > 500) {
            problems.add(FieldProblem.of("note", "validation.length", 500));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Optional<Long> id = jdbc.sql("""
                        insert into suppression (channel, customer_id, address, reason, note, added_by, added_at)
                        values (:channel, :customer, :address, :reason, :note, :actor, :now)
                        on conflict do nothing
                        returning id""")
                .param("channel", channel == null ? null : channel.name())
                .param("customer", customer)
                .param("address", address)
                .param("reason", reason.name())
                .param("note", note)
                .param("actor", actor)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return new Added(
                    jdbc.sql(SELECT + " " + """
                             where (x.customer_id = :customer or x.address = :address)
                               and coalesce(x.channel, '*') = :channel""")
                            .param("customer", customer)
                            .param("address", address)
                            .param("channel", channel == null ? "*" : channel.name())
                            .query(Suppressions::suppression)
                            .single(),
                    false);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(customer == null ? "address" : "customer", customer == null ? address : customer);
        details.put("channel", channel == null ? "*" : channel.name());
        details.put("reason", reason.name());
        audit.record("suppression.added", "suppression", id.get(), details);
        return new Added(get(id.get()), true);
    }

    static final int MAX_UPLOAD_LINES = 100_000;

    /**
     * Adds the addresses of a list (UTF-8, one a line, or the first column of a CSV file separated by commas,
     * semicolons or tabs; a first line without an address is a header and skipped), all with the same channel,
     * reason and note; those listed already change nothing. Every address is checked first: one wrong line stores
     * none.
     *
     * @return how many entries were added
     * @throws InvalidInputException naming the first wrong lines ({@code file}, with the line number)
     */
    @Transactional
    public int addAll(InputStream file, Input common, String actor) throws IOException {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (CsvReader csv = CsvReader.open(file, CsvReadOptions.defaults().withoutHeader())) {
            for (int records = 0; csv.next(); records++) {
                if (records == MAX_UPLOAD_LINES) {
                    throw new InvalidInputException(
                            FieldProblem.of("file", "suppression.tooManyLines", MAX_UPLOAD_LINES));
                }
                CsvRecord record = csv.record();
                String first = record.error() == null ? record.get(0) : null;
                String cell = first == null ? "" : first.strip();
                if (record.error() == null
                        && (cell.isEmpty() || (records == 0 && !cell.contains("@") && !cell.matches(".*\\d.*")))) {
                    continue;
                }
                String key = cell.isEmpty() ? null : addressKey(cell);
                if (key == null) {
                    if (problems.size() < 10) {
                        problems.add(FieldProblem.of("file", "suppression.badLine", record.lineNumber()));
                    }
                } else {
                    keys.add(key);
                }
            }
        } catch (CsvFileException e) {
            throw new InvalidInputException(FieldProblem.of("file", "suppression.notUtf8"));
        }
        if (keys.isEmpty() && problems.isEmpty()) {
            problems.add(FieldProblem.of("file", "suppression.emptyFile"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        int added = 0;
        for (String key : keys.stream().distinct().toList()) {
            if (added(new Input(key, null, common.channel(), common.reason(), common.note()), actor)
                    .created()) {
                added++;
            }
        }
        return added;
    }

    /** Removes an entry; removing one that is gone changes nothing. */
    @Transactional
    public void remove(long id, String actor) {
        Optional<Suppression> entry = find(id);
        if (entry.isPresent()) {
            jdbc.sql("delete from suppression where id = :id").param("id", id).update();
            Suppression s = entry.get();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put(
                    s.customerId() == null ? "address" : "customer",
                    s.customerId() == null ? s.address() : s.customerId());
            details.put("channel", s.channel() == null ? "*" : s.channel().name());
            audit.record("suppression.removed", "suppression", id, details);
        }
    }

    public Optional<Suppression> find(long id) {
        return jdbc.sql(SELECT + " where x.id = :id")
                .param("id", id)
                .query(Suppressions::suppression)
                .optional();
    }

    public Suppression get(long id) {
        return find(id).orElseThrow(() -> new io.clientele.platform.NotFoundException("No suppression " + id));
    }

    /** Newest first; {@code query} matches part of an address, or a customer number. */
    public PageResult<Suppression> page(@Nullable String query, int page, int size) {
        String q = blank(query) ? null : query.strip().toLowerCase(Locale.ROOT);
        String where = q == null ? "" : " where strpos(x.address, :q) > 0 or x.customer_id::text = :q";
        var count = jdbc.sql("select count(*) from suppression x" + where);
        var list = jdbc.sql(SELECT + where + " order by x.id desc limit :size offset :offset");
        if (q != null) {
            count = count.param("q", q);
            list = list.param("q", q);
        }
        long total = count.query(Long.class).single();
        List<Suppression> items = list.param("size", size)
                .param("offset", (long) page * size)
                .query(Suppressions::suppression)
                .list();
        return new PageResult<>(items, page, size, total);
    }

    private static Suppression suppression(ResultSet rs, int row) throws SQLException {
        String channel = rs.getString("channel");
        String name = rs.getString("customer_name");
        return new Suppression(
                rs.getLong("id"),
                channel == null ? null : StepChannel.valueOf(channel),
                rs.getObject("customer_id", Long.class),
                name == null || name.isBlank() ? null : name,
                rs.getString("address"),
                SuppressionReason.valueOf(rs.getString("reason")),
                rs.getString("note"),
                rs.getString("added_by"),
                rs.getTimestamp("added_at").toInstant());
    }

    private static boolean blank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
