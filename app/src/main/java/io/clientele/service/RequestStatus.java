package io.clientele.service;

import java.util.Set;

/**
 * NEW until an agent replies or works it, OPEN while worked, WAITING for the customer after a reply, RESOLVED when
 * the agent says so (mail from the customer opens it again), CLOSED for good; MERGED into another request.
 */
public enum RequestStatus {
    NEW,
    OPEN,
    WAITING,
    RESOLVED,
    CLOSED,
    MERGED;

    /** The statuses whose SLA clock runs and which a queue shows. */
    public static final Set<RequestStatus> ACTIVE = Set.of(NEW, OPEN, WAITING);

    public boolean active() {
        return ACTIVE.contains(this);
    }
}
