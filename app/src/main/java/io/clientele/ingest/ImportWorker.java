package io.clientele.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs queued imports in the server, one at a time per node, and takes over at once an import whose process died
 * (its lock died with it). Off in commands ({@code clientele.jobs.enabled=false}).
 */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
class ImportWorker {
    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);
    private final ImportJobs jobs;
    private final ImportRunner runner;

    ImportWorker(ImportJobs jobs, ImportRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 2000)
    void runQueued() {
        for (ImportJob job : jobs.runnable()) {
            try {
                ImportJob done = runner.run(job, progress -> {});
                log.info("Import {} of {} finished: {}", job.id(), job.fileName(), done.summaryJson());
                return;
            } catch (ImportBusyException e) {
                // another process (a node, or the command line) is running it
            } catch (ImportFailedException e) {
                log.warn(e.getMessage());
                return;
            }
        }
    }
}
