package org.amalgam.ingest;

import java.util.UUID;

/** An import job ended: COMPLETED, FAILED or CANCELLED. Published after its final state is stored. */
public record ImportFinished(UUID importJobId, String source, String type, ImportStatus status, ImportCounts counts) {}
