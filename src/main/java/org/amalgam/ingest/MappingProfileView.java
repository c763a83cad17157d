package org.amalgam.ingest;

import java.time.Instant;
import java.util.Map;

/**
 * The saved mapping of one source system's files of one entity type: imports of that source and type that come
 * without a mapping use it.
 *
 * @param mapping the mapping as API.md writes it ("Import mapping")
 */
public record MappingProfileView(
        String source,
        String type,
        Map<String, Object> mapping,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {}
