package io.clientele.campaign;

/**
 * A feature's part of a campaign plan that must be complete and checked before the plan goes for approval (a
 * journey's graph). Every bean implementing this is called inside {@link Campaigns#submit}'s transaction, before the
 * move, while the plan is still editable (it may add steps); throwing refuses the submission and changes nothing.
 */
public interface SubmissionParticipant {
    void beforeSubmit(Campaign campaign, String actor);
}
