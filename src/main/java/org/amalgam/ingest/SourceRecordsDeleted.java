package org.amalgam.ingest;

import java.util.List;

/** Source systems no longer have these records; published in the transaction that marked them deleted. */
public record SourceRecordsDeleted(long entityTypeId, List<Long> sourceRecordIds) {}
