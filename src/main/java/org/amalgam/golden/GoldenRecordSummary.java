package org.amalgam.golden;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A golden record in a search result. */
public record GoldenRecordSummary(
        UUID id, String type, int version, Map<String, Object> values, int sourceRecords, Instant updatedAt) {}
