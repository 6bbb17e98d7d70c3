package io.clientele.ingest;

/** An import stopped by something other than a bad row: the file, the database, or a stop request. */
public class ImportFailedException extends RuntimeException {
    public ImportFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
