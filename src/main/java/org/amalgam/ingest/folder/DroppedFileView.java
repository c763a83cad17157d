package org.amalgam.ingest.folder;

import java.time.Instant;
import java.util.UUID;

/**
 * A file taken from a watched folder.
 *
 * @param fileName the name it was dropped with
 * @param storedName its unique name in processing/, done/ or failed/
 * @param status PROCESSING, DONE or FAILED
 * @param importJobId its import job, or null when it was refused before one started
 * @param error why it failed, or null
 */
public record DroppedFileView(
        String fileName,
        String storedName,
        long sizeBytes,
        String status,
        UUID importJobId,
        String error,
        Instant createdAt,
        Instant finishedAt) {}
