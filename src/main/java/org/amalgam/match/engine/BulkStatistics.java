package org.amalgam.match.engine;

import java.time.Duration;
import java.util.List;

/**
 * Figures of one bulk run.
 *
 * @param records records clustered
 * @param blocks blocks of at least two records
 * @param cappedBlocks every block larger than the cap, largest first
 * @param candidatePairs pairs scored from the blocks
 * @param pairsPerKey blocking key name → the candidate pairs its blocks brought (a pair counts for the first key
 *     that brings it)
 * @param groupComparisons pairs scored by the clustering rule (cross pairs of clusters about to join)
 * @param sameEdges candidate pairs that reached SAME
 * @param possibleEdges candidate pairs between POSSIBLE and SAME
 * @param clusters clusters in the result, singletons included
 * @param largestCluster records in the largest cluster
 * @param blocking time to compute and sort the blocking keys
 * @param scoring time to score the candidate pairs
 * @param clustering time to cluster
 * @param total the whole run
 */
public record BulkStatistics(
        long records,
        long blocks,
        List<CappedBlock> cappedBlocks,
        long candidatePairs,
        java.util.Map<String, Long> pairsPerKey,
        long groupComparisons,
        long sameEdges,
        long possibleEdges,
        long clusters,
        int largestCluster,
        Duration blocking,
        Duration scoring,
        Duration clustering,
        Duration total) {}
