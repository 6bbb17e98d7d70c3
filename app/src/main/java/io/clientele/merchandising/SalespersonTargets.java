package io.clientele.merchandising;

import io.clientele.platform.Actor;
import io.clientele.platform.DataScope;
import io.clientele.platform.DataScopes;
import io.clientele.platform.FieldProblem;
import io.clientele.platform.InputFields;
import io.clientele.platform.InvalidInputException;
import io.clientele.platform.csv.CsvFileException;
import io.clientele.platform.csv.CsvReadOptions;
import io.clientele.platform.csv.CsvReader;
import io.clientele.platform.csv.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Salespeople's revenue targets per month or quarter: set one at a time (page, API) or from a CSV file, all of whose
 * rows are stored or none. A store manager sets and sees only their stores' salespeople; a salesperson of another
 * store is "unknown" to them, as one that does not exist.
 */
@Service
public class SalespersonTargets {
    /** A file of more rows than this is not a targets file. */
    static final int MAX_ROWS = 10_000;

    static final List<String> COLUMNS = List.of("salesperson", "period", "revenue");

    /** A salesperson's target of one period. */
    public record Target(
            String salesperson,
            String name,
            String store,
            String period,
            BigDecimal revenue,
            String updatedBy,
            Instant updatedAt) {}

    /** A checked target, ready to store. */
    record Input(int salespersonId, String salesperson, TargetPeriod period, BigDecimal revenue) {}

    /** A target a program computed (the demo's). */
    public record Planned(String salesperson, TargetPeriod period, BigDecimal revenue) {}

    private final JdbcClient jdbc;
    private final DataScopes scopes;
    private final Clock clock;

    SalespersonTargets(JdbcClient jdbc, DataScopes scopes, Clock clock) {
        this.jdbc = jdbc;
        this.scopes = scopes;
        this.clock = clock;
    }

