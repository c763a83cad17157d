package org.amalgam.match.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The clustering rule of {@link ClusteringSettings}, shared by the bulk and the real-time path: scores the pairs
 * across two groups of records and says whether the groups may join.
 *
 * <p>The work is bounded: the hard constraints are checked in time linear in the two groups, and when the two groups
 * have more than {@link #MAX_SCORED_PAIRS} pairs across them, only the pairs between evenly spread samples of at most
 * {@link #SAMPLE} records of each side are scored. A record joining a cluster of 100,000 therefore costs at most 4,096
 * scores, not 100,000, and a contradiction hidden in a member outside the sample can go unseen; the mean of the
 * sampled pairs estimates the group's agreement.
 */
final class GroupRule {

    /** At most this many cross pairs are scored for one decision. */
    static final int MAX_SCORED_PAIRS = 4096;

    /** When there are more cross pairs, each side is sampled down to this many records. */
    static final int SAMPLE = 64;

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
     * Hard constraints first (in time linear in the groups), then the scores of the cross pairs (bounded, see above):
     * contradictions, then the group's agreement.
     */
    Outcome evaluate(List<PreparedRecord> x, List<PreparedRecord> y, StringMetrics.Scratch scratch) {
        LinkReason constrained = constraint(x, y);
        if (constrained != null) {
            return new Outcome(constrained, Double.NaN, -1, -1, Double.NaN, 0);
        }
        return score(x, y, scratch);
    }

    /** What hard constraint keeps the two groups apart, or null: a deduplicated source, or a pair asserted DIFFERENT. */
    LinkReason constraint(List<PreparedRecord> x, List<PreparedRecord> y) {
        Set<Long> dedupSources = null;
        List<PreparedRecord> involvedX = null;
        for (PreparedRecord a : x) {
            if (a.sourceDeduplicated()) {
                if (dedupSources == null) {
                    dedupSources = new HashSet<>();
                }
                dedupSources.add(a.sourceId());
            }
            if (constraints.involves(a.id())) {
                if (involvedX == null) {
                    involvedX = new ArrayList<>();
                }
                involvedX.add(a);
            }
        }
        if (dedupSources == null && involvedX == null) {
            return null;
        }
        for (PreparedRecord b : y) {
            if (dedupSources != null && b.sourceDeduplicated() && dedupSources.contains(b.sourceId())) {
                return LinkReason.DEDUPLICATED_SOURCE;
            }
        }
        if (involvedX != null) {
            for (PreparedRecord b : y) {
                if (!constraints.involves(b.id())) {
                    continue;
                }
                for (PreparedRecord a : involvedX) {
                    if (constraints.different(a.id(), b.id())) {
                        return LinkReason.ASSERTED_DIFFERENT;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Scores the cross pairs (all of them, or those of the two samples when there are more than {@link
     * #MAX_SCORED_PAIRS}) and applies the contradiction and agreement rules. bestX and bestY index x and y.
     */
    Outcome score(List<PreparedRecord> x, List<PreparedRecord> y, StringMetrics.Scratch scratch) {
        boolean sampled = (long) x.size() * y.size() > MAX_SCORED_PAIRS;
        int nx = sampled ? Math.min(x.size(), SAMPLE) : x.size();
        int ny = sampled ? Math.min(y.size(), SAMPLE) : y.size();
        double sum = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestX = -1;
        int bestY = -1;
        long scored = 0;
        for (int i = 0; i < nx; i++) {
            int xi = spread(i, nx, x.size());
            PreparedRecord a = x.get(xi);
            for (int j = 0; j < ny; j++) {
                int yj = spread(j, ny, y.size());
                double bits = scorer.bits(a, y.get(yj), scratch);
                scored++;
                if (bits > best) {
                    best = bits;
                    bestX = xi;
                    bestY = yj;
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

    /** The i-th of n evenly spread positions in 0..size-1 (all of them when n == size). */
    static int spread(int i, int n, int size) {
        return n == size ? i : (int) ((long) i * size / n);
    }
}
