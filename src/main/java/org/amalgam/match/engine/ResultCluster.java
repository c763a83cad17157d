package org.amalgam.match.engine;

import java.util.UUID;

/**
 * One cluster of the bulk result: the records of one entity.
 *
 * @param recordIds its records' ids, ascending
 * @param continues the existing cluster (golden record) it continues, or null for a new one
 */
public record ResultCluster(long[] recordIds, UUID continues) {

    public int size() {
        return recordIds.length;
    }
}