    /** Sets one target (replacing the period's earlier one): 400 naming salesperson, period or revenue. */
    @Transactional
    public Target set(@Nullable String salesperson, @Nullable String period, @Nullable String revenue) {
        List<FieldProblem> problems = new ArrayList<>();
        Input input = check("", salesperson, period, revenue, people(), problems);
        if (!problems.isEmpty() || input == null) throw new InvalidInputException(problems);
        store(List.of(input));
        return of(input.period()).stream()
                .filter(t -> t.salesperson().equals(input.salesperson()))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Reads a CSV file with the columns salesperson, period and revenue (a header; other columns are ignored) and
     * stores every row, or none: each bad row is named as {@code lines[N].field}, N the file's line.
     */
    @Transactional
    public int importCsv(InputStream in) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        Map<String, Integer> people = people();
        try (CsvReader reader = CsvReader.open(in, CsvReadOptions.defaults())) {
            List<String> header = reader.header().stream()
                    .map(h -> h.strip().toLowerCase(Locale.ROOT))
                    .toList();
            if (!header.containsAll(COLUMNS)) {
                throw new InvalidInputException(FieldProblem.of("file", "merchandising.targetColumns", COLUMNS));
            }
            Set<String> seen = new HashSet<>();
            while (reader.next()) {
                CsvRecord record = reader.record();
                String line = "lines[" + record.lineNumber() + "]";
                if (inputs.size() + problems.size() >= MAX_ROWS) {
                    throw new InvalidInputException(FieldProblem.of("file", "merchandising.targetRows", MAX_ROWS));
                }
                if (record.error() != null) {
                    problems.add(FieldProblem.of(line, "merchandising.badLine", record.error()));
                    continue;
                }
                Input input = check(
                        line + ".",
                        record.get(header.indexOf("salesperson")),
                        record.get(header.indexOf("period")),
                        record.get(header.indexOf("revenue")),
                        people,
                        problems);
                if (input == null) continue;
                if (!seen.add(input.salesperson() + " " + input.period())) {
                    problems.add(FieldProblem.of(line + ".period", "merchandising.targetTwice"));
                    continue;
                }
                inputs.add(input);
            }
        } catch (CsvFileException e) {
            throw new InvalidInputException(FieldProblem.of("file", "merchandising.badFile", e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        if (inputs.isEmpty()) throw new InvalidInputException(FieldProblem.of("file", "merchandising.noRows"));
        store(inputs);
        return inputs.size();
    }

    /** The salespeople the asker may set targets of, by code. */
    private Map<String, Integer> people() {
        DataScope scope = scopes.current();
        Map<String, Integer> people = new HashMap<>();
        jdbc.sql("select sp.code, sp.id, st.code from salesperson sp join store st on st.id = sp.store_id")
                .query(rs -> {
                    if (scope.includesStore(rs.getString(3))) people.put(rs.getString(1), rs.getInt(2));
                });
        return people;
    }

    private static @Nullable Input check(
            String prefix,
            @Nullable String salesperson,
            @Nullable String period,
            @Nullable String revenue,
            Map<String, Integer> people,
            List<FieldProblem> problems) {
        int before = problems.size();
        InputFields.printable(prefix + "salesperson", salesperson, problems);
        InputFields.printable(prefix + "period", period, problems);
        InputFields.printable(prefix + "revenue", revenue, problems);
        if (problems.size() > before) return null;
        String code = InputFields.required(prefix + "salesperson", salesperson, 40, problems);
        Integer id = null;
        if (code != null && problems.size() == before) {
            id = people.get(code);
            if (id == null) problems.add(FieldProblem.of(prefix + "salesperson", "validation.unknown", code));
        }
        TargetPeriod targetPeriod = TargetPeriod.parse(prefix + "period", period, problems);
        BigDecimal amount = InputFields.money(prefix + "revenue", revenue, problems);
        if (InputFields.trimmed(revenue) == null) {
            problems.add(FieldProblem.of(prefix + "revenue", "validation.required"));
        } else if (amount != null && amount.signum() < 0) {
            problems.add(FieldProblem.of(prefix + "revenue", "validation.notNegative"));
        }
        if (problems.size() > before || id == null || targetPeriod == null || amount == null) return null;
        return new Input(id, code, targetPeriod, amount);
    }

    /** Stores checked targets in one statement, each replacing its salesperson's target of the period. */
    void store(List<Input> inputs) {
        jdbc.sql("""
                        insert into salesperson_target (salesperson_id, period_kind, period_start, revenue, updated_by,
                                                        updated_at)
                        select t.id, t.kind, t.start, t.revenue, :by, :at
                        from unnest(cast(:ids as integer[]), cast(:kinds as text[]), cast(:starts as date[]),
                                    cast(:revenues as numeric[])) as t (id, kind, start, revenue)
                        on conflict (salesperson_id, period_kind, period_start)
                        do update set revenue = excluded.revenue, updated_by = excluded.updated_by,
                                      updated_at = excluded.updated_at""")
                .param("ids", inputs.stream().map(Input::salespersonId).toArray(Integer[]::new))
                .param(
                        "kinds",
                        inputs.stream().map(i -> i.period().kind().name()).toArray(String[]::new))
                .param(
                        "starts",
                        inputs.stream()
                                .map(i -> java.sql.Date.valueOf(i.period().start()))
                                .toArray(java.sql.Date[]::new))
                .param("revenues", inputs.stream().map(Input::revenue).toArray(BigDecimal[]::new))
                .param("by", Actor.current().name())
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** Sets targets a program computed (the demo's) for salespeople in the asker's scope; others are skipped. */
    @Transactional
    public void storeAll(List<Planned> planned) {
        Map<String, Integer> people = people();
        List<Input> inputs = planned.stream()
                .filter(p -> people.containsKey(p.salesperson()))
                .map(p -> new Input(people.get(p.salesperson()), p.salesperson(), p.period(), p.revenue()))
                .toList();
        if (!inputs.isEmpty()) store(inputs);
    }

    /** The period's targets of the salespeople the asker may see, by salesperson. */
    public List<Target> of(TargetPeriod period) {
        DataScope scope = scopes.current();
        return jdbc.sql("""
                        select sp.code, sp.name, st.code, t.revenue, t.updated_by, t.updated_at
                        from salesperson_target t join salesperson sp on sp.id = t.salesperson_id
                        join store st on st.id = sp.store_id
                        where t.period_kind = :kind and t.period_start = :start
                          and (cast(:all as boolean) or st.code = any(:scopeStores))
                        order by sp.code""")
                .param("kind", period.kind().name())
                .param("start", period.start())
                .param("all", scope.unrestricted())
                .param(
                        "scopeStores",
                        scope.unrestricted()
                                ? new String[0]
                                : scope.storeCodes().toArray(String[]::new))
                .query((rs, n) -> new Target(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        period.text(),
                        rs.getBigDecimal(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant()))
                .list();
    }
}
