package io.clientele.survey;

/** A choice of a choice question, or an aspect of an ASPECTS question: a key answers name, and its text. */
public record Option(String key, LocalText text) {}
