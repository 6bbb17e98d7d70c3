package io.clientele.campaign.material;

import java.time.Instant;

/** A material of the library with its current version. */
public record Material(
        long id,
        MaterialKind kind,
        String name,
        int currentVersion,
        boolean archived,
        String createdBy,
        Instant createdAt,
        String updatedBy,
        Instant updatedAt,
        MaterialVersion current) {}
