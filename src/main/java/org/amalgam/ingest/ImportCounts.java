package org.amalgam.ingest;

/**
 * What an import did with the rows it read. {@code flagged} counts stored rows with at least one value that failed
 * validation (left out of the standardized record, kept in the raw payload); {@code deleted} counts the source's
 * records that a full snapshot no longer held.
 */
public record ImportCounts(
        long read, long created, long updated, long unchanged, long rejected, long flagged, long deleted) {

    public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0, 0, 0, 0);

    public ImportCounts withDeleted(long count) {
        return new ImportCounts(read, created, updated, unchanged, rejected, flagged, count);
    }
}
