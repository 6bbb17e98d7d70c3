package io.clientele.insight;

/** Another process (a node, or the command line) is running this scoring run. */
public class ScoringBusyException extends RuntimeException {
    ScoringBusyException(long runId) {
        super("Scoring run " + runId + " is being run by another process");
    }
}
