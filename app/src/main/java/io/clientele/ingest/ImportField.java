package io.clientele.ingest;

import java.util.List;
import java.util.Locale;

/** A field Clientele reads from an import file, and the column names it recognises for it without a mapping. */
public record ImportField(String name, boolean required, String hint, List<String> aliases) {

    static ImportField required(String name, String hint, String... aliases) {
        return new ImportField(name, true, hint, List.of(aliases));
    }

    static ImportField optional(String name, String hint, String... aliases) {
        return new ImportField(name, false, hint, List.of(aliases));
    }

    /** Whether a column header names this field: case, spaces, dashes and dots do not matter. */
    public boolean matches(String header) {
        String normalised = normalise(header);
        return normalised.equals(name) || aliases.contains(normalised);
    }

    static String normalise(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s.\\-]+", "_");
    }
}
