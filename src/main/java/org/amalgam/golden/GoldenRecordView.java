package org.amalgam.golden;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A golden record with its values, the lineage of each value, and its crosswalk. */
public record GoldenRecordView(
        UUID id,
        String type,
        int version,
        String status,
        Map<String, Object> values,
        Map<String, LineageView> lineage,
        List<CrosswalkEntryView> crosswalk,
        Instant createdAt,
        Instant updatedAt) {}
