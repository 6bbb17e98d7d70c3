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
    LETTER,
    /**
     * A questionnaire of the survey feature, which keeps its definitions: the library lists surveys under this kind,
     * and an email or SMS links to one with {@code {{survey_link.<key>}}}. No material row is of this kind.
     */
    SURVEY;

    /** Whether materials of this kind are made in the library (a survey is made under Surveys). */
    public boolean isMadeHere() {
        return this != SURVEY;
    }
}
