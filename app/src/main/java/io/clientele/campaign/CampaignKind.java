package io.clientele.campaign;

/**
 * What a campaign's steps are: a plain campaign sends each step to the audience frozen at launch; a journey's steps
 * are nodes of a graph, and customers are admitted to a step as they reach its node (the {@code journey} feature).
 */
public enum CampaignKind {
    CAMPAIGN,
    JOURNEY
}
