package org.amalgam.golden;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A background re-match of an entity type's golden records, started when a model with changed match or survivorship
 * settings was saved.
 *
 * @param status QUEUED, RUNNING, COMPLETED or FAILED
 * @param phase what it is doing: reading, weighing, clustering, writing, links
 * @param done how much of the phase is done, of {@code total}
 * @param counts records, golden records, merged, split, created, restored, movedRecords, updated, possibleMatches,
 *     skipped (golden records that changed meanwhile and are left as they are)
 * @param error why it failed
 */
public record RematchJobView(
        UUID id,
        String type,
        int modelVersion,
        Integer previousVersion,
        String status,
        String phase,
        long done,
        long total,
        Map<String, Object> counts,
        String error,
        String requestedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
