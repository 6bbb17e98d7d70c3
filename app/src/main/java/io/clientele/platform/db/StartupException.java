package io.clientele.platform.db;

/** A start-up failure caused by the environment (port, folder, database), with a message for the operator. */
public class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
