package org.amalgam.match.engine;

/**
 * The two thresholds on a pair's match probability (0..1) that make its band: at or above {@code same} the two
 * records are the same entity (SAME, merged automatically), at or above {@code possible} they are a POSSIBLE match
 * for a steward to review, below it they are DIFFERENT.
 */
public record Thresholds(double same, double possible) {

    public Thresholds {
        if (!(possible > 0 && possible <= same && same < 1)) {
            throw new IllegalArgumentException(
                    "thresholds need 0 < possible <= same < 1, not " + possible + " and " + same);
        }
    }

    /** {@code same} as a match weight in bits: log2(p / (1 - p)). */
    public double sameBits() {
        return Weights.bits(same);
    }

    /** {@code possible} as a match weight in bits. */
    public double possibleBits() {
        return Weights.bits(possible);
    }

    /** The band of a pair with the given match weight. */
    public Band band(double bits) {
        return bits >= sameBits() ? Band.SAME : bits >= possibleBits() ? Band.POSSIBLE : Band.DIFFERENT;
    }
}
