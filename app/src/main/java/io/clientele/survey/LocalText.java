package io.clientele.survey;

import java.util.Locale;

/** A text a customer reads, in English and Simplified Chinese; either falls back to the other when blank. */
public record LocalText(String en, String zh) {
    public static final LocalText EMPTY = new LocalText("", "");

    /** The text in the locale's language: Chinese for any {@code zh} locale, English otherwise. */
    public String in(Locale locale) {
        boolean chinese = "zh".equals(locale.getLanguage());
        String first = chinese ? zh : en;
        return first.isBlank() ? (chinese ? en : zh) : first;
    }
}
