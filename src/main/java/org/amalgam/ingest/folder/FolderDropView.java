package org.amalgam.ingest.folder;

import java.time.Instant;
import java.util.List;

/**
 * A watched folder as the API and the UI show it.
 *
 * @param lastError why the last scan could not read the folder, or null when it could
 * @param recentFiles the files taken most recently, newest first
 */
public record FolderDropView(
        String source,
        String name,
        String type,
        String path,
        String mapping,
        boolean enabled,
        Instant lastScanAt,
        String lastError,
        List<DroppedFileView> recentFiles,
        Instant createdAt,
        Instant updatedAt) {}
