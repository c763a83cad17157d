package org.amalgam.golden;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One version of a golden record: who changed it, what the change was, why, the content then, and what differs from
 * the version before.
 *
 * @param changeType CREATED, UPDATED, MERGED, SPLIT, DELETED, OVERRIDDEN or OVERRIDE_REMOVED
 * @param details what the change was about: mergedIds, mergedInto, splitFrom, splitInto, attribute, and the attributes
 *     whose values changed
 * @param diff the attributes whose value or lineage differ from the version before
 */
public record GoldenVersionView(
        int version,
        String changeType,
        String changedBy,
        String reason,
        Instant at,
        String status,
        UUID mergedInto,
        Map<String, Object> values,
        Map<String, LineageView> lineage,
        Map<String, Object> details,
        List<AttributeChange> diff) {

    /**
     * How one attribute differs from the version before.
     *
     * @param change ADDED, REMOVED, CHANGED (the value), or LINEAGE (the same value, now from another source record or
     *     rule)
     * @param before the value before (null when ADDED)
     * @param after the value now (null when REMOVED)
     * @param beforeFrom where the value before came from: {@code source:key} or {@code steward override}
     * @param afterFrom where the value now comes from
     */
    public record AttributeChange(
            String attribute, String change, Object before, Object after, String beforeFrom, String afterFrom) {}
}
