package org.amalgam.match.engine;

/** Why a scored pair is reported the way it is. */
public enum LinkReason {
    /** the pair reached SAME and its records are in one cluster */
    SAME,
    /** the pair is between the POSSIBLE and the SAME threshold */
    BELOW_SAME,
    /** a steward asserted two of the records (or of their clusters' records) DIFFERENT */
    ASSERTED_DIFFERENT,
    /** the clusters hold two records of one deduplicated source */
    DEDUPLICATED_SOURCE,
    /** the records belong to two existing clusters, which are never merged automatically */
    EXISTING_CLUSTERS,
    /** a pair across the clusters clearly differs */
    CONTRADICTION,
    /** the pairs across the clusters do not agree enough as a group (the anti-chaining rule) */
    WEAK_GROUP
}
