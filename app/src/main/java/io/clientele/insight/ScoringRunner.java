package io.clientele.insight;

import io.clientele.analytics.value.ChurnMonth;
import io.clientele.analytics.value.LoyaltyIndex;
import io.clientele.analytics.value.MarketingCostInputs;
import io.clientele.analytics.value.ParetoPercents;
import io.clientele.analytics.value.PurchaseLog;
import io.clientele.analytics.value.SatisfactionInputs;
import io.clientele.analytics.value.ValueGrade;
import io.clientele.analytics.value.ValueScores;
import io.clientele.analytics.value.ValueScoring;
import io.clientele.platform.db.CopyRows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Runs a scoring run end to end: reads every customer's receipts, ratings and complaints, scores them with
 * {@link ValueScoring}, and writes one row per customer into the run's own partition. The rows, the partition and
 * the run's completion commit together, so a run killed half-way leaves nothing and is run again from the start.
 */
@Component
public class ScoringRunner {
    private static final Logger log = LoggerFactory.getLogger(ScoringRunner.class);
    /** The first key of the advisory locks that mark a run as being run. */
    private static final int LOCK_SPACE = 0x5C0E;

    private static final int WRITE_CHUNK = 100_000;

    private final DataSource dataSource;
    private final ScoreRuns runs;
    private final Clock clock;
    private final ScoringProperties properties;
    private final LifetimeValues lifetimeValues;
    private final ObjectProvider<MarketingCostSource> marketingCosts;
    private final ApplicationEventPublisher events;

    ScoringRunner(
            DataSource dataSource,
            ScoreRuns runs,
            Clock clock,
            ScoringProperties properties,
            LifetimeValues lifetimeValues,
            ObjectProvider<MarketingCostSource> marketingCosts,
            ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.runs = runs;
        this.clock = clock;
        this.properties = properties;
        this.lifetimeValues = lifetimeValues;
        this.marketingCosts = marketingCosts;
        this.events = events;
    }

    /** Told of the run's progress: phase READING, COMPUTING or WRITING, and how far within it. */
    public interface Progress {
        void update(String phase, long done, long total);
    }

