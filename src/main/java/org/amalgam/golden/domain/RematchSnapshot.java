package org.amalgam.golden.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.amalgam.match.engine.RecordPair;

/**
 * The golden records of one entity type as a re-match finds them: which active golden record holds each live source
 * record, and the steward decisions the re-match must keep.
 *
 * @param goldenOf every live source record that has an active golden record, and that record
 * @param createdAt when each of those golden records was created (the older one survives a merge)
 * @param lastMergedFrom for records that a merge brought in, the golden record they came from most recently
 * @param mergedInto for those golden records that are merged away, where they went
 * @param different pairs of records a steward asserted DIFFERENT
 * @param same groups of records a steward asserted SAME, joined transitively
 */
record RematchSnapshot(
        Map<Long, UUID> goldenOf,
        Map<UUID, Instant> createdAt,
        Map<Long, UUID> lastMergedFrom,
        Map<UUID, UUID> mergedInto,
        List<RecordPair> different,
        List<long[]> same) {

    int goldenRecords() {
        return createdAt.size();
    }
}
