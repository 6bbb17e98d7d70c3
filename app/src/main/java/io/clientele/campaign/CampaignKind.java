package io.clientele.campaign;

/**
 * What a campaign's steps are: a plain campaign sends each step to the audience frozen at launch; a journey's steps
 * are nodes of a graph, and customers are admitted to a step as they reach its node (the {@code journey} feature); a
 * programme is approved once and then runs by itself, a step opened per occasion and customers admitted to it as the
 * occasion comes (the {@code membercomms} feature: a loyalty member's welcome, statement, birthday…).
 */
public enum CampaignKind {
    CAMPAIGN,
    JOURNEY,
    PROGRAMME;

    /** Whether customers are admitted to its steps as they come, rather than frozen at launch. */
    public boolean admits() {
        return this != CAMPAIGN;
    }
}
