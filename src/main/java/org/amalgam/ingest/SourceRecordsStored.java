package org.amalgam.ingest;

import java.util.List;
import java.util.UUID;

/**
 * Source records were created or changed, in the transaction that publishes this event. One event covers a batch of
 * records, never one record per event on the bulk path.
 *
 * @param importJobId the import that stored them, or null for a single-record push
 * @param entityTypeId the entity type of all the records
 * @param sourceRecordIds the records created or changed
 */
public record SourceRecordsStored(UUID importJobId, long entityTypeId, List<Long> sourceRecordIds) {

    /**
     * Whether the records come from a bulk load: records it created get their golden records when the load has stored
     * everything ({@link BulkLoadStored}), not batch by batch.
     */
    public boolean bulk() {
        return importJobId != null;
    }
}
