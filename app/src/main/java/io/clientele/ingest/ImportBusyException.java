package io.clientele.ingest;

/** The import is being run by another process right now (a worker on another node, or the command line). */
public class ImportBusyException extends RuntimeException {
    public ImportBusyException(long jobId) {
        super("Import " + jobId + " is being run by another process; wait for it or stop that process");
    }
}
