package io.clientele.campaign.audience;

import java.time.Instant;

/** At most {@code maxContacts} marketing contacts per customer in any {@code windowDays} days, across campaigns. */
public record ContactPolicy(int maxContacts, int windowDays, String updatedBy, Instant updatedAt) {}
