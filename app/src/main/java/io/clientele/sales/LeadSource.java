package io.clientele.sales;

/** Where a lead came from; the references (campaign, step, journey node) say which one. */
public enum LeadSource {
    CAMPAIGN,
    STEP,
    JOURNEY_NODE,
    WEB_FORM,
    CALL_OUTCOME,
    IMPORT,
    MANUAL
}
