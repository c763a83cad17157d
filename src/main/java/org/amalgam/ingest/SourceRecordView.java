package org.amalgam.ingest;

import java.time.Instant;
import java.util.Map;

/** The current version of one source record. */
public record SourceRecordView(
        long id,
        String source,
        int sourcePriority,
        String type,
        String sourceKey,
        int version,
        Map<String, Object> attributes,
        Map<String, Object> raw,
        boolean deleted,
        Instant updatedAt) {}
