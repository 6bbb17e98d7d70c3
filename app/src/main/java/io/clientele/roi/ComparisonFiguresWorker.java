package io.clientele.roi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Brings the stored campaign figures up to date in the server, on one node at a time. Off in commands. */
@Component
@ConditionalOnProperty(name = "clientele.jobs.enabled", havingValue = "true", matchIfMissing = true)
class ComparisonFiguresWorker {
    private static final Logger log = LoggerFactory.getLogger(ComparisonFiguresWorker.class);
    private final ComparisonFigures figures;

    ComparisonFiguresWorker(ComparisonFigures figures) {
        this.figures = figures;
    }

    @Scheduled(
            fixedDelayString = "${clientele.roi.figures-refresh-millis:60000}",
            initialDelayString = "${clientele.roi.figures-refresh-initial-millis:20000}")
    void refresh() {
        long started = System.nanoTime();
        int recomputed = figures.refresh();
        if (recomputed > 0) {
            log.info(
                    "Recomputed the figures of {} campaigns in {} ms",
                    recomputed,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
