package io.clientele.insight;

import io.clientele.platform.CommandContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./clientele score}: a scoring run in the foreground. Progress on stderr; the last line on stdout is a JSON
 * summary: customers scored, per grade, RFM segment and matrix class, and the profit share of the top 20%.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = "Score every customer: RFM, profit grades, churn, loyalty, satisfaction and the 3x3 matrix.")
public final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--as-of", description = "score as of the end of this day (default: today, everything up to now)")
    LocalDate asOf;

    @Option(names = "--churn-days", description = "days without a purchase after which a customer is churned")
    Integer churnDays;

    @Option(names = "--data-dir", defaultValue = "data", description = "folder of the embedded database")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try (ConfigurableApplicationContext context = CommandContext.start(dataDir)) {
            Scoring scoring = context.getBean(Scoring.class);
            ScoreRun queued;
            try {
                queued = scoring.queue(
                        ScoreRun.Trigger.CLI,
                        new Scoring.Request(asOf, churnDays, null, null, null),
                        "cli:" + System.getProperty("user.name", "unknown"));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ScoreRun done;
            try {
                done = context.getBean(ScoringRunner.class)
                        .runOrAwait(
                                queued,
                                (phase, count, total) -> System.err.printf(
                                        "\r%-9s %,d / %,d          ", phase.toLowerCase(), count, total));
            } catch (ScoringFailedException e) {
                System.err.println();
                System.err.println("clientele: " + e.getMessage());
                return 1;
            }
            System.err.println();
            System.out.println(ScoreRuns.JSON.writeValueAsString(summary(done)));
            return done.status() == ScoreRun.Status.COMPLETED ? 0 : 1;
        }
    }

    static Map<String, Object> summary(ScoreRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.id());
        json.put("status", run.status().name());
        json.put("asOf", run.asOf().toString());
        json.put("durationMs", run.durationMs());
        RunSummary summary = run.summary();
        if (summary == null) {
            json.put("error", run.error());
            return json;
        }
        json.put("customersScored", summary.customers());
        json.put("buyers", summary.buyers());
        json.put("churned", summary.churned());
        json.put("grades", counts(summary.grades()));
        json.put("segments", counts(summary.segments()));
        Map<String, Long> matrix = counts(summary.matrix());
        matrix.put(
                summary.unknownSatisfaction().key(),
                summary.unknownSatisfaction().customers());
        json.put("matrix", matrix);
        json.put("matrixEstimated", counts(summary.estimatedMatrixOrEmpty()));
        json.put("topTwentyProfitShare", Math.round(summary.topTwentyShare() * 10_000) / 10_000.0);
        RunSummary.LifetimeValueModel clv = summary.lifetimeValue();
        Map<String, Object> lifetimeValue = new LinkedHashMap<>();
        lifetimeValue.put("model", clv.model());
        if (clv.error() != null) {
            lifetimeValue.put("error", clv.error());
        } else {
            lifetimeValue.put("parameters", clv.parameters());
            lifetimeValue.put("spendParameters", clv.spendParameters());
            lifetimeValue.put("margin", clv.margin());
            lifetimeValue.put("months", clv.months());
            lifetimeValue.put("total", summary.totalLifetimeValue());
        }
        json.put("lifetimeValue", lifetimeValue);
        return json;
    }

    private static Map<String, Long> counts(java.util.List<RunSummary.Group> groups) {
        Map<String, Long> counts = new LinkedHashMap<>();
        groups.forEach(g -> counts.put(g.key(), g.customers()));
        return counts;
    }
}
