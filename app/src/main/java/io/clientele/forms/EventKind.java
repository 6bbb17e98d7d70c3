package io.clientele.forms;

/** What kind of event: on site (a trade show, a seminar) or online (a webinar). */
public enum EventKind {
    TRADE_SHOW,
    SEMINAR,
    WEBINAR
}
