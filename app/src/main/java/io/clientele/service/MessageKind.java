package io.clientele.service;

/** An entry of a request's conversation. */
public enum MessageKind {
    /** For colleagues only. */
    NOTE,
    /** To the customer, by email when the request has an address. */
    REPLY,
    /** Mail from the customer. */
    INBOUND,
    /** The SLA was breached and the request reassigned; sent to the queue's notify address. */
    ESCALATION
}
