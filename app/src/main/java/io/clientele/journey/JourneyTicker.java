package io.clientele.journey;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the engine in the server: a tick every {@code clientele.journey.tick-millis} (10 s, so that a response moves
 * its customer within the minute), and the continuous segment entries every {@code clientele.journey.entry-millis}
 * (5 min). Any number of server processes may run it: claims skip what another holds. Off in commands, and with
 * {@code clientele.journey.ticker=false} (tests tick themselves).
 */
@Component
@ConditionalOnProperty(
        name = {"clientele.jobs.enabled", "clientele.journey.ticker"},
        havingValue = "true",
        matchIfMissing = true)
class JourneyTicker {
    private static final Logger log = LoggerFactory.getLogger(JourneyTicker.class);
    private final JourneyEngine engine;
    private final Entries entries;
    private final JdbcClient jdbc;
    private final Clock clock;

    JourneyTicker(JourneyEngine engine, Entries entries, JdbcClient jdbc, Clock clock) {
        this.engine = engine;
        this.entries = entries;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${clientele.journey.tick-millis:10000}",
            initialDelayString = "${clientele.journey.tick-millis:10000}")
    void tick() {
        int moved = engine.tick();
        if (moved > 0) {
            log.info("Journeys: {} moves", moved);
        }
    }

    @Scheduled(
            fixedDelayString = "${clientele.journey.entry-millis:300000}",
            initialDelayString = "${clientele.journey.tick-millis:10000}")
    void enter() {
        for (long journey : jdbc.sql("select id from campaign where kind = 'JOURNEY' and status = 'RUNNING'")
                .query(Long.class)
                .list()) {
            int entered = entries.enterContinuously(journey, clock.instant());
            if (entered > 0) {
                log.info("Journey {}: {} customers entered", journey, entered);
            }
        }
    }
}
