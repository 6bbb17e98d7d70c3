package io.clientele.platform;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The person an export or an erasure is about, as the customer row named them when it began: the id every feature
 * keys its rows by, and the values other records may hold in their text (an import reject's raw line, a bounce's
 * address): {@code emailKey} and {@code phoneKey} are the customer's match keys (email in lower case, phone digits).
 */
public record DataSubject(
        long id,
        @Nullable String customerNumber,
        @Nullable String cardNumber,
        @Nullable String emailKey,
        @Nullable String phoneKey) {

    /** The identifying values other records may quote, longest first, without blanks. */
    public List<String> identifiers() {
        return Stream.of(customerNumber, cardNumber, emailKey, phoneKey)
                .filter(Objects::nonNull)
                .filter(s -> !s.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /**
     * The identifiers in lower case as {@code LIKE} patterns that find them anywhere in a text (wildcards escaped),
     * for {@code lower(text) like any(:patterns)}.
     */
    public String[] likePatterns() {
        return identifiers().stream()
                .map(s -> "%"
                        + s.toLowerCase(Locale.ROOT)
                                .replace("\\", "\\\\")
                                .replace("%", "\\%")
                                .replace("_", "\\_") + "%")
                .toArray(String[]::new);
    }
}
