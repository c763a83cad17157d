package org.amalgam.ingest;

/** What an import did with the rows it read. */
public record ImportCounts(long read, long created, long updated, long unchanged, long rejected) {}
