package io.clientele.membercomms;

/** The six member communications, in the order the page lists them. */
public enum ProgrammeKind {
    WELCOME("Welcome"),
    STATEMENT("Points statement"),
    EXPIRING("Points expiring"),
    TIER_CHANGE("Tier change"),
    BIRTHDAY("Birthday"),
    NEWSLETTER("Member newsletter");

    private final String stepName;

    ProgrammeKind(String stepName) {
        this.stepName = stepName;
    }

    /** The name of the programme's step, and (with the batch) of each occasion's step. */
    String stepName() {
        return stepName;
    }
}
