package io.clientele.bench;

import io.clientele.insight.RunSummary;
import io.clientele.insight.ScoreRun;
import io.clientele.insight.Scoring;
import io.clientele.insight.ScoringRunner;
import io.clientele.platform.CommandContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A full scoring run (issue 4) over the database the sales-import scenario leaves behind: 1M customers, about 20M
 * receipt lines. Clientele's run (COPY out, plain-Java scoring, COPY into its partition) side by side with the same
 * per-customer figures computed by one plain SQL statement with window functions, and the two compared row by row.
 */
final class ScoringBench {
    private ScoringBench() {}

    static void run(Options options) throws Exception {
        Path db = options.path("db", "/tmp/clientele-bench/sales-import/db");
        if (!Files.isDirectory(db)) {
            throw new IllegalArgumentException("no database at " + db + ": run ./clientele bench sales-import first");
        }
        try (ConfigurableApplicationContext context = CommandContext.start(db)) {
            DataSource dataSource = context.getBean(DataSource.class);
            String machine = Machine.describe(dataSource);
            System.err.println("machine: " + machine);
            execute(dataSource, "vacuum analyze");
            String size = size(dataSource);
            System.err.println("data: " + size);
            Scoring scoring = context.getBean(Scoring.class);
            ScoringRunner runner = context.getBean(ScoringRunner.class);
            LocalDate asOf = lastSaleDay(dataSource);

            ScoreRun first = score(scoring, runner, asOf);
            long baselineMillis = baseline(dataSource, first);
            ScoreRun second = score(scoring, runner, asOf);
            String agreement = compare(dataSource, second);
            System.out.println(report(machine, size, asOf, first, second, baselineMillis, agreement));
        }
    }

    private static ScoreRun score(Scoring scoring, ScoringRunner runner, LocalDate asOf) {
        // a different churn horizon each time would be another run; the same request twice is two runs in sequence
        ScoreRun queued =
                scoring.queue(ScoreRun.Trigger.CLI, new Scoring.Request(asOf, null, null, null, null), "bench");
        long start = System.nanoTime();
        ScoreRun done = runner.runOrAwait(queued, (phase, count, total) -> {});
        System.err.printf(
                "clientele: run %d, %,d customers in %,d ms (%s)%n",
                done.id(),
                done.customersScored(),
                (System.nanoTime() - start) / 1_000_000,
                done.summary().phaseMillis());
        return done;
    }

    /** The same per-customer figures in one statement, written to a table like ours, then the run's totals. */
    private static long baseline(DataSource dataSource, ScoreRun run) throws SQLException {
        execute(dataSource, "drop table if exists baseline_score");
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement settings = connection.createStatement()) {
            settings.execute("set work_mem = '256MB'");
            settings.execute(BaselineSql.scores(run));
            try (Statement totals = connection.createStatement();
                    ResultSet rows = totals.executeQuery(BaselineSql.TOTALS)) {
                while (rows.next()) {
                    System.err.printf("baseline grade %s: %,d customers%n", rows.getString(1), rows.getLong(2));
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.err.printf("baseline: %,d ms%n", millis);
        return millis;
    }

    /** Rows where the two disagree, field by field. */
    private static String compare(DataSource dataSource, ScoreRun run) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select count(*),
                               count(*) filter (where s.r is distinct from b.r or s.f is distinct from b.f
                                                or s.m is distinct from b.m),
                               count(*) filter (where s.rfm_segment is distinct from b.rfm_segment),
                               count(*) filter (where s.grade is distinct from b.grade),
                               count(*) filter (where s.profit <> b.profit or s.revenue <> b.revenue),
                               count(*) filter (where s.loyalty is distinct from b.loyalty),
                               -- the baseline measures satisfaction only; the estimate has no SQL twin
                               count(*) filter (where s.satisfaction_source is distinct from 'ESTIMATED'
                                                and s.matrix_class is distinct from b.matrix_class),
                               count(*) filter (where s.churned <> b.churned)
                        from customer_score s join baseline_score b on b.customer_id = s.customer_id
                        where s.run_id = ?""")) {
            statement.setLong(1, run.id());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return ("%,d customers compared; rows that differ: RFM scores %d, segment %d, grade %d, revenue or"
                                + " profit %d, loyalty %d, matrix class (measured satisfaction) %d, churned %d")
                        .formatted(
                                rows.getLong(1),
                                rows.getLong(2),
                                rows.getLong(3),
                                rows.getLong(4),
                                rows.getLong(5),
                                rows.getLong(6),
                                rows.getLong(7),
                                rows.getLong(8));
            }
        }
    }

    private static String report(
            String machine,
            String size,
            LocalDate asOf,
            ScoreRun first,
            ScoreRun second,
            long baseline,
            String agreement) {
        RunSummary summary = second.summary();
        long ours = Math.min(first.durationMs(), second.durationMs());
        return """
                ### Scoring run (issue 4)

                %s. Data: %s; scored as of %s.

                | path | customers | first run ms | second run ms |
                |---|---:|---:|---:|
                | Clientele scoring run (COPY out, plain-Java scoring, COPY into its own partition) | %,d | %,d | %,d |
                | plain SQL, one statement with window functions (work_mem 256MB) | %,d | %,d | – |

                Clientele phases of the second run (ms): %s. Ratio: %.1f× the baseline (best of ours against the
                baseline). %s. Top 20%% of buyers bring %.1f%% of the profit; %,d buyers, %,d churned.
                """.formatted(
                        machine,
                        size,
                        asOf,
                        second.customersScored(),
                        first.durationMs(),
                        second.durationMs(),
                        second.customersScored(),
                        baseline,
                        summary.phaseMillis(),
                        (double) baseline / ours,
                        agreement,
                        summary.topTwentyShare() * 100,
                        summary.buyers(),
                        summary.churned());
    }

    private static LocalDate lastSaleDay(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select max(sold_at) from sale")) {
            rows.next();
            return rows.getTimestamp(1).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    private static String size(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select (select count(*) from customer), (select count(*) from sale),
                               (select count(*) from sale where customer_id is not null),
                               (select reltuples::bigint from pg_class where relname = 'sale_line')""")) {
            rows.next();
            return "%,d customers, %,d receipts (%,d of known customers), about %,d receipt lines"
                    .formatted(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
