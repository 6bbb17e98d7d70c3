package io.clientele.campaign.material;

/** A call script's answer to a question or objection the customer may raise. */
public record StandardAnswer(String question, String answer) {}
