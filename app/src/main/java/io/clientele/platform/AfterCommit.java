package io.clientele.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event once the current transaction committed (at once outside one), in the committing thread and
 * outside any transaction: never for work rolled back. What was stored stays stored: a listener's failure is logged
 * as its own, not the caller's.
 */
public final class AfterCommit {
    private static final Logger log = LoggerFactory.getLogger(AfterCommit.class);

    private AfterCommit() {}

    public static void publish(ApplicationEventPublisher events, Object event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(events, event);
                }
            });
        } else {
            deliver(events, event);
        }
    }

    private static void deliver(ApplicationEventPublisher events, Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.error("A listener of {} failed", event, e);
        }
    }
}
