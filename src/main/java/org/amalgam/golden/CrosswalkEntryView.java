package org.amalgam.golden;

import java.time.Instant;
import java.util.UUID;

/**
 * One source record that is part of a golden record, and why.
 *
 * @param mergedFrom the golden record it came from by a merge (a split gives it back that id); null when it was never
 *     merged
 */
public record CrosswalkEntryView(
        long sourceRecordId,
        String source,
        String sourceKey,
        String rule,
        Double score,
        Instant since,
        UUID mergedFrom) {}
