package io.clientele.insight;

import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs queued scoring runs in the server, and takes over a run whose process died (its lock died with it); queues
 * the nightly run. Off in commands ({@code clientele.jobs.enabled=false}).
 */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
class ScoringWorker {
    private static final Logger log = LoggerFactory.getLogger(ScoringWorker.class);
    private final ScoreRuns runs;
    private final ScoringRunner runner;
    private final ScoringProperties properties;
    private final Clock clock;

    ScoringWorker(ScoreRuns runs, ScoringRunner runner, ScoringProperties properties, Clock clock) {
        this.runs = runs;
        this.runner = runner;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 2000)
    void runQueued() {
        for (ScoreRun run : runs.runnable()) {
            try {
                runner.run(run, (phase, done, total) -> {});
                return;
            } catch (ScoringBusyException e) {
                // another process is running it
            } catch (ScoringFailedException e) {
                log.warn(e.getMessage());
                return;
            }
        }
    }

    /** Every night, as of yesterday: once per day however many nodes run this. */
    @Scheduled(cron = "${clientele.scoring.nightly:0 30 2 * * *}")
    void queueNightly() {
        runs.queueNightly(LocalDate.now(clock).minusDays(1), properties.parameters())
                .ifPresent(run -> log.info("Nightly scoring run {} queued as of {}", run.id(), run.asOf()));
    }
}
