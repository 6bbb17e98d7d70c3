package io.clientele.survey;

/** What a question asks, which decides how it is answered, checked and summed up. */
public enum QuestionKind {
    /** One rating from 1 to 5. */
    RATING(1, 5),
    /** How likely the customer is to recommend us, 0 to 10: the Net Promoter Score's question. */
    NPS(0, 10),
    /** Several aspects of satisfaction, each rated perceived and expected on 1–5; fed to the satisfaction score. */
    ASPECTS(1, 5),
    /** One of the question's options. */
    SINGLE_CHOICE(0, 0),
    /** Any of the question's options. */
    MULTIPLE_CHOICE(0, 0),
    /** A text of at most {@link #MAX_TEXT} characters. */
    FREE_TEXT(0, 0);

    public static final int MAX_TEXT = 2000;

    private final int min;
    private final int max;

    QuestionKind(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /** The lowest rating, for the rated kinds. */
    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** Whether an answer is a number on a scale (a segment condition and a mean apply). */
    public boolean isScale() {
        return this == RATING || this == NPS;
    }

    /** Whether the question lists options (choices or aspects). */
    public boolean hasOptions() {
        return this == ASPECTS || this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }
}
