package io.clientele.survey;

/** Where a survey is in its life: its questions change only as a draft, and only an active survey takes answers. */
public enum SurveyStatus {
    DRAFT,
    ACTIVE,
    CLOSED
}
