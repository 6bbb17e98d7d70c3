package io.clientele.platform;

import org.jspecify.annotations.Nullable;

/**
 * Text PostgreSQL can store: no NUL character (its text types refuse U+0000) and no lone UTF-16 surrogate (the driver
 * cannot encode one in UTF-8 and silently sends "?" instead). Input boundaries use it to refuse such text with the
 * field named, before anything is stored.
 */
public final class StorableText {
    private StorableText() {}

    /** The field's problem ({@code validation.nul} or {@code validation.surrogate}); null when it can be stored. */
    public static @Nullable FieldProblem problem(String field, @Nullable CharSequence text) {
        int bad = firstUnstorable(text);
        if (bad < 0) {
            return null;
        }
        char c = text.charAt(bad);
        return c == 0
                ? FieldProblem.of(field, "validation.nul")
                : FieldProblem.of(field, "validation.surrogate", "U+%04X".formatted((int) c));
    }

    /** What makes the text unstorable, in words (for import rejects); null when it can be stored. */
    public static @Nullable String problem(@Nullable CharSequence text) {
        int bad = firstUnstorable(text);
        if (bad < 0) {
            return null;
        }
        char c = text.charAt(bad);
        return c == 0
                ? "contains a NUL character (U+0000), which cannot be stored"
                : "contains a lone UTF-16 surrogate (U+%04X), which cannot be stored".formatted((int) c);
    }

    private static int firstUnstorable(@Nullable CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The text with each character that cannot be stored shown as U+FFFD, for echoing bad input back safely. */
    public static String shown(String text) {
        if (firstUnstorable(text) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
