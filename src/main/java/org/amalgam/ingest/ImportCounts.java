package org.amalgam.ingest;

/**
 * What an import did with the rows it read. {@code flagged} counts stored rows with at least one value that failed
 * validation (left out of the standardized record, kept in the raw payload).
 */
public record ImportCounts(long read, long created, long updated, long unchanged, long rejected, long flagged) {}
