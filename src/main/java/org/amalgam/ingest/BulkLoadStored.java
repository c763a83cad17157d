package org.amalgam.ingest;

import java.util.UUID;

/**
 * A bulk load (a file import, a pull) stored what it could: every row, or the rows before it failed or was cancelled.
 * Records it created were stored without their golden records, which are built now, set-based, before the job reports
 * its end. Published outside any transaction, once per run.
 *
 * @param importJobId the import job of the run
 * @param entityTypeId the entity type of its records
 */
public record BulkLoadStored(UUID importJobId, long entityTypeId) {}
