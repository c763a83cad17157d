package org.amalgam.match.engine;

import java.util.List;

/**
 * What a bulk run found.
 *
 * @param clusters every record in exactly one cluster (singletons included)
 * @param sameLinks the scored pairs that reached SAME inside the clusters
 * @param possibleLinks pairs for review: between the POSSIBLE and SAME thresholds across clusters, and SAME-scoring
 *     pairs kept apart by a constraint, by two existing clusters or by the clustering rule (see {@link LinkReason})
 * @param statistics figures of the run
 */
public record BulkResult(
        List<ResultCluster> clusters,
        List<MatchLink> sameLinks,
        List<MatchLink> possibleLinks,
        BulkStatistics statistics) {}
