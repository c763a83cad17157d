package org.amalgam.golden;

import java.util.List;

/**
 * Where a golden value came from: the source record version that gave it, the rule that chose it, and the values
 * that lost.
 */
public record LineageView(
        long sourceRecordId, String source, String sourceKey, int version, String rule, List<Candidate> candidates) {

    /** How many different values the sources offer; more than one means they disagree. */
    public long distinctValues() {
        return candidates.stream().map(Candidate::value).distinct().count();
    }

    /** A value that a source record offered for the attribute. */
    public record Candidate(Object value, String source, String sourceKey) {}
}
