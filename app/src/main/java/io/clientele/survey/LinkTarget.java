package io.clientele.survey;

import org.jspecify.annotations.Nullable;

/**
 * Whom a survey link is for: the survey, the customer, and the campaign and step whose message carried it (null for a
 * link made outside a campaign).
 */
public record LinkTarget(
        long surveyId,
        long customerId,
        @Nullable Long campaignId,
        @Nullable Long stepId) {}
