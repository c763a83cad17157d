package org.amalgam.match.engine;

import java.util.List;

/**
 * The clustering rule of {@link ClusteringSettings}, shared by the bulk and the real-time path: scores every pair
 * across two groups of records and says whether the groups may join.
 */
final class GroupRule {

    /** What the cross pairs of two groups say. */
    record Outcome(LinkReason blockedBy, double meanBits, int bestX, int bestY, double bestBits, long scored) {

        boolean joins() {
            return blockedBy == null;
        }
    }

    private final Scorer scorer;
    private final Constraints constraints;
    private final double agreementBits;
    private final double contradiction;
    private final double priorBits;

    GroupRule(Scorer scorer, Constraints constraints) {
        this.scorer = scorer;
        this.constraints = constraints;
        MatchSettings settings = scorer.settings();
        this.agreementBits = Weights.bits(settings.clustering().agreement());
        this.contradiction = settings.clustering().contradiction();
        this.priorBits = scorer.weights().priorBits();
    }

    /**
     * Scores the cross pairs of x and y; hard constraints first, then contradictions, then the group's agreement.
     */
    Outcome evaluate(List<PreparedRecord> x, List<PreparedRecord> y, StringMetrics.Scratch scratch) {
        for (PreparedRecord a : x) {
            boolean constrained = constraints.involves(a.id());
            for (PreparedRecord b : y) {
                if (a.sourceDeduplicated() && b.sourceDeduplicated() && a.sourceId() == b.sourceId()) {
                    return new Outcome(LinkReason.DEDUPLICATED_SOURCE, Double.NaN, -1, -1, Double.NaN, 0);
                }
                if (constrained && constraints.different(a.id(), b.id())) {
                    return new Outcome(LinkReason.ASSERTED_DIFFERENT, Double.NaN, -1, -1, Double.NaN, 0);
                }
            }
        }
        double sum = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestX = -1;
        int bestY = -1;
        long scored = 0;
        for (int i = 0; i < x.size(); i++) {
            PreparedRecord a = x.get(i);
            for (int j = 0; j < y.size(); j++) {
                double bits = scorer.bits(a, y.get(j), scratch);
                scored++;
                if (bits > best) {
                    best = bits;
                    bestX = i;
                    bestY = j;
                }
                if (bits - priorBits <= contradiction) {
                    return new Outcome(LinkReason.CONTRADICTION, Double.NaN, bestX, bestY, best, scored);
                }
                sum += bits;
            }
        }
        double mean = sum / scored;
        LinkReason blocked = mean >= agreementBits ? null : LinkReason.WEAK_GROUP;
        return new Outcome(blocked, mean, bestX, bestY, best, scored);
    }
}
