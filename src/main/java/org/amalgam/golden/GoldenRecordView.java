package org.amalgam.golden;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A golden record with its values, the lineage of each value, and its crosswalk.
 *
 * @param mergedInto for a MERGED record, the record it was merged into
 * @param asOf the instant asked for when this is the version current then (its crosswalk is then not given); else null
 */
public record GoldenRecordView(
        UUID id,
        String type,
        int version,
        String status,
        Map<String, Object> values,
        Map<String, LineageView> lineage,
        List<CrosswalkEntryView> crosswalk,
        Instant createdAt,
        Instant updatedAt,
        UUID mergedInto,
        Instant asOf) {

    /** Whether a steward set this attribute's value. */
    public boolean overridden(String attribute) {
        LineageView l = lineage.get(attribute);
        return l != null && l.overridden();
    }
}
