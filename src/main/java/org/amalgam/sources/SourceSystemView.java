package org.amalgam.sources;

import java.time.Instant;

/**
 * A source system as other modules and the API see it. Lower priority number means more trusted. The phone region
 * (ISO 3166-1 alpha-2, or null) is where its phone numbers without a country code are read when the record has no
 * country.
 */
public record SourceSystemView(
        long id,
        String code,
        String name,
        String department,
        int priority,
        boolean deduplicated,
        String phoneRegion,
        Instant createdAt,
        Instant updatedAt) {}
