package org.amalgam.ingest.folder;

import java.util.List;

/**
 * What one scan of a watched folder did.
 *
 * @param taken the files it took and handed to an import
 * @param waiting the names of files that may still be written; a later scan takes them
 */
public record ScanResult(List<DroppedFileView> taken, List<String> waiting) {}
