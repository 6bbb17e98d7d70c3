package io.clientele.campaign.material;

/** What a material is, which decides its fields. */
public enum MaterialKind {
    /** Subject, HTML body (cleaned on save) and text body. */
    EMAIL,
    /** One text, counted in characters and message parts. */
    SMS,
    /** What the agent says, and standard answers to questions and objections. */
    CALL_SCRIPT,
    /** The body of a direct-mail letter. */
    LETTER
}
