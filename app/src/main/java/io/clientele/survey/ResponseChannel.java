package io.clientele.survey;

/** How an answer reached us. */
public enum ResponseChannel {
    /** The customer answered on the public page of their personal link. */
    LINK,
    /** An agent asked the customer (on a call) and entered the answers. */
    AGENT,
    /** An integration posted the answers. */
    API,
    /** Generated with the demo data. */
    DEMO
}
