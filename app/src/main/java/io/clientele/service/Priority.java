package io.clientele.service;

/** A request's urgency; each has its SLA targets (table {@code service_sla}). */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
