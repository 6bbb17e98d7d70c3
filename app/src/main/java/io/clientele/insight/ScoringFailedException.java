package io.clientele.insight;

/** A scoring run ended with an error; the run is marked FAILED with the reason. */
public class ScoringFailedException extends RuntimeException {
    ScoringFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
