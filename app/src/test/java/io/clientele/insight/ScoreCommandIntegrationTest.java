package io.clientele.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ApplicationTestSupport;
import io.clientele.platform.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./clientele score} as a separate process on the test database: its JSON summary, its refusal of a wrong
 * date, and a run killed half-way that the server's worker takes over and completes.
 */
class ScoreCommandIntegrationTest extends ApplicationTestSupport {
    private static final Path JAR = Path.of("target/clientele-app-0.1.0-SNAPSHOT-exec.jar");

    @Autowired
    Database database;

    @Autowired
    ScoreRuns runs;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path temp;

    private ProcessBuilder score(String... options) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "score"));
        command.addAll(List.of(options));
        command.addAll(List.of("--data-dir", temp.resolve("unused").toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("stdout.txt").toFile())
                .redirectError(temp.resolve("stderr.txt").toFile());
        builder.environment().put("CLIENTELE_DB_URL", database.jdbcUrl());
        builder.environment().put("CLIENTELE_DB_USER", database.user());
        return builder;
    }

    @Test
    void printsASummaryOfTheRunAsJson() throws Exception {
        LocalDate asOf = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(3);
        Process process =
                score("--as-of", asOf.toString(), "--churn-days", "120").start();

        assertThat(process.waitFor())
                .as(Files.readString(temp.resolve("stderr.txt")))
                .isZero();
        List<String> lines = Files.readAllLines(temp.resolve("stdout.txt"));
        JsonNode summary = JsonMapper.builder().build().readTree(lines.getLast());
        assertThat(summary.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(summary.get("asOf").asText()).isEqualTo(asOf.toString());
        assertThat(summary.get("customersScored").asLong()).isGreaterThanOrEqualTo(DEMO_CUSTOMERS);
        long graded = 0;
        for (String grade : List.of("A", "B", "C", "D")) {
            graded += summary.get("grades").get(grade).asLong();
        }
        assertThat(graded).isEqualTo(summary.get("buyers").asLong());
        assertThat(summary.get("segments").get("CANT_LOSE_THEM").asLong()).isPositive();
        assertThat(summary.get("matrix").has("UNKNOWN")).isTrue();
        assertThat(summary.get("topTwentyProfitShare").asDouble()).isBetween(0.5, 0.9);
        ScoreRun run = runs.find(summary.get("run").asLong()).orElseThrow();
        assertThat(run.trigger()).isEqualTo(ScoreRun.Trigger.CLI);
        assertThat(run.parameters().churnDays()).isEqualTo(120);
    }

    @Test
    void aDateInTheFutureIsRefusedWithItsName() throws Exception {
        Process process = score("--as-of", "2999-01-01").start();

        assertThat(process.waitFor()).isEqualTo(2);
        assertThat(Files.readString(temp.resolve("stderr.txt"))).contains("asOf: 2999-01-01 is in the future");
    }

    @Test
    void aRunKilledHalfWayIsTakenOverAndCompletedOnce() throws Exception {
        LocalDate asOf = LocalDate.ofInstant(TEST_NOW, ZoneOffset.UTC).minusDays(5);
        ScoreRun running;
        // the ratings are locked, so the run stops half-way (after its receipts) until the lock is let go
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table survey_answer in access exclusive mode");
            Process process =
                    score("--as-of", asOf.toString(), "--churn-days", "77").start();
            running = awaitRun(asOf, 77, ScoreRun.Status.RUNNING, Duration.ofSeconds(60));

            process.destroyForcibly().waitFor();
            lock.rollback();
        }

        ScoreRun done = awaitRun(asOf, 77, ScoreRun.Status.COMPLETED, Duration.ofSeconds(60));
        assertThat(done.id()).isEqualTo(running.id());
        long rows = jdbc.sql("select count(*) from customer_score where run_id = :run")
                .param("run", done.id())
                .query(Long.class)
                .single();
        long distinct = jdbc.sql("select count(distinct customer_id) from customer_score where run_id = :run")
                .param("run", done.id())
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(distinct).isEqualTo(done.customersScored());
    }

    private ScoreRun awaitRun(LocalDate asOf, int churnDays, ScoreRun.Status status, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            var found = runs.page(0, 50).items().stream()
                    .filter(r -> r.asOf().equals(asOf) && r.parameters().churnDays() == churnDays)
                    .filter(r -> r.status() == status)
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + status + " run as of " + asOf + " within " + timeout);
    }
}
