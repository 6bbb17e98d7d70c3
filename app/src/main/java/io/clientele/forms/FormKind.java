package io.clientele.forms;

/** What a public form is for; it decides what a submission does besides creating or updating the prospect. */
public enum FormKind {
    /** Sign-up to the newsletter: the consents are what counts. */
    NEWSLETTER,
    /** An inquiry or an order of a service: becomes a service request. */
    INQUIRY,
    /** A registration for a session of an event. */
    EVENT
}
