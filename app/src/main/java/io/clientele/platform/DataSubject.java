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
     * The identifiers in lower case as regular expressions that find each as a whole token (not inside a longer
     * run of letters or digits: customer {@code C1} is not in {@code C10}), valid for PostgreSQL
     * ({@code lower(text) ~ any(:patterns)}) and for {@link java.util.regex.Pattern} alike.
     */
    public List<String> tokenPatterns() {
        return identifiers().stream()
                .map(s -> "(^|[^a-z0-9])" + escaped(s.toLowerCase(Locale.ROOT)) + "([^a-z0-9]|$)")
                .toList();
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }
}
