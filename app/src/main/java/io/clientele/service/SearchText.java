package io.clientele.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Text split for full-text search in PostgreSQL, which has no parser for Chinese (no spaces between words): the
 * letters and digits of alphabetic scripts go to the English configuration (words, stemmed); runs of Han, kana and
 * Hangul become their single characters and their overlapping pairs for the {@code simple} configuration. A query's
 * run of two or more characters asks for all its pairs (a phrase matches where its pairs all occur), a run of one
 * for the character. No dictionary, so no segmentation errors; the price is matches whose pairs occur apart.
 */
final class SearchText {
    private SearchText() {}

    /** A text's parts: {@code latin} for {@code to_tsvector('english')}, {@code cjk} for {@code 'simple'}. */
    record Parts(String latin, String cjk) {}

    /** What to index: every CJK character and every pair of neighbours. */
    static Parts document(String text) {
        return split(text, true);
    }

    /** What to search for: the pairs of each CJK run (a lone character for a run of one). */
    static Parts query(String text) {
        return split(text, false);
    }

    private static Parts split(String text, boolean indexing) {
        StringBuilder latin = new StringBuilder(text.length());
        Set<String> cjk = new LinkedHashSet<>();
        List<Integer> run = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isCjk(c)) {
                run.add(c);
                latin.append(' ');
                continue;
            }
            flush(run, cjk, indexing);
            latin.appendCodePoint(Character.isLetterOrDigit(c) ? c : ' ');
        }
        flush(run, cjk, indexing);
        return new Parts(latin.toString().replaceAll("\\s+", " ").strip(), String.join(" ", cjk));
    }

    private static void flush(List<Integer> run, Set<String> tokens, boolean indexing) {
        if (run.isEmpty()) {
            return;
        }
        if (indexing || run.size() == 1) {
            run.forEach(c -> tokens.add(Character.toString(c)));
        }
        for (int k = 0; k + 1 < run.size(); k++) {
            tokens.add(Character.toString(run.get(k)) + Character.toString(run.get(k + 1)));
        }
        run.clear();
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
