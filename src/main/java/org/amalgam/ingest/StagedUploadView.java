package org.amalgam.ingest;

import java.time.Instant;
import java.util.UUID;

/**
 * A file uploaded in the browser and kept while a person maps its columns; nothing of it is stored as records until
 * it is imported.
 *
 * @param importJobId the job that imported it, or null while it waits in the mapping step
 */
public record StagedUploadView(
        UUID id,
        String source,
        String sourceName,
        String type,
        String typeName,
        String fileName,
        long totalBytes,
        boolean snapshot,
        UUID importJobId,
        String createdBy,
        Instant createdAt) {

    public boolean imported() {
        return importJobId != null;
    }
}