    /** Runs a queued run, or one whose process died, unless another process holds it. */
    public ScoreRun run(ScoreRun run, Progress progress) {
        try (Connection connection = dataSource.getConnection()) {
            // the lock lives as long as this connection: a process killed mid-run releases it at once
            if (!lock(connection, run.id(), "pg_try_advisory_lock")) {
                throw new ScoringBusyException(run.id());
            }
            try {
                return runLocked(run, progress, connection);
            } catch (SQLException | RuntimeException e) {
                runs.fail(run.id(), describe(e));
                throw new ScoringFailedException("Scoring run " + run.id() + " failed: " + describe(e), e);
            } finally {
                connection.setAutoCommit(true);
                lock(connection, run.id(), "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new ScoringFailedException("Scoring run " + run.id() + " failed: " + describe(e), e);
        }
    }

    /** Runs the run here, or, when another process took it first, waits for that process to finish it. */
    public ScoreRun runOrAwait(ScoreRun run, Progress progress) {
        try {
            return run(run, progress);
        } catch (ScoringBusyException e) {
            while (true) {
                ScoreRun now = runs.find(run.id()).orElseThrow();
                if (now.finished()) {
                    return now;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ScoringFailedException(
                            "Interrupted while waiting for scoring run " + run.id(), interrupted);
                }
            }
        }
    }

    private ScoreRun runLocked(ScoreRun run, Progress listener, Connection connection) throws SQLException {
        runs.start(run.id());
        ThrottledProgress progress = new ThrottledProgress(run.id(), listener);
        Map<String, Long> phaseMillis = new LinkedHashMap<>();
        long started = System.nanoTime();
        ZoneId zone = clock.getZone();
        ReceiptReader.Purchases read = ReceiptReader.read(
                connection, run.asOf(), zone, (done, total) -> progress.update("READING", done, total, done == total));
        long[] customerIds = read.customerIds();
        PurchaseLog purchases = read.log();
        SatisfactionInputs ratings = ratings(connection, customerIds, run);
        MarketingCostInputs marketing = marketing(customerIds, run);
        phaseMillis.put("read", elapsed(started));

        long computing = System.nanoTime();
        progress.update("COMPUTING", 0, 1, true);
        ValueScores scores = ValueScoring.score(purchases, ratings, marketing, run.parameters(), run.asOf());
        phaseMillis.put("compute", elapsed(computing));
        long predicting = System.nanoTime();
        LifetimeValues.Result clv =
                lifetimeValues.score(purchases, (int) run.asOf().toEpochDay(), observedMargin(scores));
        phaseMillis.put("lifetimeValue", elapsed(predicting));

        long writing = System.nanoTime();
        connection.setAutoCommit(false);
        try {
            write(connection, run.id(), customerIds, scores, clv, progress);
            MarketingCostSource.Window lookback = lookback(run);
            ProductQuality.write(connection, run.id(), Timestamp.from(lookback.from()), Timestamp.from(lookback.to()));
            phaseMillis.put("write", elapsed(writing));
            RunSummary summary = RunSummary.of(scores.summary(), phaseMillis, clv.model(), clvByGroup(scores, clv));
            complete(connection, run.id(), customerIds.length, summary, elapsed(started));
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        dropOldPartitions(connection);
        ScoreRun done = runs.find(run.id()).orElseThrow();
        log.info(
                "Scoring run {} as of {}: {} customers in {} ms",
                run.id(),
                run.asOf(),
                customerIds.length,
                done.durationMs());
        try {
            events.publishEvent(new ScoreRunCompleted(run.id(), run.asOf()));
        } catch (RuntimeException e) {
            // what others derive from the run is theirs to retry; the scores are committed and stay valid
            log.error("A listener of scoring run {} failed", run.id(), e);
        }
        return done;
    }

    /**
     * Each customer's ratings up to the as-of date (sums of perceived and expected over all aspects) and the
     * complaints of the lookback.
     */
    private SatisfactionInputs ratings(Connection connection, long[] customerIds, ScoreRun run) throws SQLException {
        MarketingCostSource.Window lookback = lookback(run);
        Timestamp end = Timestamp.from(lookback.to());
        Timestamp lookbackStart = Timestamp.from(lookback.from());
        SatisfactionInputs inputs = SatisfactionInputs.none(customerIds.length);
        try (PreparedStatement ratings = connection.prepareStatement("""
                select customer_id, sum(perceived), sum(expected) from survey_answer
                where answered_at < ? group by customer_id""")) {
            ratings.setTimestamp(1, end);
            try (ResultSet rows = ratings.executeQuery()) {
                while (rows.next()) {
                    int c = Arrays.binarySearch(customerIds, rows.getLong(1));
                    if (c >= 0) {
                        inputs.perceivedSum()[c] = rows.getLong(2);
                        inputs.expectedSum()[c] = rows.getLong(3);
                    }
                }
            }
        }
        try (PreparedStatement complaints = connection.prepareStatement("""
                select customer_id, count(*) from interaction
                where kind = 'COMPLAINT' and occurred_at >= ? and occurred_at < ? group by customer_id""")) {
            complaints.setTimestamp(1, lookbackStart);
            complaints.setTimestamp(2, end);
            try (ResultSet rows = complaints.executeQuery()) {
                while (rows.next()) {
                    int c = Arrays.binarySearch(customerIds, rows.getLong(1));
                    if (c >= 0) {
                        inputs.complaints()[c] = rows.getInt(2);
                    }
                }
            }
        }
        return inputs;
    }

    /** Each scored customer's share of the marketing costs of the lookback (zero without a cost source). */
    private MarketingCostInputs marketing(long[] customerIds, ScoreRun run) {
        MarketingCostInputs inputs = MarketingCostInputs.none(customerIds.length);
        MarketingCostSource source = marketingCosts.getIfAvailable();
        if (source == null) {
            return inputs;
        }
        source.read(lookback(run), (customerId, direct, allocated) -> {
            int c = Arrays.binarySearch(customerIds, customerId);
            if (c >= 0) {
                inputs.directCents()[c] = direct;
                inputs.allocatedCents()[c] = allocated;
            }
        });
        return inputs;
    }

    /** The run's lookback: the days before the as-of date, the as-of date included, in the clock's zone. */
    private MarketingCostSource.Window lookback(ScoreRun run) {
        ZoneId zone = clock.getZone();
        LocalDate firstDay = run.asOf().plusDays(1).minusDays(run.parameters().lookbackDays());
        return new MarketingCostSource.Window(
                firstDay,
                run.asOf(),
                firstDay.atStartOfDay(zone).toInstant(),
                run.asOf().plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** Gross profit over revenue of the buyers in the lookback: the default margin of the lifetime value. */
    private static double observedMargin(ValueScores scores) {
        long revenue = 0;
        long profit = 0;
        for (int c = 0; c < scores.customers(); c++) {
            revenue += scores.revenueCents(c);
            profit += scores.grossProfitCents(c);
        }
        return revenue <= 0 ? 0 : (double) profit / revenue;
    }

    private static Map<String, BigDecimal> clvByGroup(ValueScores scores, LifetimeValues.Result clv) {
        Map<String, Double> sums = new java.util.HashMap<>();
        for (int c = 0; c < scores.customers(); c++) {
            double value = clv.lifetimeValue()[c];
            if (Double.isNaN(value) || scores.grade(c) == null) {
                continue;
            }
            sums.merge("grade:" + scores.grade(c), value, Double::sum);
            sums.merge("segment:" + scores.segment(c), value, Double::sum);
            sums.merge(
                    "matrix:" + (scores.matrixClass(c) == null ? "UNKNOWN" : scores.matrixClass(c)),
                    value,
                    Double::sum);
        }
        Map<String, BigDecimal> money = new java.util.HashMap<>();
        sums.forEach((key, sum) -> money.put(key, BigDecimal.valueOf(sum).setScale(2, RoundingMode.HALF_UP)));
        return money;
    }

    /** Loads the run's own table with COPY, indexes it and attaches it as the run's partition. */
    private static void write(
            Connection connection,
            long runId,
            long[] customerIds,
            ValueScores scores,
            LifetimeValues.Result clv,
            ThrottledProgress progress)
            throws SQLException {
        String table = partition(runId);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("drop table if exists " + table);
            ddl.execute("create table " + table + " (like customer_score including defaults, check (run_id = " + runId
                    + "))");
        }
        String copy = "copy " + table + " from stdin";
        CopyRows rows = new CopyRows();
        int[] paretoPercents = ParetoPercents.of(scores);
        for (int c = 0; c < customerIds.length; c++) {
            row(rows, runId, customerIds[c], scores, clv, paretoPercents[c], c);
            if (rows.rows() == WRITE_CHUNK) {
                rows.copyInto(connection, copy);
                progress.update("WRITING", c + 1, customerIds.length, false);
            }
        }
        rows.copyInto(connection, copy);
        progress.update("WRITING", customerIds.length, customerIds.length, true);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table " + table + " add primary key (customer_id, run_id)");
            ddl.execute("alter table customer_score attach partition " + table + " for values in (" + runId + ")");
        }
        for (ChurnMonth month : scores.summary().churnByMonth()) {
            for (ValueGrade grade : ValueGrade.values()) {
                for (int c : month.churners()[grade.ordinal()]) {
                    rows.add(runId)
                            .add(month.month().atDay(1))
                            .add(grade.name())
                            .add(customerIds[c]);
                    rows.endRow();
                }
            }
        }
        rows.copyInto(connection, "copy customer_churn (run_id, month, grade, customer_id) from stdin");
    }

    private static void row(
            CopyRows rows,
            long runId,
            long customerId,
            ValueScores scores,
            LifetimeValues.Result clv,
            int paretoPercent,
            int c) {
        boolean buyer = scores.isBuyer(c);
        rows.add(runId).add(customerId);
        rows.add(buyer ? scores.recencyDays(c) : null);
        rows.add(scores.frequency(c));
        rows.cents(scores.revenueCents(c)).cents(scores.costOfGoodsCents(c)).cents(scores.profitCents(c));
        rows.add(buyer ? scores.r(c) : null).add(buyer ? scores.f(c) : null).add(buyer ? scores.m(c) : null);
        rows.add(name(scores.segment(c))).add(name(scores.grade(c)));
        rows.add(scores.churned(c) ? "t" : "f");
        rows.add(scores.loyalty(c) == LoyaltyIndex.UNKNOWN ? null : scores.loyalty(c));
        double satisfaction = scores.satisfaction(c);
        rows.add(decimal(satisfaction, 3));
        rows.add(name(scores.satisfactionLevel(c))).add(name(scores.volume(c))).add(name(scores.matrixClass(c)));
        rows.add(decimal(clv.probabilityAlive()[c], 5))
                .add(decimal(clv.expected90()[c], 3))
                .add(decimal(clv.expected365()[c], 3))
                .add(decimal(clv.lifetimeValue()[c], 2));
        rows.cents(scores.directMarketingCents(c))
                .cents(scores.allocatedMarketingCents(c))
                .cents(scores.netProfitCents(c));
        rows.add(paretoPercent == 0 ? null : paretoPercent);
        rows.add(Double.isNaN(satisfaction) ? null : satisfactionSource(scores.satisfactionEstimated(c)));
        rows.endRow();
    }

    /** How a satisfaction index came about, as {@code customer_score.satisfaction_source} stores it. */
    static String satisfactionSource(boolean estimated) {
        return estimated ? "ESTIMATED" : "MEASURED";
    }

    /** A figure as a decimal of the column's scale; NaN (no figure) as null. */
    private static @Nullable String decimal(double value, int scale) {
        return Double.isNaN(value)
                ? null
                : BigDecimal.valueOf(value)
                        .setScale(scale, RoundingMode.HALF_UP)
                        .toPlainString();
    }

    private static @Nullable String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }

    private void complete(Connection connection, long runId, long customers, RunSummary summary, long millis)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                update score_run set status = 'COMPLETED', finished_at = ?, duration_ms = ?, customers_scored = ?,
                                     summary = cast(? as jsonb), phase = null, error = null
                where id = ?""")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setLong(2, millis);
            update.setLong(3, customers);
            update.setString(4, ScoreRuns.JSON.writeValueAsString(summary));
            update.setLong(5, runId);
            update.executeUpdate();
        }
    }

    /** Keeps the per-customer rows of the latest runs only; every run keeps its figures. */
    private void dropOldPartitions(Connection connection) throws SQLException {
        try (PreparedStatement old = connection.prepareStatement("""
                select r.id from score_run r
                where r.status = 'COMPLETED'
                  and exists (select 1 from pg_class where relname = 'customer_score_r' || r.id)
                order by r.finished_at desc, r.id desc offset ?""")) {
            old.setInt(1, properties.keepRuns());
            try (ResultSet rows = old.executeQuery();
                    Statement ddl = connection.createStatement()) {
                while (rows.next()) {
                    ddl.execute("drop table if exists " + partition(rows.getLong(1)));
                    ddl.execute("delete from customer_churn where run_id = " + rows.getLong(1));
                }
            }
        }
    }

    static String partition(long runId) {
        return "customer_score_r" + runId;
    }

    private static boolean lock(Connection connection, long runId, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select " + function + "(?, ?)")) {
            lock.setInt(1, LOCK_SPACE);
            lock.setInt(2, (int) runId);
            try (ResultSet rows = lock.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** Stores progress at most twice a second (and at each phase's end), telling the listener each time. */
    private final class ThrottledProgress {
        private final long runId;
        private final Progress listener;
        private long lastStored;

        ThrottledProgress(long runId, Progress listener) {
            this.runId = runId;
            this.listener = listener;
        }

        void update(String phase, long done, long total, boolean force) {
            long now = System.nanoTime();
            if (force || now - lastStored > 500_000_000L) {
                lastStored = now;
                runs.progress(runId, phase, done, total);
                listener.update(phase, done, total);
            }
        }
    }
}
