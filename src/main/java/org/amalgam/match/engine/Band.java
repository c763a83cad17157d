package org.amalgam.match.engine;

/** What a score says about a pair, by the {@link Thresholds}. */
public enum Band {
    /** The same entity: merged automatically. */
    SAME,
    /** Perhaps the same entity: a steward decides. */
    POSSIBLE,
    /** Different entities. */
    DIFFERENT
}
