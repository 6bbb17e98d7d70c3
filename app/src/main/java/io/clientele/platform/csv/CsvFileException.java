package io.clientele.platform.csv;

import java.io.IOException;

/**
 * A file that cannot be read as CSV at all: no header, a header that is not UTF-8, blank or duplicate column
 * names. Unlike a bad record, nothing in the file can be imported; the message is meant for the person who
 * uploaded it.
 */
public final class CsvFileException extends IOException {
    public CsvFileException(String message) {
        super(message);
    }
}
