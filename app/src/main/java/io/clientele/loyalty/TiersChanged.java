package io.clientele.loyalty;

import java.time.Instant;

/**
 * Members' tiers changed: a period's review moved them (up or down). Each change is a row of {@code
 * loyalty_tier_change} with its key; this says only that there are new ones. Published in the review's transaction;
 * listeners that act on it run after it commits. (Upgrades earned by a receipt are recorded on ingest's storing
 * connection and are found by whoever reads the changes, without an event per receipt batch.)
 */
public record TiersChanged(int upgraded, int downgraded, Instant at) {}
