package org.amalgam.golden;

import java.util.Set;
import java.util.UUID;

/**
 * Golden records got a new version (created, updated, merged, split, retired), published in the transaction that wrote
 * them: one event for a whole batch, never one per record on the bulk path.
 *
 * @param entityTypeId the entity type of all the records
 * @param goldenIds the golden records that changed
 */
public record GoldenRecordsChanged(long entityTypeId, Set<UUID> goldenIds) {}
