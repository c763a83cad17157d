package org.amalgam.golden;

import java.util.Set;
import java.util.UUID;

/**
 * Golden records got a new version (created, updated, merged, split, retired), published in the transaction that wrote
 * them: one event for a whole batch, never one per record on the bulk path.
 *
 * @param entityTypeId the entity type of all the records
 * @param goldenIds the golden records that changed
 * @param created whether they were all created just now, so that nothing (no review task) refers to them yet
 */
public record GoldenRecordsChanged(long entityTypeId, Set<UUID> goldenIds, boolean created) {

    /** Golden records that changed, some of which may have existed before. */
    public GoldenRecordsChanged(long entityTypeId, Set<UUID> goldenIds) {
        this(entityTypeId, goldenIds, false);
    }
}
