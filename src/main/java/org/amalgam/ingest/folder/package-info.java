/**
 * Folder drops: a watched folder per source system. Complete files are imported through the file-import path and
 * moved to {@code done/} or {@code failed/} when their import ends.
 */
package org.amalgam.ingest.folder;
