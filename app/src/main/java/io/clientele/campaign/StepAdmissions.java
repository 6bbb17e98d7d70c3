package io.clientele.campaign;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admits customers to a running step that {@link CampaignStep#admits() admits} them as they come (a journey's send):
 * each becomes a member as a launch would have frozen them — EXCLUDED with the first reason that applies (the
 * campaign's exclusion segments, no address, no consent, suppressed, contact pressure), CONTROL by the campaign's
 * hash, else TREATED and PENDING for the send workers. Set-based: one statement for the batch. A customer already a
 * member of the step stays as they are (the step's primary key), so admitting twice sends once.
 */
public interface StepAdmissions {
    /** Runs in the caller's transaction, so the admission commits with whatever moved the customers here. */
    @Transactional(propagation = Propagation.MANDATORY)
    int admit(long stepId, long[] customerIds);
}
