package io.clientele.survey;

import org.jspecify.annotations.Nullable;

/**
 * One answer to one question, by the question's key: {@code item} is the aspect of an ASPECTS question or the chosen
 * option of a choice question ({@code ""} otherwise); {@code value} a rating (the perceived one of an aspect),
 * {@code expected} the expected rating of an aspect, {@code text} a free text.
 */
public record Answer(
        String question,
        String item,
        @Nullable Integer value,
        @Nullable Integer expected,
        @Nullable String text) {}
