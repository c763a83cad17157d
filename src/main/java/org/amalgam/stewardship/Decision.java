package org.amalgam.stewardship;

/** What a steward decides on a review task. */
public enum Decision {
    /** A possible match is the same entity: the two golden records are merged. */
    MERGE,
    /** A possible match is not the same entity: DIFFERENT is asserted, the matcher keeps them apart. */
    NOT_A_MATCH,
    /** A conflict is settled: a value (given, or a source's) is set as an override, or the current value is kept. */
    KEEP_VALUE,
    /** The task needs no action. */
    DISMISS
}
