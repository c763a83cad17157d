package org.amalgam.sources;

import java.time.Instant;

/** A source system as other modules and the API see it. Lower priority number means more trusted. */
public record SourceSystemView(
        long id,
        String code,
        String name,
        String department,
        int priority,
        boolean deduplicated,
        Instant createdAt,
        Instant updatedAt) {}
