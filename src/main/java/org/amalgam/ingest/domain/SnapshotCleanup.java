package org.amalgam.ingest.domain;

import java.util.List;
import org.amalgam.ingest.ImportCounts;
import org.amalgam.ingest.ImportJobView;
import org.amalgam.ingest.SourceRecordsDeleted;
import org.amalgam.model.EntityTypeView;
import org.amalgam.shared.InvalidInputException;
import org.amalgam.sources.SourceSystemView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After a full snapshot import, the source's records that the file no longer holds are marked deleted (their versions
 * stay) and their golden records recomputed, in batches.
 */
@Component
class SnapshotCleanup {

    static final int BATCH = 1000;

    private final SourceRecordWriter writer;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    SnapshotCleanup(SourceRecordWriter writer, ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.writer = writer;
        this.events = events;
        this.transaction = transaction;
    }

    /** Answers how many records were deleted. */
    long deleteUnseen(ImportJobView job, SourceSystemView source, EntityTypeView type, ImportCounts counts) {
        long stored = counts.created() + counts.updated() + counts.unchanged();
        if (stored == 0) {
            throw new InvalidInputException("The snapshot holds no valid record, so it would delete every "
                    + type.code() + " record of " + source.code() + "; nothing was deleted. Check the file, or"
                    + " delete the records one by one if that is what you mean.");
        }
        long deleted = 0;
        while (true) {
            List<Long> ids = transaction.execute(status -> {
                List<Long> gone = writer.deleteUnseen(source.id(), type.id(), job.id(), BATCH);
                if (!gone.isEmpty()) {
                    events.publishEvent(new SourceRecordsDeleted(type.id(), gone));
                }
                return gone;
            });
            deleted += ids.size();
            if (ids.size() < BATCH) {
                return deleted;
            }
        }
    }
}
