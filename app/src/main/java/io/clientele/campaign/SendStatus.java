package io.clientele.campaign;

/**
 * The send state of a treated member. PENDING → SENDING (claimed by a worker, committed before the hand-over) → SENT
 * or FAILED. A member left SENDING by a worker that stopped is UNCERTAIN: it may or may not have been handed over,
 * and it is never sent again on its own (at most once), only counted and shown.
 */
public enum SendStatus {
    PENDING,
    SENDING,
    SENT,
    FAILED,
    UNCERTAIN,
    /** The step or campaign was cancelled before this member was sent. */
    SKIPPED
}
